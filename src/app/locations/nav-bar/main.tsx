import { readBoot } from '../../api/boot.ts';
import { NavBarRoot } from '../../navbar/root.tsx';
import { localeOnly, mountLocation } from '../mount.tsx';
import { navBarStrings } from './strings.ts';

mountLocation({
  Root: NavBarRoot,
  strings: navBarStrings(),
  start: (session) => ({ locale: localeOnly(session).locale, props: { boot: readBoot() } }),
});

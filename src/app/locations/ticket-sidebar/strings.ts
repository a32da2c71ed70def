/** The sidebar's strings: only `ui.common`, `ui.zaf` and `ui.sidebar` (the build cuts them out of translations/). */
import { createStrings, type LocationStrings } from '../../i18n/load.ts';
import type { Messages } from '../../i18n/translate.ts';

// the same list as the globs' query below (a glob's options must be literals)
export const SIDEBAR_SECTIONS = ['common', 'zaf', 'sidebar'];

export function sidebarStrings(): LocationStrings {
  return createStrings(
    import.meta.glob<Messages>('../../../../translations/en.json', {
      query: '?ui-sections=common,zaf,sidebar',
      import: 'default',
      eager: true,
    }),
    import.meta.glob<Messages>(['../../../../translations/*.json', '!../../../../translations/en.json'], {
      query: '?ui-sections=common,zaf,sidebar',
      import: 'default',
    }),
  );
}

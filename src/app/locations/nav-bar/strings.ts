/** The nav bar's strings: every `ui` section but the sidebar's (the build cuts them out of translations/). */
import { createStrings, type LocationStrings } from '../../i18n/load.ts';
import type { Messages } from '../../i18n/translate.ts';

export function navBarStrings(): LocationStrings {
  return createStrings(
    import.meta.glob<Messages>('../../../../translations/en.json', { query: '?ui-sections=!sidebar', import: 'default', eager: true }),
    import.meta.glob<Messages>(['../../../../translations/*.json', '!../../../../translations/en.json'], {
      query: '?ui-sections=!sidebar',
      import: 'default',
    }),
  );
}

/** The sidebar's strings: only `ui.common`, `ui.zaf` and `ui.sidebar` (the build cuts them out of translations/). */
import { createStrings, type LocationStrings } from '../../i18n/load.ts';
import type { Messages } from '../../i18n/translate.ts';

// the same list as the globs' query below (a glob's options must be literals)
export const SIDEBAR_SECTIONS = ['common', 'zaf', 'sidebar'];

/**
 * Parts of `ui.sidebar` only views fetched on first use read (the agent's view, coaching notes, a submit's result):
 * English leaves them out of the first load and fetches them with those views (ui/lazy.ts waits for them); the
 * other locales' chunks have them all. The same list as the globs' queries below.
 */
export const LATER_STRINGS = ['sidebar.agent', 'sidebar.dispute', 'sidebar.coaching', 'sidebar.writeBack', 'sidebar.done'];

export function sidebarStrings(): LocationStrings {
  return createStrings(
    import.meta.glob<Messages>('../../../../translations/en.json', {
      query: '?ui-sections=common,zaf,sidebar,-sidebar.agent,-sidebar.dispute,-sidebar.coaching,-sidebar.writeBack,-sidebar.done',
      import: 'default',
      eager: true,
    }),
    import.meta.glob<Messages>(['../../../../translations/*.json', '!../../../../translations/en.json'], {
      query: '?ui-sections=common,zaf,sidebar',
      import: 'default',
    }),
    import.meta.glob<Messages>('../../../../translations/en.json', {
      query: '?ui-sections=sidebar.agent,sidebar.dispute,sidebar.coaching,sidebar.writeBack,sidebar.done',
      import: 'default',
    }),
  );
}

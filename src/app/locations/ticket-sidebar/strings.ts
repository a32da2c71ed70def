/** The sidebar's strings: only `ui.common`, `ui.zaf`, `ui.sidebar` and `ui.autoqa` (the build cuts them out of translations/). */
import { createStrings, type LocationStrings } from '../../i18n/load.ts';
import type { Messages } from '../../i18n/translate.ts';

// the same list as the globs' query below (a glob's options must be literals)
export const SIDEBAR_SECTIONS = ['common', 'zaf', 'sidebar', 'autoqa'];

/**
 * Parts of `ui.sidebar` only views fetched on first use read (the agent's view, coaching notes, a submit's result,
 * calibration and dispute resolution but for the two words the first load shows, the automatic checks' suggestions, the
 * list of every key, a draft's conflict but for its title, earlier evaluations but for their heading): English leaves them out of the first
 * load and fetches them with those views (ui/lazy.ts waits for them); the other locales' chunks have them all. The
 * same cuts as the globs' queries below (a glob's options must be literals; strings.test.ts checks they agree).
 */
export const FIRST_LOAD_CUT =
  'common,zaf,sidebar,-sidebar.agent,-sidebar.dispute,-sidebar.coaching,-sidebar.writeBack,-sidebar.done,-sidebar.calibration,sidebar.calibration.tag,-sidebar.resolve,sidebar.resolve.reason,-sidebar.help,sidebar.help.short,sidebar.help.toggle,-sidebar.draft.conflict,sidebar.draft.conflict.title,-sidebar.history,sidebar.history.none,sidebar.history.title';
export const LATER_CUT =
  'sidebar.agent,sidebar.dispute,sidebar.coaching,sidebar.writeBack,sidebar.done,sidebar.calibration,sidebar.resolve,autoqa,sidebar.help,sidebar.draft.conflict,sidebar.history';

export function sidebarStrings(): LocationStrings {
  return createStrings(
    import.meta.glob<Messages>('../../../../translations/en.json', {
      query:
        '?ui-sections=common,zaf,sidebar,-sidebar.agent,-sidebar.dispute,-sidebar.coaching,-sidebar.writeBack,-sidebar.done,-sidebar.calibration,sidebar.calibration.tag,-sidebar.resolve,sidebar.resolve.reason,-sidebar.help,sidebar.help.short,sidebar.help.toggle,-sidebar.draft.conflict,sidebar.draft.conflict.title,-sidebar.history,sidebar.history.none,sidebar.history.title',
      import: 'default',
      eager: true,
    }),
    import.meta.glob<Messages>(['../../../../translations/*.json', '!../../../../translations/en.json'], {
      query: '?ui-sections=common,zaf,sidebar,autoqa',
      import: 'default',
    }),
    import.meta.glob<Messages>('../../../../translations/en.json', {
      query:
        '?ui-sections=sidebar.agent,sidebar.dispute,sidebar.coaching,sidebar.writeBack,sidebar.done,sidebar.calibration,sidebar.resolve,autoqa,sidebar.help,sidebar.draft.conflict,sidebar.history',
      import: 'default',
    }),
  );
}

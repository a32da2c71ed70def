/**
 * People's names in the sidebar: `<PersonName id={...} />` asks Zendesk (ui/use-names.ts: ids batched into one
 * users/show_many request, each once per page load). Its code is fetched on first use, so it stays out of the first
 * load: most tickets show only the assignee, whose name the ticket has.
 */
import { lazyView } from '../ui/lazy.ts';

export const PersonName = lazyView(() => import('./person-name.tsx').then((m) => m.PersonName));

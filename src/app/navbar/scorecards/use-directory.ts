/** The account's groups, brands and ticket forms, read once through the Zendesk API (as the signed-in admin). */
import { ok } from '../../api/result.ts';
import { useAsync } from '../../ui/use-async.ts';
import { readListPages } from '../../zaf/list-pages.ts';
import type { ZafPort } from '../../zaf/port.ts';
import { useZaf } from '../../zaf/use-zaf.tsx';
import { emptyDirectory, type Directory } from './applies-to-summary.ts';

interface Named {
  id: number;
  name: string;
}

// a few pages cover any real account's groups/brands/forms; each page is one of the account's API calls
const MAX_PAGES = 5;

async function readAll(zaf: ZafPort, url: string, key: string): Promise<Map<number, string>> {
  const { items } = await readListPages(zaf, url, key, MAX_PAGES);
  const out = new Map<number, string>();
  for (const item of items as Named[]) {
    if (typeof item.id === 'number') out.set(item.id, String(item.name ?? item.id));
  }
  return out;
}

/** The account's groups by id, with their names (the policy's reviewer and lead groups are chosen from these). */
export const loadGroups = (zaf: ZafPort): Promise<Map<number, string>> => readAll(zaf, '/api/v2/groups.json', 'groups');

export async function loadDirectory(zaf: ZafPort): Promise<Directory> {
  const [groups, brands, forms] = await Promise.all([
    loadGroups(zaf),
    readAll(zaf, '/api/v2/brands.json', 'brands'),
    readAll(zaf, '/api/v2/ticket_forms.json', 'ticket_forms'),
  ]);
  return { groups, brands, forms };
}

const NONE = emptyDirectory();

export function useDirectory(): { directory: Directory; error: string | null } {
  const { zaf } = useZaf();
  const [state] = useAsync(() => loadDirectory(zaf).then(ok), [zaf]);
  return { directory: state.status === 'ok' ? state.value : NONE, error: state.status === 'error' ? state.error.message : null };
}

/**
 * The names of the account's people and groups, for the report tabs: from the service's synced users and groups when
 * it has synced the account (decision 028: no Zendesk request per name), else read from Zendesk in the browser.
 */
import { useContext, useMemo } from 'preact/hooks';
import { createPeopleApi } from '../../api/people-api.ts';
import { ok } from '../../api/result.ts';
import type { ServiceCall } from '../../api/service-call.ts';
import { useAsync } from '../../ui/use-async.ts';
import { rememberNames, useNames } from '../../ui/use-names.ts';
import { readListPages } from '../../zaf/list-pages.ts';
import type { ZafPort } from '../../zaf/port.ts';
import { useZaf } from '../../zaf/use-zaf.tsx';
import { NavBarContext } from '../navbar-context.tsx';
import { loadDirectory } from '../scorecards/use-directory.ts';

export interface Person {
  id: number;
  name: string;
  role: string;
}

export interface People {
  /** Agents and admins of the account (who can be reviewed or review). */
  staff: Person[];
  groups: ReadonlyMap<number, string>;
  personName(id: number): string;
  groupName(id: number): string;
}

const MAX_PAGES = 5;

/** Agents and admins from a Zendesk users list (`users`, a group's `users`), following its pages; sorted by name. */
export async function readStaff(zaf: ZafPort, first = '/api/v2/users.json?role[]=agent&role[]=admin&per_page=100'): Promise<Person[]> {
  const { items } = await readListPages(zaf, first, 'users', MAX_PAGES);
  const out: Person[] = [];
  for (const u of items as Array<Record<string, unknown>>) {
    if (typeof u.id === 'number' && u.role !== 'end-user') out.push({ id: u.id, name: String(u.name ?? u.id), role: String(u.role ?? '') });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

const NOBODY = { staff: [] as Person[], groups: new Map<number, string>() as ReadonlyMap<number, string> };

// one read per page load: every view asks, and each read spends the account's shared API budget
const directoryCache = new WeakMap<ZafPort, Promise<{ staff: Person[]; groups: ReadonlyMap<number, string> }>>();

/** The synced staff and groups, or null when the service has synced nothing (or could not be asked). */
async function syncedDirectory(zaf: ZafPort, call: ServiceCall) {
  const r = await createPeopleApi(call).directory();
  if (r.status !== 'ok' || r.value.source !== 'synced') return null;
  // former agents too: they name old evaluations, and use-names then needs no request for them
  rememberNames(zaf, r.value.staff);
  return {
    staff: r.value.staff.filter((p) => p.active).map(({ id, name, role }) => ({ id, name, role })),
    groups: new Map(r.value.groups.map((g) => [g.id, g.name])) as ReadonlyMap<number, string>,
  };
}

function readDirectory(zaf: ZafPort, call: ServiceCall | undefined) {
  let pending = directoryCache.get(zaf);
  if (!pending) {
    pending = (call ? syncedDirectory(zaf, call) : Promise.resolve(null)).then((synced) => synced ?? readFromZendesk(zaf));
    directoryCache.set(zaf, pending);
  }
  return pending;
}

const readFromZendesk = (zaf: ZafPort) =>
  Promise.all([
    readStaff(zaf).catch(() => []),
    loadDirectory(zaf).then(
      (d) => d.groups,
      () => new Map<number, string>(),
    ),
  ]).then(([staff, groups]) => ({ staff, groups }));

/**
 * The account's staff and groups, read once from Zendesk; anyone else rendered (former agents, accounts past the
 * list's pages, people in old evaluations) is asked for by id (ui/use-names.ts). Ids show as "#id" until (or unless)
 * names arrive.
 */
export function usePeople(): People {
  const { zaf } = useZaf();
  // outside the nav bar (tests of a view alone) there is no service: Zendesk is asked
  const call = useContext(NavBarContext)?.call;
  const [directory] = useAsync(() => readDirectory(zaf, call).then(ok), [zaf, call]);
  const nameOf = useNames();
  return useMemo((): People => {
    const { staff, groups } = directory.status === 'ok' ? directory.value : NOBODY;
    const names = new Map(staff.map((p) => [p.id, p.name]));
    return {
      staff,
      groups,
      // not on the staff list: asked for once the list is there
      personName: (id) => names.get(id) ?? (directory.status === 'loading' ? undefined : nameOf(id)) ?? `#${id}`,
      groupName: (id) => groups.get(id) ?? `#${id}`,
    };
  }, [directory, nameOf]);
}

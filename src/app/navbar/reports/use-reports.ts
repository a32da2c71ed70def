/** Hooks of the report tabs: async loads as values, and names of people and groups. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Result, ServiceError } from '../../api/result.ts';
import type { ZafPort } from '../../zaf/port.ts';
import { useZaf } from '../../zaf/use-zaf.tsx';
import { loadDirectory } from '../scorecards/use-directory.ts';

export type Async<T> = { status: 'loading' } | { status: 'ok'; value: T } | { status: 'error'; error: ServiceError };

/** Runs `load` whenever `key` changes; a stale answer never overwrites a newer one. */
export function useAsync<T>(load: () => Promise<Result<T>>, key: string): [Async<T>, () => void] {
  const [state, setState] = useState<Async<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    load().then(
      (r) => live && setState(r.status === 'ok' ? { status: 'ok', value: r.value } : { status: 'error', error: r.error }),
      (e: unknown) => live && setState({ status: 'error', error: { kind: 'server', message: e instanceof Error ? e.message : String(e) } }),
    );
    return () => {
      live = false;
    };
    // `load` is a fresh closure each render; `key` says when it means something new
  }, [key, generation]);
  return [state, () => setGeneration((g) => g + 1)];
}

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

async function readStaff(zaf: ZafPort): Promise<Person[]> {
  const out: Person[] = [];
  let next: string | null = '/api/v2/users.json?role[]=agent&role[]=admin&per_page=100';
  for (let page = 0; next && page < MAX_PAGES; page++) {
    const res: { responseJSON?: Record<string, unknown> } = await zaf.request<Record<string, unknown>>({ url: next, type: 'GET', httpCompleteResponse: true });
    const body: Record<string, unknown> = res.responseJSON ?? {};
    for (const u of (body.users as Array<Record<string, unknown>> | undefined) ?? []) {
      if (typeof u.id === 'number' && u.role !== 'end-user') out.push({ id: u.id, name: String(u.name ?? u.id), role: String(u.role ?? '') });
    }
    next = typeof body.next_page === 'string' ? body.next_page : null;
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

// one read per page load: every view asks, and each read spends the account's shared API budget
const directoryCache = new WeakMap<ZafPort, Promise<{ staff: Person[]; groups: ReadonlyMap<number, string> }>>();

function readDirectory(zaf: ZafPort) {
  let pending = directoryCache.get(zaf);
  if (!pending) {
    pending = Promise.all([readStaff(zaf).catch(() => []), loadDirectory(zaf).then((d) => d.groups, () => new Map<number, string>())]).then(
      ([staff, groups]) => ({ staff, groups }),
    );
    directoryCache.set(zaf, pending);
  }
  return pending;
}

/** The account's staff and groups, read once from Zendesk; ids show as "#id" until (or unless) names arrive. */
export function usePeople(): People {
  const { zaf } = useZaf();
  const [staff, setStaff] = useState<Person[]>([]);
  const [groups, setGroups] = useState<ReadonlyMap<number, string>>(new Map());
  useEffect(() => {
    let live = true;
    void readDirectory(zaf).then((d) => {
      if (!live) return;
      setStaff(d.staff);
      setGroups(d.groups);
    });
    return () => {
      live = false;
    };
  }, [zaf]);
  return useMemo(() => {
    const names = new Map(staff.map((p) => [p.id, p.name]));
    return {
      staff,
      groups,
      personName: (id) => names.get(id) ?? `#${id}`,
      groupName: (id) => groups.get(id) ?? `#${id}`,
    };
  }, [staff, groups]);
}

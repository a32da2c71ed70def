/** The names of the account's people and groups, for the report tabs. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ok } from '../../api/result.ts';
import { useAsync } from '../../ui/use-async.ts';
import type { ZafPort } from '../../zaf/port.ts';
import { useZaf } from '../../zaf/use-zaf.tsx';
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

async function readStaff(zaf: ZafPort): Promise<Person[]> {
  const out: Person[] = [];
  let next: string | null = '/api/v2/users.json?role[]=agent&role[]=admin&per_page=100';
  for (let page = 0; next && page < MAX_PAGES; page++) {
    const res: { responseJSON?: Record<string, unknown> } = await zaf.request<Record<string, unknown>>({
      url: next,
      type: 'GET',
      httpCompleteResponse: true,
    });
    const body: Record<string, unknown> = res.responseJSON ?? {};
    for (const u of (body.users as Array<Record<string, unknown>> | undefined) ?? []) {
      if (typeof u.id === 'number' && u.role !== 'end-user')
        out.push({ id: u.id, name: String(u.name ?? u.id), role: String(u.role ?? '') });
    }
    next = typeof body.next_page === 'string' ? body.next_page : null;
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

const NOBODY = { staff: [] as Person[], groups: new Map<number, string>() as ReadonlyMap<number, string> };

// one read per page load: every view asks, and each read spends the account's shared API budget
const directoryCache = new WeakMap<ZafPort, Promise<{ staff: Person[]; groups: ReadonlyMap<number, string> }>>();

function readDirectory(zaf: ZafPort) {
  let pending = directoryCache.get(zaf);
  if (!pending) {
    pending = Promise.all([
      readStaff(zaf).catch(() => []),
      loadDirectory(zaf).then(
        (d) => d.groups,
        () => new Map<number, string>(),
      ),
    ]).then(([staff, groups]) => ({ staff, groups }));
    directoryCache.set(zaf, pending);
  }
  return pending;
}

/** `users/show_many` takes at most 100 ids a request. */
export const SHOW_MANY = 100;

/**
 * Names of people the staff list does not hold (beyond its pages, no longer agents, deleted): each id asked once per
 * page load, those rendered together in one `users/show_many` request (100 ids each); an id Zendesk does not know
 * stays "#id".
 */
interface Others {
  names: Map<number, string>;
  asked: Set<number>;
  queued: number[];
  listeners: Set<() => void>;
}
const othersCache = new WeakMap<ZafPort, Others>();

function othersOf(zaf: ZafPort): Others {
  let others = othersCache.get(zaf);
  if (!others) othersCache.set(zaf, (others = { names: new Map(), asked: new Set(), queued: [], listeners: new Set() }));
  return others;
}

async function readOthers(zaf: ZafPort, others: Others): Promise<void> {
  const ids = others.queued.splice(0);
  for (let i = 0; i < ids.length; i += SHOW_MANY) {
    try {
      const res = await zaf.request<{ users?: Array<{ id?: unknown; name?: unknown }> }>({
        url: `/api/v2/users/show_many.json?ids=${ids.slice(i, i + SHOW_MANY).join(',')}`,
        type: 'GET',
        httpCompleteResponse: true,
      });
      for (const u of res.responseJSON?.users ?? []) {
        if (typeof u.id === 'number' && typeof u.name === 'string') others.names.set(u.id, u.name);
      }
    } catch {
      // Zendesk failed: those ids stay "#id" for this page load
    }
  }
  for (const listener of others.listeners) listener();
}

/** The account's staff and groups, read once from Zendesk; ids show as "#id" until (or unless) names arrive. */
export function usePeople(): People {
  const { zaf } = useZaf();
  const [directory] = useAsync(() => readDirectory(zaf).then(ok), [zaf]);
  const others = othersOf(zaf);
  const [arrived, setArrived] = useState(0);
  useEffect(() => {
    const listener = () => setArrived((n) => n + 1);
    others.listeners.add(listener);
    return () => void others.listeners.delete(listener);
  }, [others]);
  return useMemo((): People => {
    const { staff, groups } = directory.status === 'ok' ? directory.value : NOBODY;
    const names = new Map(staff.map((p) => [p.id, p.name]));
    return {
      staff,
      groups,
      personName: (id) => {
        const name = names.get(id) ?? others.names.get(id);
        // not a member of the staff list: asked for once the list is there (negative ids are erased people)
        if (name === undefined && id > 0 && directory.status !== 'loading' && !others.asked.has(id)) {
          others.asked.add(id);
          if (others.queued.push(id) === 1) setTimeout(() => void readOthers(zaf, others), 0);
        }
        return name ?? `#${id}`;
      },
      groupName: (id) => groups.get(id) ?? `#${id}`,
    };
  }, [directory, zaf, others, arrived]);
}

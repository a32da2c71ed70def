/**
 * People's names from Zendesk for every view (`users/show_many` through the ZAF port): the ids rendered before the
 * next tick go out together, 100 a request, each id once per page load; views re-render when names arrive. Names
 * learnt another way are remembered first (`rememberNames`): in the nav bar, the service's synced staff (decision
 * 028), so staff names need no request.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ZafPort } from '../zaf/port.ts';
import { useZaf } from '../zaf/use-zaf.tsx';

/** `users/show_many` takes at most 100 ids a request. */
export const SHOW_MANY = 100;

interface Names {
  /** A name, or null: Zendesk does not know the id, or could not be asked. */
  known: Map<number, string | null>;
  /** Ids asked for (or learnt): never asked again. */
  asked: Set<number>;
  queued: number[];
  listeners: Set<() => void>;
}
const pages = new WeakMap<ZafPort, Names>();

function namesOf(zaf: ZafPort): Names {
  let names = pages.get(zaf);
  if (!names) pages.set(zaf, (names = { known: new Map(), asked: new Set(), queued: [], listeners: new Set() }));
  return names;
}

async function ask(zaf: ZafPort, names: Names): Promise<void> {
  const ids = names.queued.splice(0);
  for (let i = 0; i < ids.length; i += SHOW_MANY) {
    const batch = ids.slice(i, i + SHOW_MANY);
    const found = await zaf
      .request<{ users?: Array<{ id?: unknown; name?: unknown }> }>({
        url: `/api/v2/users/show_many.json?ids=${batch.join(',')}`,
        type: 'GET',
        httpCompleteResponse: true,
      })
      .then(
        (res) => res.responseJSON?.users ?? [],
        () => [],
      );
    for (const u of found) if (typeof u.id === 'number' && typeof u.name === 'string') names.known.set(u.id, u.name);
    for (const id of batch) if (!names.known.has(id)) names.known.set(id, null);
  }
  for (const listener of names.listeners) listener();
}

/** Names learnt another way (a ticket's assignee, a search's results): they need no request. */
export function rememberNames(zaf: ZafPort, people: Iterable<{ id: number; name: string }>): void {
  const { known, asked } = namesOf(zaf);
  for (const p of people) {
    known.set(p.id, p.name);
    asked.add(p.id);
  }
}

/**
 * `nameOf(id)`: the person's name; undefined while Zendesk is asked (the first call asks); null when Zendesk does
 * not know them or failed, and for ids that are no Zendesk user (0, an erased person's negative pseudonym).
 */
export function useNames(): (id: number) => string | null | undefined {
  const { zaf } = useZaf();
  const names = namesOf(zaf);
  const [arrived, setArrived] = useState(0);
  // names that arrive between the render that asked and this subscription would otherwise never be shown
  const known = names.known.size;
  useEffect(() => {
    const listener = () => setArrived((n) => n + 1);
    names.listeners.add(listener);
    if (names.known.size !== known) listener();
    return () => void names.listeners.delete(listener);
  }, [names]);
  // a new function when names arrive, so memos that use it know
  return useMemo(
    () => (id: number) => {
      if (id <= 0) return null;
      if (!names.asked.has(id)) {
        names.asked.add(id);
        if (names.queued.push(id) === 1) setTimeout(() => void ask(zaf, names), 0);
      }
      return names.known.get(id);
    },
    [zaf, names, arrived],
  );
}

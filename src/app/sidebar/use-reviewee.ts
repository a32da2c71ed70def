/**
 * The reviewee search's people, from Zendesk through the ZAF port: the members of the ticket's group, and the users
 * whose names start with (or hold a word starting with) what is typed (`users/autocomplete`). End users are never
 * offered: only agents and admins are reviewed.
 */
import { useEffect, useState } from 'preact/hooks';
import { ok } from '../api/result.ts';
import { useAsync, type Async } from '../ui/use-async.ts';
import type { ZafPort } from '../zaf/port.ts';
import { useZaf } from '../zaf/use-zaf.tsx';

export interface Person {
  id: number;
  name: string;
}

/** A person offered in the search, and whether they are in the ticket's group. */
export interface Candidate extends Person {
  member: boolean;
}

/** Shortest text sent to Zendesk's autocomplete; shorter text only filters the group's members. */
export const MIN_SEARCH = 2;
/** How long typing must pause before Zendesk is asked. */
export const SEARCH_DELAY_MS = 250;
/** The most people the list shows. */
export const MAX_CANDIDATES = 25;

type Users = { users?: Array<{ id?: unknown; name?: unknown; role?: unknown }> };

async function staffAt(zaf: ZafPort, url: string): Promise<Person[]> {
  const res = await zaf.request<Users>({ url, type: 'GET' });
  return (res.responseJSON?.users ?? []).flatMap((u) =>
    typeof u.id === 'number' && typeof u.name === 'string' && u.role !== 'end-user' ? [{ id: u.id, name: u.name }] : [],
  );
}

/** The ticket's group members (agents and admins); none without a group. */
export function useGroupMembers(groupId: number | null): Async<Person[]> {
  const { zaf } = useZaf();
  const [members] = useAsync(
    () => (groupId === null ? Promise.resolve(ok([])) : staffAt(zaf, `/api/v2/groups/${groupId}/users.json`).then(ok)),
    [zaf, groupId],
  );
  return members;
}

/** Agents and admins whose names match `text`, asked once typing pauses; none for text shorter than MIN_SEARCH. */
export function useNameSearch(text: string): Async<Person[]> {
  const { zaf } = useZaf();
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const [found] = useAsync(
    () =>
      settled.length < MIN_SEARCH
        ? Promise.resolve(ok([]))
        : staffAt(zaf, `/api/v2/users/autocomplete.json?name=${encodeURIComponent(settled)}`).then(ok),
    [zaf, settled],
  );
  // while typing pauses, the last answer is not the answer to what is typed
  return settled === text ? found : { status: 'loading' };
}

/**
 * What the list offers for `text`: the group's members whose names hold it, then the others Zendesk found (members it
 * found by another match move up), each person once, at most MAX_CANDIDATES; never `reviewer` (no one reviews their
 * own work).
 */
export function candidates(members: readonly Person[], found: readonly Person[], text: string, reviewer?: number): Candidate[] {
  const typed = text.trim().toLocaleLowerCase();
  const memberIds = new Set(members.map((m) => m.id));
  const seen = new Set<number>(reviewer === undefined ? [] : [reviewer]);
  const out: Candidate[] = [];
  const offer = (p: Person) => {
    if (seen.has(p.id)) return;
    seen.add(p.id);
    out.push({ ...p, member: memberIds.has(p.id) });
  };
  for (const m of members) if (m.name.toLocaleLowerCase().includes(typed)) offer(m);
  for (const p of found) if (memberIds.has(p.id)) offer(p);
  for (const p of found) offer(p);
  return out.slice(0, MAX_CANDIDATES);
}

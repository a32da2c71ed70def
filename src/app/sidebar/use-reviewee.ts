/** The reviewee picker's choices: members of the ticket's group, fetched only when the reviewer asks to change. */
import { useEffect, useState } from 'preact/hooks';
import { useZaf } from '../zaf/use-zaf.tsx';

export interface Person {
  id: number;
  name: string;
}

export function useGroupMembers(groupId: number | null, wanted: boolean): Person[] | 'loading' | null {
  const { zaf } = useZaf();
  const [members, setMembers] = useState<Person[] | 'loading' | null>(null);
  useEffect(() => {
    if (!wanted || groupId === null) return;
    let live = true;
    setMembers('loading');
    zaf.request<{ users?: Array<{ id?: unknown; name?: unknown; role?: unknown }> }>({ url: `/api/v2/groups/${groupId}/users.json`, type: 'GET' }).then(
      (res) =>
        live &&
        setMembers(
          (res.responseJSON?.users ?? []).flatMap((u) =>
            typeof u.id === 'number' && u.role !== 'end-user' ? [{ id: u.id, name: typeof u.name === 'string' ? u.name : `#${u.id}` }] : [],
          ),
        ),
      // no list: the reviewer can still type a user id
      () => live && setMembers(null),
    );
    return () => {
      live = false;
    };
  }, [zaf, groupId, wanted]);
  return members;
}

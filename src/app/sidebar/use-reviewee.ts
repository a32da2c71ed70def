/** The reviewee picker's choices: members of the ticket's group, fetched only when the reviewer asks to change. */
import { ok } from '../api/result.ts';
import { useAsync } from '../ui/use-async.ts';
import { useZaf } from '../zaf/use-zaf.tsx';

export interface Person {
  id: number;
  name: string;
}

type Users = { users?: Array<{ id?: unknown; name?: unknown; role?: unknown }> };

/** Null without a list (no group, or Zendesk failed): the reviewer can still type a user id. */
export function useGroupMembers(groupId: number | null, wanted: boolean): Person[] | 'loading' | null {
  const { zaf } = useZaf();
  const [members] = useAsync(
    wanted && groupId !== null
      ? () =>
          zaf
            .request<Users>({ url: `/api/v2/groups/${groupId}/users.json`, type: 'GET' })
            .then((res) =>
              ok(
                (res.responseJSON?.users ?? []).flatMap((u) =>
                  typeof u.id === 'number' && u.role !== 'end-user'
                    ? [{ id: u.id, name: typeof u.name === 'string' ? u.name : `#${u.id}` }]
                    : [],
                ),
              ),
            )
      : null,
    [zaf, groupId, wanted],
  );
  if (groupId === null || members.status === 'error') return null;
  return members.status === 'ok' ? members.value : 'loading';
}

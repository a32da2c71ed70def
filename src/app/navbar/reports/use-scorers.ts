/**
 * Who may be invited to a calibration session: the people who score, as the service decides roles (core/roles.ts):
 * Zendesk admins, and members of the policy's reviewer and lead groups. Agents are left out.
 */
import type { QaRole } from '../../../core/evaluation.ts';
import type { AccountPolicy } from '../../../core/policy.ts';
import { qaRoleOf } from '../../../core/roles.ts';
import { ok } from '../../api/result.ts';
import { useAsync } from '../../ui/use-async.ts';
import { useZaf } from '../../zaf/use-zaf.tsx';
import { useNavBar } from '../navbar-context.tsx';
import { readStaff, type Person } from './use-people.ts';

export interface Scorer extends Person {
  qaRole: Exclude<QaRole, 'agent'>;
}

/**
 * The scorers among the account's staff and the members of the policy's groups (`members`: group id to its users),
 * each once, by name.
 */
export function scorersOf(
  staff: readonly Person[],
  policy: Pick<AccountPolicy, 'reviewerGroupIds' | 'leadGroupIds'>,
  members: ReadonlyMap<number, readonly Person[]>,
): Scorer[] {
  const people = new Map<number, { person: Person; groupIds: number[] }>();
  for (const person of staff) people.set(person.id, { person, groupIds: [] });
  for (const [groupId, users] of members) {
    for (const person of users) {
      const entry = people.get(person.id) ?? { person, groupIds: [] };
      entry.groupIds.push(groupId);
      people.set(person.id, entry);
    }
  }
  const out: Scorer[] = [];
  for (const { person, groupIds } of people.values()) {
    const qaRole = qaRoleOf({ role: person.role, groupIds }, policy);
    if (qaRole && qaRole !== 'agent') out.push({ ...person, qaRole });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** The scorers, read once the staff list is there: the policy from the service, each group's members from Zendesk. */
export function useScorers(staff: readonly Person[]) {
  const { zaf } = useZaf();
  const { policy } = useNavBar();
  const [state] = useAsync(async () => {
    const read = await policy.get();
    if (read.status !== 'ok') return read;
    const groups = [...new Set([...read.value.reviewerGroupIds, ...read.value.leadGroupIds])];
    const members = await Promise.all(
      groups.map(async (id) => [id, await readStaff(zaf, `/api/v2/groups/${id}/users.json?per_page=100`)] as const),
    );
    return ok(scorersOf(staff, read.value, new Map(members)));
  }, [zaf, policy, staff]);
  return state;
}

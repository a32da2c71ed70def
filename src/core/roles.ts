import type { QaRole } from './evaluation.ts';

/** The Zendesk user facts the QA role follows from; `role` is Zendesk's own (`end-user`, `agent`, `admin`). */
export interface ZendeskStaff {
  role: string;
  groupIds: readonly number[];
}

/**
 * Zendesk admins are admins; then a QA lead group, then a reviewer group, else agent; end users have no QA role.
 * The service decides this from what Zendesk says; the app only shows the answer.
 */
export function qaRoleOf(
  user: ZendeskStaff,
  policy: { reviewerGroupIds: readonly number[]; leadGroupIds: readonly number[] },
): QaRole | null {
  if (user.role === 'admin') return 'admin';
  if (user.role !== 'agent') return null;
  const groups = new Set(user.groupIds);
  if (policy.leadGroupIds.some((id) => groups.has(id))) return 'lead';
  if (policy.reviewerGroupIds.some((id) => groups.has(id))) return 'reviewer';
  return 'agent';
}

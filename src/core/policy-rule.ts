import type { QaRole } from './evaluation.ts';

/** The one rule, shared by the service (which enforces it) and the nav bar (which shows or hides the editor). */
// zod-free so the nav bar's first chunk can use it without bundling zod
export function canManageScorecards(role: QaRole, policy: { scorecardManagerRoles: readonly string[] }): boolean {
  return role === 'admin' || (role !== 'agent' && policy.scorecardManagerRoles.includes(role));
}

/**
 * Who may do what, by QA role: the rules the service enforces (src/server/auth.ts and its routes), stated once so
 * that the app shows only what the service will accept. Zod-free, so the sidebar's first chunk can use it.
 */
import type { EvaluationStatus, QaRole } from './evaluation.ts';

/** Change the account policy, keep API keys, end others' sessions, erase personal data, apply retention. */
export const ADMIN: readonly QaRole[] = ['admin'];
/** Score tickets, read every evaluation, keep drafts, read the plan, coverage and calibration sessions. */
export const STAFF: readonly QaRole[] = ['admin', 'lead', 'reviewer'];
/** Resolve disputes, set the plan and targets, start and close calibration sessions, change any evaluation. */
export const LEADS: readonly QaRole[] = ['admin', 'lead'];

export const isAdmin = (role: QaRole): boolean => ADMIN.includes(role);
export const isStaff = (role: QaRole): boolean => STAFF.includes(role);
export const isLead = (role: QaRole): boolean => LEADS.includes(role);

/** The user acting. */
export interface Actor {
  userId: number;
  role: QaRole;
}

/** What the rules read of an evaluation. */
export interface Reviewed {
  reviewerId: number;
  revieweeId: number;
  status: EvaluationStatus;
}

/**
 * Withdraw an evaluation, or change its scoring: a lead or an admin, or the reviewer who wrote it. (A change is also
 * refused to whoever the evaluation is about; the service decides that with the reviewee the change names.)
 */
export const mayAmend = (actor: Actor, e: Pick<Reviewed, 'reviewerId'>): boolean =>
  isLead(actor.role) || (actor.role === 'reviewer' && e.reviewerId === actor.userId);

/** Acknowledge: the agent whose work it is, once it is submitted. */
export const mayAcknowledge = (actor: Actor, e: Reviewed): boolean => e.revieweeId === actor.userId && e.status === 'submitted';

/** Dispute: the agent whose work it is, while it is submitted or acknowledged. */
export const mayDispute = (actor: Actor, e: Reviewed): boolean =>
  e.revieweeId === actor.userId && (e.status === 'submitted' || e.status === 'acknowledged');

/** Resolve a dispute: a lead or an admin who is neither its reviewer nor its reviewee (no one judges their own case). */
export const mayResolve = (actor: Actor, e: Reviewed): boolean =>
  e.status === 'disputed' && isLead(actor.role) && e.reviewerId !== actor.userId && e.revieweeId !== actor.userId;

/**
 * Manage scorecards when the role alone decides: admins always, agents never; null for leads and reviewers, whom the
 * account policy names (or not).
 */
export function managesScorecardsByRole(role: QaRole): boolean | null {
  if (role === 'admin') return true;
  if (role === 'agent') return false;
  return null;
}

/** Manage scorecards (edit drafts, publish, archive, what-if): admins, and the roles the account policy names. */
export function canManageScorecards(role: QaRole, policy: { scorecardManagerRoles: readonly string[] }): boolean {
  return managesScorecardsByRole(role) ?? policy.scorecardManagerRoles.includes(role);
}

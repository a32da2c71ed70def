/**
 * Who may do what, by QA role: stated once, so that the service enforces (src/server/auth.ts's role lists, its
 * services' checks) exactly what the app shows. Zod-free, so the sidebar's first chunk can use it.
 */
import type { CalibrationSessionStatus } from './calibration.ts';
import type { EvaluationKind, EvaluationStatus, QaRole } from './evaluation.ts';

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

/** Whose work the actor reads: anyone's for staff (null), only their own for an agent (their user id). */
export const ownWorkOnly = (actor: Actor): number | null => (isStaff(actor.role) ? null : actor.userId);

/** Read an agent's work (evaluations of it, coaching notes on it, report figures of it): staff anyone's, an agent their own. */
export const maySeeWorkOf = (actor: Actor, agentId: number): boolean => isStaff(actor.role) || agentId === actor.userId;

/** A review whose reviewee is its reviewer: refused (a self-assessment is the kind `self-review`). */
export const isSelfReview = (e: Pick<Reviewed, 'reviewerId' | 'revieweeId'> & { kind: EvaluationKind }): boolean =>
  e.kind === 'review' && e.revieweeId === e.reviewerId;

/**
 * Withdraw an evaluation, or change its scoring: a lead or an admin, or the reviewer who wrote it. (A change is also
 * refused to whoever the evaluation is about: `amendsOwnWork`.)
 */
export const mayAmend = (actor: Actor, e: Pick<Reviewed, 'reviewerId'>): boolean =>
  isLead(actor.role) || (actor.role === 'reviewer' && e.reviewerId === actor.userId);

/**
 * A change of a review by the agent whose work it is, or that would make it theirs (`revieweeId`: the reviewee the
 * change names); no one amends a review of their own work. (The reviewer naming themselves is a self-review.)
 */
export const amendsOwnWork = (
  actor: Actor,
  e: Pick<Reviewed, 'reviewerId' | 'revieweeId'> & { kind: EvaluationKind },
  revieweeId: number = e.revieweeId,
): boolean => e.kind === 'review' && (e.revieweeId === actor.userId || (revieweeId === actor.userId && e.reviewerId !== actor.userId));

const isReviewee = (actor: Actor, e: Pick<Reviewed, 'revieweeId'>): boolean => e.revieweeId === actor.userId;

/** A change of an evaluation's status: who may make it (`by`) and from which statuses (withdrawn is final). */
export interface StatusRule {
  by: (actor: Actor, e: Pick<Reviewed, 'reviewerId' | 'revieweeId'>) => boolean;
  from: readonly EvaluationStatus[];
  to: EvaluationStatus;
}

export type StatusAction = 'withdraw' | 'acknowledge' | 'dispute' | 'resolve';

export const STATUS_RULES: Readonly<Record<StatusAction, StatusRule>> = {
  withdraw: { by: mayAmend, from: ['submitted', 'acknowledged', 'disputed', 'dispute-resolved'], to: 'withdrawn' },
  // acknowledging accepts the evaluation: a dispute is raised instead of acknowledging, not after it
  // (docs/decisions/021-acknowledge-or-dispute.md); an amend after acknowledgement puts it back to submitted
  acknowledge: { by: isReviewee, from: ['submitted'], to: 'acknowledged' },
  dispute: { by: isReviewee, from: ['submitted'], to: 'disputed' },
  // no one judges their own case: not the reviewer who scored it, not the agent whose work it is
  resolve: {
    by: (actor, e) => isLead(actor.role) && e.reviewerId !== actor.userId && e.revieweeId !== actor.userId,
    from: ['disputed'],
    to: 'dispute-resolved',
  },
};

/** The actor may make the status change now: it is theirs to make, and the evaluation's status allows it. */
export const mayChangeStatus = (action: StatusAction, actor: Actor, e: Reviewed): boolean =>
  STATUS_RULES[action].by(actor, e) && STATUS_RULES[action].from.includes(e.status);

/** Acknowledge: the agent whose work it is, once it is submitted. */
export const mayAcknowledge = (actor: Actor, e: Reviewed): boolean => mayChangeStatus('acknowledge', actor, e);

/** Dispute: the agent whose work it is, instead of acknowledging: while it is submitted (not once acknowledged). */
export const mayDispute = (actor: Actor, e: Reviewed): boolean => mayChangeStatus('dispute', actor, e);

/** Resolve a dispute: a lead or an admin who is neither its reviewer nor its reviewee (no one judges their own case). */
export const mayResolve = (actor: Actor, e: Reviewed): boolean => mayChangeStatus('resolve', actor, e);

/** Write a coaching note on an evaluation: its reviewer, a lead or an admin. */
export const mayCoach = (actor: Actor, e: Pick<Reviewed, 'reviewerId'>): boolean => isLead(actor.role) || e.reviewerId === actor.userId;

/** Acknowledge a coaching note: the coached agent. */
export const mayAcknowledgeNote = (actor: Actor, note: { agentId: number }): boolean => note.agentId === actor.userId;

/** What the rules read of a calibration session. */
export interface Session {
  reviewerIds: readonly number[];
  status: CalibrationSessionStatus;
}

export const isInvited = (actor: Actor, s: Pick<Session, 'reviewerIds'>): boolean => s.reviewerIds.includes(actor.userId);

/** Read a calibration session: leads and admins every one, reviewers those they are invited to, agents none. */
export const maySeeSession = (actor: Actor, s: Pick<Session, 'reviewerIds'>): boolean =>
  isLead(actor.role) || (isStaff(actor.role) && isInvited(actor, s));

/**
 * Blind to a session's scores: a participant of an open session who has not submitted their own (`submitted`: who
 * has) sees no one else's, whatever their role.
 */
export const blindToSession = (actor: Actor, s: Session, submitted: readonly number[]): boolean =>
  isInvited(actor, s) && s.status === 'open' && !submitted.includes(actor.userId);

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

import { describe, expect, it } from 'vitest';
import type { EvaluationStatus, QaRole } from './evaluation.ts';
import {
  amendsOwnWork,
  blindToSession,
  canManageScorecards,
  isLead,
  isSelfReview,
  isStaff,
  managesScorecardsByRole,
  mayAcknowledge,
  mayAcknowledgeNote,
  mayAmend,
  mayChangeStatus,
  mayCoach,
  mayDispute,
  mayResolve,
  maySeeSession,
  maySeeWorkOf,
  ownWorkOnly,
  STATUS_RULES,
} from './permissions.ts';

const ROLES: QaRole[] = ['admin', 'lead', 'reviewer', 'agent'];
const me = (role: QaRole) => ({ userId: 1, role });
const evaluation = (reviewerId: number, revieweeId: number, status: EvaluationStatus = 'submitted') => ({ reviewerId, revieweeId, status });

describe('role rules', () => {
  it('staff score and read; leads and admins run the team', () => {
    expect(ROLES.filter(isStaff)).toEqual(['admin', 'lead', 'reviewer']);
    expect(ROLES.filter(isLead)).toEqual(['admin', 'lead']);
  });

  it('only reviewers, leads and admins score tickets', () => {
    expect(isStaff('agent')).toBe(false);
    expect(isStaff('reviewer')).toBe(true);
    expect(isStaff('lead')).toBe(true);
  });

  it('a lead or admin changes any evaluation, a reviewer only their own, an agent none', () => {
    expect(ROLES.filter((r) => mayAmend(me(r), evaluation(2, 3)))).toEqual(['admin', 'lead']);
    expect(ROLES.filter((r) => mayAmend(me(r), evaluation(1, 3)))).toEqual(['admin', 'lead', 'reviewer']);
  });

  it('only the reviewee acknowledges or disputes, and only a submitted evaluation: acknowledging accepts it', () => {
    expect(mayAcknowledge(me('agent'), evaluation(2, 1))).toBe(true);
    expect(mayAcknowledge(me('agent'), evaluation(2, 1, 'acknowledged'))).toBe(false);
    expect(mayAcknowledge(me('lead'), evaluation(2, 3))).toBe(false);
    expect(mayDispute(me('agent'), evaluation(2, 1))).toBe(true);
    expect(mayDispute(me('agent'), evaluation(2, 1, 'acknowledged'))).toBe(false);
    expect(mayDispute(me('agent'), evaluation(2, 1, 'disputed'))).toBe(false);
    expect(mayDispute(me('admin'), evaluation(2, 3))).toBe(false);
  });

  it('a dispute is resolved by a lead or admin who is neither its reviewer nor its reviewee', () => {
    expect(ROLES.filter((r) => mayResolve(me(r), evaluation(2, 3, 'disputed')))).toEqual(['admin', 'lead']);
    expect(mayResolve(me('lead'), evaluation(1, 3, 'disputed'))).toBe(false);
    expect(mayResolve(me('lead'), evaluation(2, 1, 'disputed'))).toBe(false);
    expect(mayResolve(me('lead'), evaluation(2, 3, 'submitted'))).toBe(false);
  });

  it('withdraw: whoever may amend, from any status but withdrawn', () => {
    expect(ROLES.filter((r) => mayChangeStatus('withdraw', me(r), evaluation(1, 3, 'disputed')))).toEqual(['admin', 'lead', 'reviewer']);
    expect(mayChangeStatus('withdraw', me('lead'), evaluation(2, 3, 'withdrawn'))).toBe(false);
    expect(STATUS_RULES.withdraw.by(me('reviewer'), evaluation(2, 3))).toBe(false);
  });

  it('who a status change is for is told apart from the status it needs (403 and 422 on the service)', () => {
    expect(STATUS_RULES.acknowledge.by(me('agent'), evaluation(2, 1, 'disputed'))).toBe(true);
    expect(STATUS_RULES.acknowledge.from).not.toContain('disputed');
    expect(STATUS_RULES.dispute.by(me('lead'), evaluation(2, 3))).toBe(false);
    expect(STATUS_RULES.resolve.to).toBe('dispute-resolved');
  });
});

describe('whose work', () => {
  it('staff read anyone’s work, an agent only their own', () => {
    expect(ROLES.map((r) => ownWorkOnly(me(r)))).toEqual([null, null, null, 1]);
    expect(ROLES.filter((r) => maySeeWorkOf(me(r), 2))).toEqual(['admin', 'lead', 'reviewer']);
    expect(maySeeWorkOf(me('agent'), 1)).toBe(true);
  });

  it('a review of the reviewer’s own work is a self-review; the other kinds never are', () => {
    expect(isSelfReview({ kind: 'review', reviewerId: 1, revieweeId: 1 })).toBe(true);
    expect(isSelfReview({ kind: 'review', reviewerId: 1, revieweeId: 2 })).toBe(false);
    expect(isSelfReview({ kind: 'self-review', reviewerId: 1, revieweeId: 1 })).toBe(false);
  });

  it('no one amends a review of their own work, nor makes one theirs', () => {
    const review = { kind: 'review' as const, reviewerId: 2, revieweeId: 1 };
    expect(amendsOwnWork(me('lead'), review)).toBe(true);
    expect(amendsOwnWork(me('lead'), { ...review, revieweeId: 3 }, 1)).toBe(true);
    expect(amendsOwnWork(me('lead'), { ...review, revieweeId: 3 })).toBe(false);
    // the reviewer naming themselves is a self-review, refused apart
    expect(amendsOwnWork(me('reviewer'), { ...review, reviewerId: 1, revieweeId: 3 }, 1)).toBe(false);
    expect(amendsOwnWork(me('lead'), { ...review, kind: 'self-review' })).toBe(false);
  });

  it('coaching: the reviewer, a lead or an admin writes; the coached agent acknowledges', () => {
    expect(ROLES.filter((r) => mayCoach(me(r), { reviewerId: 2 }))).toEqual(['admin', 'lead']);
    expect(mayCoach(me('reviewer'), { reviewerId: 1 })).toBe(true);
    expect(mayAcknowledgeNote(me('agent'), { agentId: 1 })).toBe(true);
    expect(mayAcknowledgeNote(me('lead'), { agentId: 2 })).toBe(false);
  });
});

describe('calibration sessions', () => {
  const session = (reviewerIds: number[], status: 'open' | 'closed' = 'open') => ({ reviewerIds, status });

  it('leads and admins see every session, reviewers those they are invited to, agents none', () => {
    expect(ROLES.filter((r) => maySeeSession(me(r), session([2])))).toEqual(['admin', 'lead']);
    expect(ROLES.filter((r) => maySeeSession(me(r), session([1])))).toEqual(['admin', 'lead', 'reviewer']);
  });

  it('an invited participant is blind until they submit, or the session closes, whatever their role', () => {
    expect(blindToSession(me('lead'), session([1, 2]), [2])).toBe(true);
    expect(blindToSession(me('lead'), session([1, 2]), [1])).toBe(false);
    expect(blindToSession(me('reviewer'), session([1, 2], 'closed'), [])).toBe(false);
    expect(blindToSession(me('lead'), session([2]), [])).toBe(false);
  });
});

describe('scorecard management', () => {
  it('lets admins in and keeps agents out without asking the policy', () => {
    expect(managesScorecardsByRole('admin')).toBe(true);
    expect(managesScorecardsByRole('agent')).toBe(false);
    expect(managesScorecardsByRole('lead')).toBeNull();
    expect(managesScorecardsByRole('reviewer')).toBeNull();
  });

  it('lets leads and reviewers in only when the account policy names their role', () => {
    expect(canManageScorecards('lead', { scorecardManagerRoles: [] })).toBe(false);
    expect(canManageScorecards('lead', { scorecardManagerRoles: ['lead'] })).toBe(true);
    expect(canManageScorecards('reviewer', { scorecardManagerRoles: ['lead'] })).toBe(false);
    expect(canManageScorecards('agent', { scorecardManagerRoles: ['lead', 'reviewer'] })).toBe(false);
    expect(canManageScorecards('admin', { scorecardManagerRoles: [] })).toBe(true);
  });
});

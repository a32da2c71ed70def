import { describe, expect, it } from 'vitest';
import type { EvaluationStatus, QaRole } from './evaluation.ts';
import { canManageScorecards, isLead, isStaff, managesScorecardsByRole, mayAcknowledge, mayAmend, mayDispute, mayResolve } from './permissions.ts';

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

  it('only the reviewee acknowledges (once submitted) and disputes (submitted or acknowledged)', () => {
    expect(mayAcknowledge(me('agent'), evaluation(2, 1))).toBe(true);
    expect(mayAcknowledge(me('agent'), evaluation(2, 1, 'acknowledged'))).toBe(false);
    expect(mayAcknowledge(me('lead'), evaluation(2, 3))).toBe(false);
    expect(mayDispute(me('agent'), evaluation(2, 1, 'acknowledged'))).toBe(true);
    expect(mayDispute(me('agent'), evaluation(2, 1, 'disputed'))).toBe(false);
    expect(mayDispute(me('admin'), evaluation(2, 3))).toBe(false);
  });

  it('a dispute is resolved by a lead or admin who is neither its reviewer nor its reviewee', () => {
    expect(ROLES.filter((r) => mayResolve(me(r), evaluation(2, 3, 'disputed')))).toEqual(['admin', 'lead']);
    expect(mayResolve(me('lead'), evaluation(1, 3, 'disputed'))).toBe(false);
    expect(mayResolve(me('lead'), evaluation(2, 1, 'disputed'))).toBe(false);
    expect(mayResolve(me('lead'), evaluation(2, 3, 'submitted'))).toBe(false);
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

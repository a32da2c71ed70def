import { describe, expect, it } from 'vitest';
import { scorersOf } from './use-scorers.ts';

const person = (id: number, name: string, role = 'agent') => ({ id, name, role });

describe('who may be invited to calibrate', () => {
  const staff = [person(1, 'Rita Reviewer'), person(2, 'Alex Agent'), person(3, 'Ada Admin', 'admin'), person(4, 'Lee Lead')];
  const policy = { reviewerGroupIds: [10], leadGroupIds: [20] };

  it('offers reviewers, leads and admins, never agents', () => {
    const members = new Map([
      [10, [person(1, 'Rita Reviewer'), person(4, 'Lee Lead')]],
      [20, [person(4, 'Lee Lead')]],
    ]);
    expect(scorersOf(staff, policy, members).map((p) => [p.name, p.qaRole])).toEqual([
      ['Ada Admin', 'admin'],
      ['Lee Lead', 'lead'],
      ['Rita Reviewer', 'reviewer'],
    ]);
  });

  it('includes group members beyond the staff list, and only admins without groups', () => {
    const members = new Map([[10, [person(99, 'Zoe Beyond')]]]);
    expect(scorersOf(staff, policy, members).map((p) => p.name)).toEqual(['Ada Admin', 'Zoe Beyond']);
    expect(scorersOf(staff, { reviewerGroupIds: [], leadGroupIds: [] }, new Map()).map((p) => p.name)).toEqual(['Ada Admin']);
  });
});

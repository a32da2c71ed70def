import { describe, expect, it } from 'vitest';
import { canManageScorecards } from './permissions.ts';

describe('canManageScorecards', () => {
  it('lets admins in', () => {
    expect(canManageScorecards('admin', {})).toBe(true);
  });
  it('keeps others out unless a setting names their role', () => {
    expect(canManageScorecards('lead', {})).toBe(false);
    expect(canManageScorecards('lead', { scorecardManagerRoles: 'Lead, reviewer' })).toBe(true);
    expect(canManageScorecards('reviewer', { scorecardManagerRoles: 'lead' })).toBe(false);
  });
  it('never lets agents in, whatever the setting says', () => {
    expect(canManageScorecards('agent', { scorecardManagerRoles: 'agent' })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { Method } from '../api/service-call.ts';
import { ok } from '../api/result.ts';
import { accessByRole, accessUnder, createPolicyApi } from './permissions.ts';

describe('scorecard access', () => {
  it('lets admins in and keeps agents out without asking the service', () => {
    expect(accessByRole('admin')).toBe('allowed');
    expect(accessByRole('agent')).toBe('denied');
    expect(accessByRole('lead')).toBeNull();
    expect(accessByRole('reviewer')).toBeNull();
  });
  it('lets leads and reviewers in only when the account policy names their role', () => {
    expect(accessUnder('lead', { scorecardManagerRoles: [] })).toBe('denied');
    expect(accessUnder('lead', { scorecardManagerRoles: ['lead'] })).toBe('allowed');
    expect(accessUnder('reviewer', { scorecardManagerRoles: ['lead'] })).toBe('denied');
    expect(accessUnder('agent', { scorecardManagerRoles: ['lead', 'reviewer'] })).toBe('denied');
  });
});

describe('createPolicyApi', () => {
  it('reads and writes /policy, refusing a body that is not a policy', async () => {
    const calls: string[] = [];
    let stored: unknown = { scorecardManagerRoles: [] };
    const api = createPolicyApi(async (method: Method, path: string, body?: unknown) => {
      calls.push(`${method} ${path}`);
      if (method === 'PUT') stored = body;
      return ok(stored);
    });
    expect(await api.get()).toEqual(ok({ scorecardManagerRoles: [] }));
    expect(await api.set({ scorecardManagerRoles: ['lead'] })).toEqual(ok({ scorecardManagerRoles: ['lead'] }));
    expect(calls).toEqual(['GET /policy', 'PUT /policy']);
    stored = { scorecardManagerRoles: ['agent'] };
    expect((await api.get()).status).toBe('error');
  });
});

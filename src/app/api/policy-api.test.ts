import { describe, expect, it } from 'vitest';
import { createPolicyApi, policyChange } from './policy-api.ts';
import { ok } from './result.ts';
import type { Method } from './service-call.ts';

describe('createPolicyApi', () => {
  it('reads and writes /policy with only the changed keys, refusing a body that is not a policy', async () => {
    const calls: string[] = [];
    let stored: Record<string, unknown> = { scorecardManagerRoles: [] };
    const api = createPolicyApi(async (method: Method, path: string, body?: unknown) => {
      calls.push(`${method} ${path}${body ? ` ${JSON.stringify(body)}` : ''}`);
      if (method === 'PUT') stored = { ...stored, ...(body as object) };
      return ok(stored);
    });
    // an older service without the group keys: they read as none
    expect(await api.get()).toEqual(ok({ scorecardManagerRoles: [], reviewerGroupIds: [], leadGroupIds: [] }));
    expect(await api.set({ reviewerGroupIds: [7] })).toEqual(ok({ scorecardManagerRoles: [], reviewerGroupIds: [7], leadGroupIds: [] }));
    expect(calls).toEqual(['GET /policy', 'PUT /policy {"reviewerGroupIds":[7]}']);
    stored = { scorecardManagerRoles: ['agent'] };
    expect((await api.get()).status).toBe('error');
    stored = { scorecardManagerRoles: [], reviewerGroupIds: [0] };
    expect((await api.get()).status).toBe('error');
  });

  it('names only the keys that changed (order of ids does not count)', () => {
    const saved = { scorecardManagerRoles: ['lead' as const], reviewerGroupIds: [1, 2], leadGroupIds: [3] };
    expect(policyChange(saved, { ...saved, reviewerGroupIds: [2, 1] })).toEqual({});
    expect(policyChange(saved, { ...saved, leadGroupIds: [] })).toEqual({ leadGroupIds: [] });
    expect(policyChange(saved, { scorecardManagerRoles: [], reviewerGroupIds: [1], leadGroupIds: [3] })).toEqual({
      scorecardManagerRoles: [],
      reviewerGroupIds: [1],
    });
  });
});

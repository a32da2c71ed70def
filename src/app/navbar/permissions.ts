/**
 * Who may manage scorecards: admins always, agents never, leads and reviewers when the account policy the
 * service keeps names their role (not an app setting: settings reach the browser and the service enforces it).
 */
import type { QaRole } from '../../core/evaluation.ts';
import { AccountPolicy, canManageScorecards } from '../../core/policy.ts';
import { fail, ok, type Result } from '../api/result.ts';
import type { ServiceCall } from '../api/service-call.ts';

export type ScorecardAccess = 'allowed' | 'denied';

/** The answer when the role alone decides; null when it takes the account policy. */
export function accessByRole(role: QaRole): ScorecardAccess | null {
  if (role === 'admin') return 'allowed';
  if (role === 'agent') return 'denied';
  return null;
}

export function accessUnder(role: QaRole, policy: AccountPolicy): ScorecardAccess {
  return canManageScorecards(role, policy) ? 'allowed' : 'denied';
}

export interface PolicyApi {
  get(): Promise<Result<AccountPolicy>>;
  /** Admins only; the service audits it. */
  set(policy: AccountPolicy): Promise<Result<AccountPolicy>>;
}

const parsed = (r: Result<unknown>): Result<AccountPolicy> => {
  if (r.status === 'error') return r;
  const p = AccountPolicy.safeParse(r.value);
  return p.success ? ok(p.data) : fail('server', 'unexpected policy from the service');
};

export function createPolicyApi(call: ServiceCall): PolicyApi {
  return {
    get: async () => parsed(await call('GET', '/policy')),
    set: async (policy) => parsed(await call('PUT', '/policy', policy)),
  };
}

/**
 * The account policy the service keeps: which roles besides admins manage scorecards (not an app setting: settings
 * reach the browser and the service enforces it), and the Zendesk groups whose members are reviewers and QA leads.
 * Everyone reads it; admins change it here.
 */
import type { AccountPolicy } from '../../core/policy.ts';
import { fail, ok, type Result } from '../api/result.ts';
import type { ServiceCall } from '../api/service-call.ts';

export interface PolicyApi {
  get(): Promise<Result<AccountPolicy>>;
  /** Admins only; the keys left out keep their value (send only what changed). The service audits it. */
  set(change: Partial<AccountPolicy>): Promise<Result<AccountPolicy>>;
}

const parsed = async (r: Result<unknown>): Promise<Result<AccountPolicy>> => {
  if (r.status === 'error') return r;
  // the schema (and zod) load only when a policy arrives, keeping them out of the nav bar's first chunk
  const { AccountPolicy } = await import('../../core/policy.ts');
  const p = AccountPolicy.safeParse(r.value);
  return p.success ? ok(p.data) : fail('server', 'unexpected policy from the service');
};

export function createPolicyApi(call: ServiceCall): PolicyApi {
  return {
    get: async () => await parsed(await call('GET', '/policy')),
    set: async (change) => await parsed(await call('PUT', '/policy', change)),
  };
}

/** The keys of `edited` that differ from `saved`: what a PUT /policy needs to carry. */
export function policyChange(saved: AccountPolicy, edited: AccountPolicy): Partial<AccountPolicy> {
  const change: Partial<AccountPolicy> = {};
  for (const key of Object.keys(edited) as Array<keyof AccountPolicy>) {
    const same = [...edited[key]].sort().join() === [...saved[key]].sort().join();
    if (!same) Object.assign(change, { [key]: edited[key] });
  }
  return change;
}

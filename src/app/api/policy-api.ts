/**
 * The account policy the service keeps: which roles besides admins manage scorecards (not an app setting: settings
 * reach the browser and the service enforces it), and the Zendesk groups whose members are reviewers and QA leads.
 * Everyone reads it; admins change it.
 */
import type { AccountPolicy } from '../../core/policy.ts';
import type { Result } from './result.ts';
import { checkedCall, type ServiceCall } from './service-call.ts';
import { isObject } from './wire.ts';

export interface PolicyApi {
  get(): Promise<Result<AccountPolicy>>;
  /** Admins only; the keys left out keep their value (send only what changed). The service audits it. */
  set(change: Partial<AccountPolicy>): Promise<Result<AccountPolicy>>;
}

const MANAGER_ROLES: readonly unknown[] = ['lead', 'reviewer'];
const once = (list: readonly unknown[]) => new Set(list).size === list.length;
const isGroupIds = (v: unknown): v is number[] =>
  Array.isArray(v) && v.length <= 200 && once(v) && v.every((id) => Number.isSafeInteger(id) && id > 0);

/** The policy as `core/policy.ts` describes it; group lists an older service leaves out read as none. */
function readPolicy(v: unknown): AccountPolicy | undefined {
  if (!isObject(v)) return undefined;
  const { scorecardManagerRoles: roles, reviewerGroupIds = [], leadGroupIds = [] } = v;
  if (!Array.isArray(roles) || !roles.every((r) => MANAGER_ROLES.includes(r)) || !once(roles)) return undefined;
  if (!isGroupIds(reviewerGroupIds) || !isGroupIds(leadGroupIds)) return undefined;
  return { scorecardManagerRoles: roles as AccountPolicy['scorecardManagerRoles'], reviewerGroupIds, leadGroupIds };
}

export function createPolicyApi(send: ServiceCall): PolicyApi {
  const call = checkedCall(send);
  return {
    get: () => call('GET', '/policy', undefined, readPolicy),
    set: (change) => call('PUT', '/policy', change, readPolicy),
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

/**
 * The account policy the service keeps: which roles besides admins manage scorecards (not an app setting: settings
 * reach the browser and the service enforces it), and the Zendesk groups whose members are reviewers and QA leads.
 * Everyone reads it; admins change it.
 */
import type { AccountPolicy } from '../../core/policy.ts';
import { contractCall } from './contract-call.ts';
import { fail, type Result } from './result.ts';
import type { ServiceCall } from './service-call.ts';

export interface PolicyApi {
  get(): Promise<Result<AccountPolicy>>;
  /** Admins only; the keys left out keep their value (send only what changed). The service audits it. */
  set(change: Partial<AccountPolicy>): Promise<Result<AccountPolicy>>;
}

/**
 * The policy's contracts, with their schemas and zod, come with the first call: the nav bar's shell makes this client
 * (navbar/root.tsx) but asks for the policy only with the Scorecards tab, which loads zod anyway.
 */
const contracts = () => import('../../core/contract/policy.ts');
type Contracts = Awaited<ReturnType<typeof contracts>>;

export function createPolicyApi(send: ServiceCall): PolicyApi {
  const call = contractCall(send);
  // a page that cannot fetch the contracts is as good as a service it cannot reach
  const withContracts = <T>(ask: (c: Contracts) => Promise<Result<T>>) =>
    contracts().then(ask, (e: unknown) => fail<T>('unreachable', e instanceof Error ? e.message : String(e)));
  return {
    get: () => withContracts((c) => call(c.readPolicy)),
    set: (change) => withContracts((c) => call(c.changePolicy, { body: change })),
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

/** The account policy (decision 014): who manages scorecards besides admins, and which groups hold reviewers and leads. */
import { canManageScorecards, managesScorecardsByRole } from '../../core/permissions.ts';
import type { AccountPolicy, PolicyChange } from '../../core/policy.ts';
import type { Actor } from '../auth.ts';
import type { Db, Queryable } from '../db/db.ts';
import { forbidden } from '../errors.ts';
import { audit } from '../store/journal.ts';
import { policyOf, savePolicy } from '../store/policies.ts';

/** The account's policy; the default until an admin saves one. */
export function accountPolicy(q: Queryable, account: string): Promise<AccountPolicy> {
  return policyOf(q, account);
}

/** An admin, or a role the account's policy names (agents never). */
export async function isScorecardManager(q: Queryable, actor: Actor): Promise<boolean> {
  // admins and agents need no read
  return managesScorecardsByRole(actor.role) ?? canManageScorecards(actor.role, await policyOf(q, actor.account));
}

/** 403 unless `isScorecardManager`. */
export async function requireScorecardManager(q: Queryable, actor: Actor): Promise<void> {
  if (!(await isScorecardManager(q, actor))) throw forbidden(`${actor.role} may not manage scorecards: ask your Zendesk admin`);
}

/** Applies the keys `change` names, audited with each changed key's value before and after. */
export async function changePolicy(db: Db, actor: Actor, change: PolicyChange, now: Date): Promise<AccountPolicy> {
  return db.transaction(async (tx) => {
    const before = await policyOf(tx, actor.account);
    const policy: AccountPolicy = { ...before, ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) };
    await savePolicy(tx, actor.account, policy, now, actor.userId);
    const changed = (Object.keys(policy) as Array<keyof AccountPolicy>).filter(
      (k) => JSON.stringify(before[k]) !== JSON.stringify(policy[k]),
    );
    await audit(
      tx,
      actor,
      now,
      'policy.set',
      'account-policy',
      actor.account,
      Object.fromEntries(changed.map((k) => [k, { from: before[k], to: policy[k] }])),
    );
    return policy;
  });
}

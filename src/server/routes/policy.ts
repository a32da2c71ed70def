import { Hono } from 'hono';
import { canManageScorecards, PolicyChange, type AccountPolicy } from '../../core/policy.ts';
import { audit } from '../audit.ts';
import { ADMIN, actorOf, requireRole, type Actor, type AppEnv } from '../auth.ts';
import type { Queryable } from '../db/db.ts';
import type { AppDeps } from '../deps.ts';
import { forbidden, parseOrThrow, readJson } from '../errors.ts';
import { policyOf, savePolicy } from '../store/policies.ts';

export { policyOf };

/** An admin, or a role the account's policy names (agents never). */
export async function isScorecardManager(q: Queryable, actor: Actor): Promise<boolean> {
  // admins and agents need no read
  if (actor.role === 'admin' || actor.role === 'agent') return actor.role === 'admin';
  return canManageScorecards(actor.role, await policyOf(q, actor.account));
}

/** 403 unless `isScorecardManager`. */
export async function requireScorecardManager(q: Queryable, actor: Actor): Promise<void> {
  if (!(await isScorecardManager(q, actor))) throw forbidden(`${actor.role} may not manage scorecards: ask your Zendesk admin`);
}

/** `GET/PUT /policy`: everyone signed in reads it (the nav bar decides what to show); admins change it. */
export function policyRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get('/', async (c) => c.json(await policyOf(db, actorOf(c).account)));

  r.put('/', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, ADMIN, 'change the account policy');
    const change = parseOrThrow(PolicyChange, await readJson(c.req));
    const now = clock.now();
    const policy = await db.transaction(async (tx) => {
      const before = await policyOf(tx, actor.account);
      const policy: AccountPolicy = { ...before, ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) };
      await savePolicy(tx, actor.account, policy, now, actor.userId);
      const changed = (Object.keys(policy) as Array<keyof AccountPolicy>).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(policy[k]));
      await audit(tx, actor, now, 'policy.set', 'account-policy', actor.account, Object.fromEntries(changed.map((k) => [k, { from: before[k], to: policy[k] }])));
      return policy;
    });
    return c.json(policy);
  });

  return r;
}

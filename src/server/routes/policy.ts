import { Hono } from 'hono';
import { AccountPolicy, canManageScorecards, DEFAULT_POLICY } from '../../core/policy.ts';
import { audit } from '../audit.ts';
import { ADMIN, actorOf, requireRole, type Actor, type AppEnv } from '../auth.ts';
import type { Queryable } from '../db/db.ts';
import type { AppDeps } from '../deps.ts';
import { forbidden, parseOrThrow, readJson } from '../errors.ts';

/** The account's policy; the default until an admin saves one. */
export async function policyOf(q: Queryable, account: string): Promise<AccountPolicy> {
  const [row] = await q.query<{ roles: string[] }>(
    'SELECT scorecard_manager_roles AS roles FROM account_policies WHERE account = $1',
    [account],
  );
  return row ? AccountPolicy.parse({ scorecardManagerRoles: row.roles }) : DEFAULT_POLICY;
}

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
    const policy = parseOrThrow(AccountPolicy, await readJson(c.req));
    const now = clock.now();
    await db.transaction(async (tx) => {
      const before = await policyOf(tx, actor.account);
      await tx.query(
        `INSERT INTO account_policies (account, scorecard_manager_roles, updated_at, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (account) DO UPDATE SET scorecard_manager_roles = $2, updated_at = $3, updated_by = $4`,
        [actor.account, policy.scorecardManagerRoles, now, actor.userId],
      );
      await audit(tx, actor, now, 'policy.set', 'account-policy', actor.account, {
        scorecardManagerRoles: { from: before.scorecardManagerRoles, to: policy.scorecardManagerRoles },
      });
    });
    return c.json(policy);
  });

  return r;
}

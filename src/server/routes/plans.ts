import { Hono } from 'hono';
import { MonitoringPlan } from '../../core/coverage.ts';
import { audit } from '../audit.ts';
import { LEADS, STAFF, actorOf, requireRole, type AppEnv } from '../auth.ts';
import type { Queryable } from '../db/db.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow, readJson } from '../errors.ts';

interface PlanRow {
  plan: unknown;
  updated_at: Date;
  updated_by: number;
}

/** The account's monitoring plan; an account that never saved one has the empty plan. */
export async function loadPlan(q: Queryable, account: string): Promise<{ plan: MonitoringPlan; updatedAt: string | null; updatedBy: number | null }> {
  const [row] = await q.query<PlanRow>('SELECT plan, updated_at, updated_by FROM monitoring_plans WHERE account = $1', [account]);
  if (!row) return { plan: MonitoringPlan.parse({}), updatedAt: null, updatedBy: null };
  return { plan: MonitoringPlan.parse(row.plan), updatedAt: row.updated_at.toISOString(), updatedBy: row.updated_by };
}

/** `/plan`: evaluations wanted per agent per week; leads and admins set it, staff read it. */
export function plansRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const actor = actorOf(c);
      requireRole(actor, STAFF, 'read the monitoring plan');
      return c.json(await loadPlan(db, actor.account));
    })
    .put('/', async (c) => {
      const actor = actorOf(c);
      requireRole(actor, LEADS, 'set the monitoring plan');
      const plan = parseOrThrow(MonitoringPlan, await readJson(c.req));
      const now = clock.now();
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO monitoring_plans (account, plan, updated_at, updated_by) VALUES ($1, $2, $3, $4)
           ON CONFLICT (account) DO UPDATE SET plan = EXCLUDED.plan, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
          [actor.account, JSON.stringify(plan), now, actor.userId],
        );
        await audit(tx, actor, now, 'plan.set', 'monitoring-plan', actor.account, { agents: plan.agents.length, default: plan.default });
      });
      return c.json({ plan, updatedAt: now.toISOString(), updatedBy: actor.userId });
    });
}

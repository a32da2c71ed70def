import type { MonitoringPlan } from '../../core/coverage.ts';
import type { Actor } from '../auth.ts';
import type { Db, Queryable } from '../db/db.ts';
import { planOf, savePlan, type StoredPlan } from '../store/plans.ts';
import { audit } from '../store/journal.ts';

/** The account's monitoring plan (the empty plan until one is saved). */
export function monitoringPlan(q: Queryable, account: string): Promise<StoredPlan> {
  return planOf(q, account);
}

/** Sets the account's plan, recorded in the audit log in the same transaction. */
export async function setMonitoringPlan(db: Db, actor: Actor, plan: MonitoringPlan, now: Date): Promise<StoredPlan> {
  await db.transaction(async (tx) => {
    await savePlan(tx, actor.account, plan, now, actor.userId);
    await audit(tx, actor, now, 'plan.set', 'monitoring-plan', actor.account, { agents: plan.agents.length, default: plan.default });
  });
  return { plan, updatedAt: now.toISOString(), updatedBy: actor.userId };
}

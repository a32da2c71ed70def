import { StoredMonitoringPlan, type MonitoringPlan } from '../../core/coverage.ts';
import type { Queryable } from '../db/db.ts';

/** A monitoring plan as stored, with when and by whom it was last set (null: never saved). */
export interface StoredPlan {
  plan: MonitoringPlan;
  updatedAt: string | null;
  updatedBy: number | null;
}

/**
 * The account's monitoring plan; an account that never saved one has the empty plan. Read as stored: a channel saved
 * before channels were checked stays visible (and is refused on the next save) instead of failing the read.
 */
export async function planOf(q: Queryable, account: string): Promise<StoredPlan> {
  const [row] = await q.query<{ plan: unknown; updated_at: Date; updated_by: number }>(
    'SELECT plan, updated_at, updated_by FROM monitoring_plans WHERE account = $1',
    [account],
  );
  if (!row) return { plan: StoredMonitoringPlan.parse({}), updatedAt: null, updatedBy: null };
  return { plan: StoredMonitoringPlan.parse(row.plan), updatedAt: row.updated_at.toISOString(), updatedBy: row.updated_by };
}

/** Replaces the account's plan (or saves its first). */
export async function savePlan(q: Queryable, account: string, plan: MonitoringPlan, at: Date, by: number): Promise<void> {
  await q.query(
    `INSERT INTO monitoring_plans (account, plan, updated_at, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (account) DO UPDATE SET plan = EXCLUDED.plan, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [account, JSON.stringify(plan), at, by],
  );
}

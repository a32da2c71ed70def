import { Hono } from 'hono';
import { coverage, CoverageQuery, isoWeekOf, weekRange, type CoverageResponse, type DoneCount, type IsoWeek } from '../../core/coverage.ts';
import { STAFF, actorOf, requireRole, type AppEnv } from '../auth.ts';
import type { Queryable } from '../db/db.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow } from '../errors.ts';
import { loadPlan } from './plans.ts';

/** Reviews done in the week per reviewee and channel: self-reviews and calibration are not monitoring. */
export async function doneInWeek(q: Queryable, account: string, week: IsoWeek): Promise<DoneCount[]> {
  const { from, to } = weekRange(week);
  const rows = await q.query<{ agent_id: number; channel: string | null; count: number }>(
    `SELECT e.reviewee_id AS agent_id, e.channel, count(*)::int AS count FROM evaluations e
      WHERE e.account = $1 AND e.kind = 'review' AND e.status <> 'withdrawn' AND e.created_at >= $2 AND e.created_at < $3
      GROUP BY 1, 2`,
    [account, from, to],
  );
  return rows.map((r) => ({ agentId: r.agent_id, channel: r.channel, count: r.count }));
}

/** The week's coverage against the plan, for any set of known agents. */
export async function weekCoverage(q: Queryable, account: string, week: IsoWeek, agentIds: readonly number[]): Promise<CoverageResponse> {
  const [{ plan }, done] = await Promise.all([loadPlan(q, account), doneInWeek(q, account, week)]);
  const { from, to } = weekRange(week);
  return { week, from: from.toISOString(), to: to.toISOString(), ...coverage(plan, done, agentIds) };
}

/** `GET /reports/coverage?week=`: evaluations per agent against the monitoring plan (staff only). */
export function coverageRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, STAFF, 'read coverage');
    const q = parseOrThrow(CoverageQuery, c.req.query());
    return c.json(await weekCoverage(db, actor.account, q.week ?? isoWeekOf(clock.now()), q.agentIds ?? []));
  });
}

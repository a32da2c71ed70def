import { Hono } from 'hono';
import { MonitoringPlan } from '../../core/coverage.ts';
import { LEADS, STAFF, actorOf, requireRole, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow, readJson } from '../errors.ts';
import { monitoringPlan, setMonitoringPlan } from '../services/plans.ts';

/** `/plan`: evaluations wanted per agent per week; leads and admins set it, staff read it. */
export function plansRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const actor = actorOf(c);
      requireRole(actor, STAFF, 'read the monitoring plan');
      return c.json(await monitoringPlan(db, actor.account));
    })
    .put('/', async (c) => {
      const actor = actorOf(c);
      requireRole(actor, LEADS, 'set the monitoring plan');
      const plan = parseOrThrow(MonitoringPlan, await readJson(c.req));
      return c.json(await setMonitoringPlan(db, actor, plan, clock.now()));
    });
}

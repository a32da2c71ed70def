import { MonitoringPlan, MonitoringPlanView } from '../../core/coverage.ts';
import { LEADS, STAFF, actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { declare, json, jsonBody, router } from '../openapi/declare.ts';
import { monitoringPlan, setMonitoringPlan } from '../services/plans.ts';

/** `/plan`: evaluations wanted per agent per week; leads and admins set it, staff read it. */
export function plansRouter({ db, clock }: AppDeps) {
  const read = declare({
    method: 'get',
    path: '/',
    tag: 'planning',
    summary: 'The monitoring plan: evaluations per agent per week, overall and per channel',
    roles: STAFF,
    action: 'read the monitoring plan',
    responses: { 200: json(MonitoringPlanView) },
  });
  const set = declare({
    method: 'put',
    path: '/',
    tag: 'planning',
    summary: 'Set the monitoring plan',
    roles: LEADS,
    action: 'set the monitoring plan',
    request: { body: jsonBody(MonitoringPlan) },
    responses: { 200: json(MonitoringPlanView) },
  });
  return router()
    .openapi(read, async (c) => c.json(await monitoringPlan(db, actorOf(c).account), 200))
    .openapi(set, async (c) => c.json(await setMonitoringPlan(db, actorOf(c), c.req.valid('json'), clock.now()), 200));
}

import * as api from '../../core/contract/planning.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { declare, router } from '../openapi/declare.ts';
import { monitoringPlan, setMonitoringPlan } from '../services/plans.ts';

/** `/plan`: evaluations wanted per agent per week; leads and admins set it, staff read it. */
export function plansRouter({ db, clock }: AppDeps) {
  return router()
    .openapi(declare(api.readPlan, { action: 'read the monitoring plan' }), async (c) =>
      c.json(await monitoringPlan(db, actorOf(c).account), 200),
    )
    .openapi(declare(api.setPlan, { action: 'set the monitoring plan' }), async (c) =>
      c.json(await setMonitoringPlan(db, actorOf(c), c.req.valid('json'), clock.now()), 200),
    );
}

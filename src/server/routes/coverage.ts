import * as api from '../../core/contract/reports.ts';
import { isoWeekOf } from '../../core/coverage.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { declare, router } from '../openapi/declare.ts';
import { weekCoverage } from '../services/coverage.ts';

/** `GET /reports/coverage?week=`: evaluations per agent against the monitoring plan (staff only; the current week by default). */
export function coverageRouter({ db, clock }: AppDeps) {
  const route = declare(api.coverage, { action: 'read coverage', heavy: true });
  return router().openapi(route, async (c) => {
    const q = c.req.valid('query');
    return c.json(await weekCoverage(db, actorOf(c).account, q.week ?? isoWeekOf(clock.now()), q.agentIds ?? []), 200);
  });
}

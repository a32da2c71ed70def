import { CoverageQuery, CoverageResponse, isoWeekOf } from '../../core/coverage.ts';
import { STAFF, actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { declare, json, router } from '../openapi/declare.ts';
import { weekCoverage } from '../services/coverage.ts';

/** `GET /reports/coverage?week=`: evaluations per agent against the monitoring plan (staff only; the current week by default). */
export function coverageRouter({ db, clock }: AppDeps) {
  const route = declare({
    method: 'get',
    path: '/',
    tag: 'reports',
    summary: 'Evaluations per agent in an ISO week against the monitoring plan',
    roles: STAFF,
    action: 'read coverage',
    heavy: true,
    request: { query: CoverageQuery },
    responses: { 200: json(CoverageResponse) },
  });
  return router().openapi(route, async (c) => {
    const q = c.req.valid('query');
    return c.json(await weekCoverage(db, actorOf(c).account, q.week ?? isoWeekOf(clock.now()), q.agentIds ?? []), 200);
  });
}

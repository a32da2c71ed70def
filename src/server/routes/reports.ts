import * as api from '../../core/contract/reports.ts';
import type { ReportFilters } from '../../core/reports.ts';
import { actorOf, type AppEnv } from '../auth.ts';
import type { Context } from 'hono';
import type { AppDeps } from '../deps.ts';
import { declare, router } from '../openapi/declare.ts';
import { scopeFilters } from '../reports/scope.ts';
import { breakdownReport, rootCauseReport, summaryReport, trendReport } from '../services/reports.ts';

/** `/api/v1/reports`: aggregate figures, each with n and a 95% interval (decision 008); an agent reads their own only. */
export function reportsRouter({ db }: AppDeps) {
  const report = { heavy: true } as const;
  /** `run` on the caller's account, with the filters narrowed to an agent's own work. */
  const scoped = <F extends ReportFilters, R>(
    c: Context<AppEnv>,
    filters: F,
    run: (d: AppDeps['db'], account: string, f: F) => Promise<R>,
  ) => run(db, actorOf(c).account, scopeFilters(actorOf(c), filters));

  return router()
    .openapi(declare(api.summary, report), async (c) => c.json(await scoped(c, c.req.valid('query'), summaryReport), 200))
    .openapi(declare(api.trend, report), async (c) => c.json(await scoped(c, c.req.valid('query'), trendReport), 200))
    .openapi(declare(api.breakdown, report), async (c) => c.json(await scoped(c, c.req.valid('query'), breakdownReport), 200))
    .openapi(declare(api.rootCauses, report), async (c) => c.json(await scoped(c, c.req.valid('query'), rootCauseReport), 200));
}

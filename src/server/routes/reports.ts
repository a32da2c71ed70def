import { Breakdown, BreakdownQuery, ReportFilters, RootCauseQuery, RootCauses, Summary, Trend, TrendQuery } from '../../core/reports.ts';
import { actorOf, type AppEnv } from '../auth.ts';
import type { Context } from 'hono';
import type { AppDeps } from '../deps.ts';
import { ANYONE, declare, json, router } from '../openapi/declare.ts';
import { scopeFilters } from '../reports/scope.ts';
import { breakdownReport, rootCauseReport, summaryReport, trendReport } from '../services/reports.ts';

/** `/api/v1/reports`: aggregate figures, each with n and a 95% interval (decision 008); an agent reads their own only. */
export function reportsRouter({ db }: AppDeps) {
  const report = {
    method: 'get',
    tag: 'reports',
    roles: ANYONE,
    access: 'an agent gets the figures of their own work only',
    heavy: true,
  } as const;
  /** `run` on the caller's account, with the filters narrowed to an agent's own work. */
  const scoped = <F extends ReportFilters, R>(
    c: Context<AppEnv>,
    filters: F,
    run: (d: AppDeps['db'], account: string, f: F) => Promise<R>,
  ) => run(db, actorOf(c).account, scopeFilters(actorOf(c), filters));

  const summary = declare({
    ...report,
    path: '/summary',
    summary: 'Count, average score, pass rate and critical-fail rate, each with n and a 95% interval',
    request: { query: ReportFilters },
    responses: { 200: json(Summary) },
  });
  const trend = declare({
    ...report,
    path: '/trend',
    summary: 'The summary figures per week (from Monday, UTC) or month, empty periods included',
    request: { query: TrendQuery },
    responses: { 200: json(Trend) },
  });
  const breakdown = declare({
    ...report,
    path: '/breakdown',
    summary: 'The figures by reviewee, group, channel, scorecard or criterion, weakest first',
    request: { query: BreakdownQuery },
    responses: { 200: json(Breakdown) },
  });
  const rootCauses = declare({
    ...report,
    path: '/root-causes',
    summary: 'Root-cause counts with their kinds, most frequent first',
    request: { query: RootCauseQuery },
    responses: { 200: json(RootCauses) },
  });
  return router()
    .openapi(summary, async (c) => c.json(await scoped(c, c.req.valid('query'), summaryReport), 200))
    .openapi(trend, async (c) => c.json(await scoped(c, c.req.valid('query'), trendReport), 200))
    .openapi(breakdown, async (c) => c.json(await scoped(c, c.req.valid('query'), breakdownReport), 200))
    .openapi(rootCauses, async (c) => c.json(await scoped(c, c.req.valid('query'), rootCauseReport), 200));
}

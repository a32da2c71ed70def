import { Hono } from 'hono';
import { BreakdownQuery, ReportFilters, RootCauseQuery, TrendQuery } from '../../core/reports.ts';
import { actorOf, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow } from '../errors.ts';
import { scopeFilters } from '../reports/scope.ts';
import { breakdownReport, rootCauseReport, summaryReport, trendReport } from '../services/reports.ts';

/** `/api/v1/reports`: aggregate figures, each with n and a 95% interval (decision 008); an agent reads their own only. */
export function reportsRouter({ db }: AppDeps): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/summary', async (c) => {
      const actor = actorOf(c);
      const q = scopeFilters(actor, parseOrThrow(ReportFilters, c.req.query()));
      return c.json(await summaryReport(db, actor.account, q));
    })
    .get('/trend', async (c) => {
      const actor = actorOf(c);
      const q = scopeFilters(actor, parseOrThrow(TrendQuery, c.req.query()));
      return c.json(await trendReport(db, actor.account, q));
    })
    .get('/breakdown', async (c) => {
      const actor = actorOf(c);
      const q = scopeFilters(actor, parseOrThrow(BreakdownQuery, c.req.query()));
      return c.json(await breakdownReport(db, actor.account, q));
    })
    .get('/root-causes', async (c) => {
      const actor = actorOf(c);
      const q = scopeFilters(actor, parseOrThrow(RootCauseQuery, c.req.query()));
      return c.json(await rootCauseReport(db, actor.account, q));
    });
}

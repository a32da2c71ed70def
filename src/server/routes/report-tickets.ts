import { Hono } from 'hono';
import { ReportFilters } from '../../core/reports.ts';
import { TicketListQuery } from '../../core/ticket-reports.ts';
import { actorOf, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow } from '../errors.ts';
import { scopeFilters } from '../reports/scope.ts';
import { qaVsMetrics, ticketsBehind } from '../services/tickets.ts';

/** `/reports/tickets` and `/reports/qa-vs-metrics`: from a figure back to the tickets behind it (agents: their own only). */
export function reportTicketsRouter({ db }: AppDeps): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/tickets', async (c) => {
      const actor = actorOf(c);
      const q = scopeFilters(actor, parseOrThrow(TicketListQuery, c.req.query()));
      return c.json({ items: await ticketsBehind(db, actor.account, q) });
    })
    .get('/qa-vs-metrics', async (c) => {
      const actor = actorOf(c);
      const q = scopeFilters(actor, parseOrThrow(ReportFilters, c.req.query()));
      return c.json(await qaVsMetrics(db, actor.account, q));
    });
}

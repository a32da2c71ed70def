import { ReportFilters } from '../../core/reports.ts';
import { QaVsMetrics, TicketList, TicketListQuery } from '../../core/ticket-reports.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { ANYONE, declare, json, router } from '../openapi/declare.ts';
import { scopeFilters } from '../reports/scope.ts';
import { qaVsMetrics, ticketsBehind } from '../services/tickets.ts';

/** `/reports/tickets` and `/reports/qa-vs-metrics`: from a figure back to the tickets behind it (agents: their own only). */
export function reportTicketsRouter({ db }: AppDeps) {
  const report = { tag: 'reports', roles: ANYONE, access: 'an agent gets their own work only', heavy: true } as const;
  const tickets = declare({
    ...report,
    method: 'get',
    path: '/tickets',
    summary: 'The evaluated tickets behind a figure, with their QA scores and ticket metrics',
    request: { query: TicketListQuery },
    responses: { 200: json(TicketList) },
  });
  const metrics = declare({
    ...report,
    method: 'get',
    path: '/qa-vs-metrics',
    summary: 'QA scores beside reply and resolution times, reopens and CSAT, and where QA and CSAT disagree',
    request: { query: ReportFilters },
    responses: { 200: json(QaVsMetrics) },
  });
  return router()
    .openapi(tickets, async (c) => {
      const actor = actorOf(c);
      return c.json({ items: await ticketsBehind(db, actor.account, scopeFilters(actor, c.req.valid('query'))) }, 200);
    })
    .openapi(metrics, async (c) => {
      const actor = actorOf(c);
      return c.json(await qaVsMetrics(db, actor.account, scopeFilters(actor, c.req.valid('query'))), 200);
    });
}

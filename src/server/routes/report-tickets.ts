import * as api from '../../core/contract/reports.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { declare, router } from '../openapi/declare.ts';
import { scopeFilters } from '../reports/scope.ts';
import { qaVsMetrics, ticketsBehind } from '../services/tickets.ts';

/** `/reports/tickets` and `/reports/qa-vs-metrics`: from a figure back to the tickets behind it (agents: their own only). */
export function reportTicketsRouter({ db }: AppDeps) {
  const report = { heavy: true } as const;
  return router()
    .openapi(declare(api.ticketsBehind, report), async (c) => {
      const actor = actorOf(c);
      return c.json({ items: await ticketsBehind(db, actor.account, scopeFilters(actor, c.req.valid('query'))) }, 200);
    })
    .openapi(declare(api.qaVsMetrics, report), async (c) => {
      const actor = actorOf(c);
      return c.json(await qaVsMetrics(db, actor.account, scopeFilters(actor, c.req.valid('query'))), 200);
    });
}

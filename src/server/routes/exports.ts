import { routePath } from 'hono/route';
import * as api from '../../core/contract/reports.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { consoleLogger, errorFields, type LogFields, type Logger } from '../log.ts';
import { declare, router } from '../openapi/declare.ts';
import { scopeFilters } from '../reports/scope.ts';
import { exportCsv } from '../services/exports.ts';
import { zendeskNames } from '../services/people-names.ts';

/** A byte stream that pulls one batch per read, so a slow client slows the database reads down. */
function streamOf(chunks: AsyncGenerator<string>, logger: Logger, where: LogFields): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cancelled = false;
  return new ReadableStream({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (cancelled) return;
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (err) {
        // the client went away while a batch was read: nothing failed
        if (cancelled) return;
        // the status is already sent: cut the body short so the client sees a failed download
        logger.error('CSV export failed mid-stream', { ...where, ...errorFields(err) });
        controller.error(err);
      }
    },
    async cancel() {
      cancelled = true;
      await chunks.return(undefined);
    },
  });
}

/** `/api/v1/exports`: CSV downloads of what the reports count (an agent's: their own work), streamed a batch at a time. */
export function exportsRouter(deps: AppDeps) {
  const { db, logger = consoleLogger('[service]') } = deps;
  // names missing from the people table or a day old are asked of Zendesk through the account's credential
  const names = zendeskNames(deps);
  const route = declare(api.evaluationsCsv, { heavy: true });
  return router().openapi(route, async (c) => {
    const actor = actorOf(c);
    const filters = scopeFilters(actor, c.req.valid('query'));
    const chunks = exportCsv(db, actor.account, filters, { names });
    // the header and the first batch are read before the status is sent: a failing query is still a 500
    const head: string[] = [];
    for (let i = 0; i < 2; i++) {
      const next = await chunks.next();
      if (!next.done) head.push(next.value);
    }
    async function* all(): AsyncGenerator<string> {
      yield head.join('');
      yield* chunks;
    }
    return new Response(streamOf(all(), logger, { requestId: c.get('requestId'), method: 'GET', route: routePath(c), status: 200 }), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="evaluations.csv"',
        'Cache-Control': 'no-store',
      },
    });
  });
}

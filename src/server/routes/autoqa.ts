import * as api from '../../core/contract/autoqa.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { declare, router } from '../openapi/declare.ts';
import { autoQaSpotlight, autoQaSummary, autoQaTrust, changeAutoQaSettings, ticketAutoQa } from '../services/autoqa.ts';

/**
 * `/api/v1/autoqa` (decision 030): one ticket's automatic results (staff), the checks' agreement with reviewers
 * (leads and admins) and its thresholds (admins), and AutoQA over the synced tickets (staff). Agents get none.
 */
export function autoQaRouter({ db, clock, heavyDb }: AppDeps) {
  const reads = heavyDb ?? db;
  return router()
    .openapi(declare(api.ticketAutoQa, { action: 'see automatic check results' }), async (c) =>
      c.json(await ticketAutoQa(db, actorOf(c), c.req.valid('param').ticketId, c.req.valid('query'), clock), 200),
    )
    .openapi(declare(api.autoQaTrust, { action: "see the checks' agreement with reviewers" }), async (c) =>
      c.json(await autoQaTrust(db, actorOf(c).account), 200),
    )
    .openapi(declare(api.changeAutoQaSettings, { action: 'change what a check needs to be trusted' }), async (c) =>
      c.json(await changeAutoQaSettings(db, actorOf(c), c.req.valid('json'), clock.now()), 200),
    )
    .openapi(declare(api.autoQaSummary, { action: 'read AutoQA figures', heavy: true }), async (c) =>
      c.json(await autoQaSummary(reads, actorOf(c), c.req.valid('query')), 200),
    )
    .openapi(declare(api.autoQaSpotlight, { action: 'read the AutoQA spotlight', heavy: true }), async (c) =>
      c.json(await autoQaSpotlight(reads, actorOf(c), c.req.valid('query')), 200),
    );
}

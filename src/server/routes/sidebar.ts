import * as api from '../../core/contract/evaluations.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { declare, router } from '../openapi/declare.ts';
import { sidebarLoad } from '../services/sidebar.ts';

/** `/sidebar`: everything the ticket sidebar needs on load, in one request (services/sidebar.ts says what). */
export function sidebarRouter({ db }: AppDeps) {
  return router().openapi(declare(api.loadSidebar), async (c) =>
    c.json(await sidebarLoad(db, actorOf(c), c.req.valid('query').ticketId), 200),
  );
}

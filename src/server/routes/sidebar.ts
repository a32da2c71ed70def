import { SidebarBundle, SidebarQuery } from '../../core/api.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { ANYONE, declare, json, router } from '../openapi/declare.ts';
import { sidebarLoad } from '../services/sidebar.ts';

/** `/sidebar`: everything the ticket sidebar needs on load, in one request (services/sidebar.ts says what). */
export function sidebarRouter({ db }: AppDeps) {
  const route = declare({
    method: 'get',
    path: '/',
    tag: 'evaluations',
    summary: 'Everything the ticket sidebar shows for a ticket in one call',
    roles: ANYONE,
    request: { query: SidebarQuery },
    responses: { 200: json(SidebarBundle) },
  });
  return router().openapi(route, async (c) => c.json(await sidebarLoad(db, actorOf(c), c.req.valid('query').ticketId), 200));
}

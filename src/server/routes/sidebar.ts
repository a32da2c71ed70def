import { Hono } from 'hono';
import { z } from 'zod';
import { ZendeskId } from '../../core/text.ts';
import { actorOf, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow } from '../errors.ts';
import { sidebarLoad } from '../services/sidebar.ts';

/** The route's query, as documented (unknown parameters are refused like everywhere else). */
export const SidebarQuery = z.strictObject({ ticketId: z.coerce.number().pipe(ZendeskId) });

/** `/sidebar`: everything the ticket sidebar needs on load, in one request (services/sidebar.ts says what). */
export function sidebarRouter({ db }: AppDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get('/', async (c) => {
    const actor = actorOf(c);
    const { ticketId } = parseOrThrow(SidebarQuery, c.req.query());
    return c.json(await sidebarLoad(db, actor, ticketId));
  });

  return r;
}

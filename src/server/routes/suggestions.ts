import { Hono } from 'hono';
import { isoWeekOf, suggestTickets, SuggestionsRequest, weekSeed, type SuggestionsResponse } from '../../core/coverage.ts';
import { STAFF, actorOf, requireRole, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow, readJson } from '../errors.ts';
import { weekCoverage } from './coverage.ts';

/**
 * `POST /suggestions`: tickets to review that fill the week's gaps. The app sends the candidates it read
 * from Zendesk as the signed-in user (the service holds no Zendesk credentials): docs/decisions/*-ticket-suggestions.md.
 */
export function suggestionsRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  return new Hono<AppEnv>().post('/', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, STAFF, 'get review suggestions');
    const body = parseOrThrow(SuggestionsRequest, await readJson(c.req));
    const week = body.week ?? isoWeekOf(clock.now());
    const agents = [...new Set([...body.agentIds, ...body.candidates.map((t) => t.assigneeId)])];
    const report = await weekCoverage(db, actor.account, week, agents);
    const ids = body.candidates.map((t) => t.ticketId);
    const reviewed = await db.query<{ ticket_id: number }>(
      `SELECT DISTINCT ticket_id FROM evaluations
        WHERE account = $1 AND ticket_id = ANY($2::bigint[]) AND kind = 'review' AND status <> 'withdrawn'`,
      [actor.account, ids],
    );
    const exclude = new Set(reviewed.map((r) => r.ticket_id));
    const suggestions = suggestTickets(report.agents, body.candidates, { seed: body.seed ?? weekSeed(week), favour: body.favour, exclude });
    const response: SuggestionsResponse = { week, suggestions, alreadyReviewed: exclude.size };
    return c.json(response);
  });
}

import { Hono } from 'hono';
import { SuggestionsRequest } from '../../core/coverage.ts';
import { STAFF, actorOf, requireRole, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow, readJson } from '../errors.ts';
import { suggestReviews } from '../services/coverage.ts';

/**
 * `POST /suggestions`: tickets to review that fill the week's gaps. The app sends the candidates it read from Zendesk
 * as the signed-in user (the service holds no Zendesk credentials), so it is a POST that writes nothing:
 * docs/decisions/004-ticket-suggestions.md.
 */
export function suggestionsRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  return new Hono<AppEnv>().post('/', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, STAFF, 'get review suggestions');
    const body = parseOrThrow(SuggestionsRequest, await readJson(c.req));
    return c.json(await suggestReviews(db, actor.account, body, clock.now()));
  });
}

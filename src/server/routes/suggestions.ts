import * as api from '../../core/contract/planning.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { declare, router } from '../openapi/declare.ts';
import { suggestReviews } from '../services/coverage.ts';

/**
 * `POST /suggestions`: tickets to review that fill the week's gaps, from the synced tickets when the account has them
 * (decision 028); else from the candidates the app read from Zendesk as the signed-in user, sent in the body, so it is
 * a POST that writes nothing (docs/decisions/004-ticket-suggestions.md).
 */
export function suggestionsRouter({ db, clock }: AppDeps) {
  const route = declare(api.suggestReviews, { action: 'get review suggestions', heavy: true });
  return router().openapi(route, async (c) => c.json(await suggestReviews(db, actorOf(c).account, c.req.valid('json'), clock.now()), 200));
}

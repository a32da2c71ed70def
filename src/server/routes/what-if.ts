import * as api from '../../core/contract/scorecards.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { pathId } from '../edge.ts';
import { declare, router } from '../openapi/declare.ts';
import { requireScorecardManager } from '../services/policy.ts';
import { whatIfOfScorecard } from '../services/what-if.ts';

/** `POST /scorecards/{id}/what-if`: what the last 90 days would average under a draft (scorecard managers). */
export function whatIfRouter({ db, clock }: AppDeps) {
  const route = declare(api.whatIf, { check: (c) => requireScorecardManager(db, actorOf(c)), heavy: true });
  return router().openapi(route, async (c) =>
    c.json(await whatIfOfScorecard(db, actorOf(c).account, pathId(c), c.req.valid('json').definition, clock.now()), 200),
  );
}

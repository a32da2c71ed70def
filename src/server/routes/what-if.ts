import { WhatIfRequest, WhatIfResult } from '../../core/api.ts';
import { ADMIN, actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { pathId } from '../edge.ts';
import { declare, json, jsonBody, router } from '../openapi/declare.ts';
import { requireScorecardManager } from '../services/policy.ts';
import { whatIfOfScorecard } from '../services/what-if.ts';

/** `POST /scorecards/{id}/what-if`: what the last 90 days would average under a draft (scorecard managers). */
export function whatIfRouter({ db, clock }: AppDeps) {
  const route = declare({
    method: 'post',
    path: '/{id}/what-if',
    tag: 'scorecards',
    summary: 'Rescore recent evaluations with an edited definition, without storing anything',
    roles: ADMIN,
    access: 'admins, and the QA roles the account policy (GET /api/v1/policy) names',
    check: (c) => requireScorecardManager(db, actorOf(c)),
    heavy: true,
    request: { body: jsonBody(WhatIfRequest) },
    responses: { 200: json(WhatIfResult) },
  });
  return router().openapi(route, async (c) =>
    c.json(await whatIfOfScorecard(db, actorOf(c).account, pathId(c), c.req.valid('json').definition, clock.now()), 200),
  );
}

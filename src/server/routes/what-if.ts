import { Hono } from 'hono';
import { WhatIfRequest } from '../../core/api.ts';
import { actorOf, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow, readJson } from '../errors.ts';
import { pathId } from '../edge.ts';
import { requireScorecardManager } from '../services/policy.ts';
import { whatIfOfScorecard } from '../services/what-if.ts';

/** `POST /scorecards/{id}/what-if`: what the last 90 days would average under a draft (scorecard managers). */
export function whatIfRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.post('/:id/what-if', async (c) => {
    const actor = actorOf(c);
    await requireScorecardManager(db, actor);
    const { definition } = parseOrThrow(WhatIfRequest, await readJson(c.req));
    return c.json(await whatIfOfScorecard(db, actor.account, pathId(c), definition, clock.now()));
  });
  return r;
}

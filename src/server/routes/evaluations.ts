import type { Context } from 'hono';
import { z } from 'zod';
import * as api from '../../core/contract/evaluations.ts';
import { Uuid } from '../../core/text.ts';
import { actorOf, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow, unprocessable } from '../errors.ts';
import { declare, router } from '../openapi/declare.ts';
import { evaluationService } from '../services/evaluations.ts';

/** Path ids in their one spelling (lower case), as the create stores them; read after the body, as always. */
const EvaluationId = z.object({ id: Uuid });
const evaluationId = (c: Context<AppEnv>): string => parseOrThrow(EvaluationId, { id: c.req.param('id') ?? '' }).id;

/** Evaluations (src/core/contract/evaluations.ts): reviewers, leads and admins write; agents read their own. */
export function evaluationsRouter({ db, clock }: AppDeps) {
  const r = router();
  const evaluations = evaluationService(db);

  r.openapi(declare(api.createEvaluation, { action: 'create evaluations' }), async (c) => {
    const { evaluation, created } = await evaluations.create(actorOf(c), c.req.valid('json'), clock.now());
    return created ? c.json(evaluation, 201) : c.json(evaluation, 200);
  });

  r.openapi(declare(api.listEvaluations), async (c) => c.json(await evaluations.list(actorOf(c), c.req.valid('query')), 200));

  r.openapi(declare(api.readEvaluation), async (c) => c.json(await evaluations.read(actorOf(c), evaluationId(c)), 200));

  r.openapi(declare(api.amendEvaluation, { action: 'amend evaluations' }), async (c) =>
    c.json(await evaluations.amend(actorOf(c), evaluationId(c), c.req.valid('json'), clock.now()), 200),
  );

  // who may change the status is a rule on the evaluation (its reviewer, its reviewee, a third lead): the service checks it
  for (const [action, route] of [
    ['withdraw', api.withdrawEvaluation],
    ['acknowledge', api.acknowledgeEvaluation],
  ] as const) {
    r.openapi(declare(route), async (c) =>
      c.json(await evaluations[action](actorOf(c), evaluationId(c), c.req.valid('json'), clock.now()), 200),
    );
  }

  r.openapi(declare(api.disputeEvaluation), async (c) =>
    c.json(await evaluations.dispute(actorOf(c), evaluationId(c), c.req.valid('json'), clock.now()), 200),
  );

  // the role first: an agent learns nothing from how their body would have been read
  r.openapi(declare(api.resolveDispute, { action: 'resolve disputes' }), async (c) => {
    const body = c.req.valid('json');
    if (body.outcome === 'rejected' && body.answers !== undefined) {
      throw unprocessable('a rejected dispute leaves the score as it is: send no answers');
    }
    return c.json(await evaluations.resolve(actorOf(c), evaluationId(c), body, clock.now()), 200);
  });

  return r;
}

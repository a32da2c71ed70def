import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { EvaluationListQuery } from '../../core/api.ts';
import { Dispute, DisputeResolution, EvaluationAmend, EvaluationCreate, StatusChange } from '../../core/evaluation.ts';
import { Uuid } from '../../core/text.ts';
import { LEADS, STAFF, actorOf, requireRole, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { badRequest, parseOrThrow, readJson, unprocessable } from '../errors.ts';
import { evaluationService } from '../services/evaluations.ts';

/** Path ids in their one spelling (lower case), as the create stores them. */
const EvaluationId = z.object({ id: Uuid });
const evaluationId = (c: Context<AppEnv>): string => parseOrThrow(EvaluationId, { id: c.req.param('id') ?? '' }).id;

/** An optional JSON body: empty is `{}`. */
async function optionalJson(req: { text(): Promise<string> }): Promise<unknown> {
  const text = await req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest(['(root): body must be valid JSON']);
  }
}

/** Evaluations: reviewers, leads and admins write; agents read their own. */
export function evaluationsRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  const evaluations = evaluationService(db);

  r.post('/', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, STAFF, 'create evaluations');
    const body = parseOrThrow(EvaluationCreate, await readJson(c.req));
    const { evaluation, created } = await evaluations.create(actor, body, clock.now());
    return c.json(evaluation, created ? 201 : 200);
  });

  r.get('/', async (c) => {
    const actor = actorOf(c);
    const query = parseOrThrow(EvaluationListQuery, c.req.query());
    return c.json(await evaluations.list(actor, query));
  });

  r.get('/:id', async (c) => {
    const actor = actorOf(c);
    return c.json(await evaluations.read(actor, evaluationId(c)));
  });

  r.put('/:id', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, STAFF, 'amend evaluations');
    const body = parseOrThrow(EvaluationAmend, await readJson(c.req));
    return c.json(await evaluations.amend(actor, evaluationId(c), body, clock.now()));
  });

  // who may change the status is a rule on the evaluation (its reviewer, its reviewee, a third lead): the service checks it
  for (const action of ['withdraw', 'acknowledge'] as const) {
    r.post(`/:id/${action}`, async (c) => {
      const actor = actorOf(c);
      const body = parseOrThrow(StatusChange, await optionalJson(c.req));
      return c.json(await evaluations[action](actor, evaluationId(c), body, clock.now()));
    });
  }

  r.post('/:id/dispute', async (c) => {
    const actor = actorOf(c);
    const body = parseOrThrow(Dispute, await readJson(c.req));
    return c.json(await evaluations.dispute(actor, evaluationId(c), body, clock.now()));
  });

  r.post('/:id/resolve', async (c) => {
    const actor = actorOf(c);
    // the role first: an agent learns nothing from how their body would have been read
    requireRole(actor, LEADS, 'resolve disputes');
    const body = parseOrThrow(DisputeResolution, await readJson(c.req));
    if (body.outcome === 'rejected' && body.answers !== undefined) {
      throw unprocessable('a rejected dispute leaves the score as it is: send no answers');
    }
    return c.json(await evaluations.resolve(actor, evaluationId(c), body, clock.now()));
  });

  return r;
}

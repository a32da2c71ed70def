import type { Context } from 'hono';
import { z } from 'zod';
import { EvaluationDetail, EvaluationListQuery, EvaluationPage, EvaluationView } from '../../core/api.ts';
import { Dispute, DisputeResolution, EvaluationAmend, EvaluationCreate, StatusChange } from '../../core/evaluation.ts';
import { Uuid } from '../../core/text.ts';
import { LEADS, STAFF, actorOf, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow, unprocessable } from '../errors.ts';
import { ANYONE, declare, json, jsonBody, router } from '../openapi/declare.ts';
import { evaluationService } from '../services/evaluations.ts';

/** Path ids in their one spelling (lower case), as the create stores them; read after the body, as always. */
const EvaluationId = z.object({ id: Uuid });
const evaluationId = (c: Context<AppEnv>): string => parseOrThrow(EvaluationId, { id: c.req.param('id') ?? '' }).id;

const STATUS_ERRORS = [404, 409, 422] as const;

/** Evaluations: reviewers, leads and admins write; agents read their own. */
export function evaluationsRouter({ db, clock }: AppDeps) {
  const r = router();
  const evaluations = evaluationService(db);

  const create = declare({
    method: 'post',
    path: '/',
    tag: 'evaluations',
    summary:
      'Store an evaluation; the server scores it. 201 when new, 200 on an identical replay of the same id; 422 for a review ' +
      'whose revieweeId is the caller (no one reviews themselves: kind self-review is for that)',
    roles: STAFF,
    action: 'create evaluations',
    errors: [404, 409, 422],
    request: { body: jsonBody(EvaluationCreate) },
    responses: { 201: json(EvaluationView, 'Created'), 200: json(EvaluationView, 'The same evaluation, sent again: stored once') },
  });
  r.openapi(create, async (c) => {
    const { evaluation, created } = await evaluations.create(actorOf(c), c.req.valid('json'), clock.now());
    return created ? c.json(evaluation, 201) : c.json(evaluation, 200);
  });

  const list = declare({
    method: 'get',
    path: '/',
    tag: 'evaluations',
    summary: 'List evaluations, newest first, one page at a time',
    roles: ANYONE,
    access: 'an agent lists only evaluations of their own work',
    request: { query: EvaluationListQuery },
    responses: { 200: json(EvaluationPage) },
  });
  r.openapi(list, async (c) => c.json(await evaluations.list(actorOf(c), c.req.valid('query')), 200));

  const read = declare({
    method: 'get',
    path: '/{id}',
    tag: 'evaluations',
    summary: 'One evaluation with its history',
    roles: ANYONE,
    access:
      'an agent reads only evaluations of their own work; another reviewer’s calibration evaluation is 404 until the caller has ' +
      'submitted theirs in that session (agents: always)',
    responses: { 200: json(EvaluationDetail) },
  });
  r.openapi(read, async (c) => c.json(await evaluations.read(actorOf(c), evaluationId(c)), 200));

  const amend = declare({
    method: 'put',
    path: '/{id}',
    tag: 'evaluations',
    summary:
      'Amend the answers (history is kept); rescored by the server. Optimistic lock: the body carries `lockVersion`, the ' +
      "evaluation's `lockVersion` as read; 409 when it changed since (reload, apply the change again). An acknowledged " +
      'evaluation goes back to `submitted` with `changedSinceAcknowledgement: true`, for the agent to acknowledge again. ' +
      '422 when a review would name its reviewer as reviewee (no one reviews themselves)',
    roles: STAFF,
    action: 'amend evaluations',
    access: 'its reviewer, a lead or an admin; never the reviewee of a review (403)',
    errors: STATUS_ERRORS,
    request: { body: jsonBody(EvaluationAmend) },
    responses: { 200: json(EvaluationView) },
  });
  r.openapi(amend, async (c) => c.json(await evaluations.amend(actorOf(c), evaluationId(c), c.req.valid('json'), clock.now()), 200));

  // who may change the status is a rule on the evaluation (its reviewer, its reviewee, a third lead): the service checks it
  for (const [action, summary, access] of [
    [
      'withdraw',
      'Withdraw (final; no longer counted in reports). Optional body `{ lockVersion }`: 409 when stale',
      'its reviewer, a lead or an admin',
    ],
    [
      'acknowledge',
      'Acknowledge as the reviewee (again after a change: `changedSinceAcknowledgement`). Optional body `{ lockVersion }`: 409 when stale',
      'the reviewee',
    ],
  ] as const) {
    const change = declare({
      method: 'post',
      path: `/{id}/${action}`,
      tag: 'evaluations',
      summary,
      roles: ANYONE,
      access,
      errors: STATUS_ERRORS,
      request: { body: jsonBody(StatusChange, true) },
      responses: { 200: json(EvaluationView) },
    });
    r.openapi(change, async (c) => c.json(await evaluations[action](actorOf(c), evaluationId(c), c.req.valid('json'), clock.now()), 200));
  }

  const dispute = declare({
    method: 'post',
    path: '/{id}/dispute',
    tag: 'evaluations',
    summary:
      'Dispute as the reviewee, with a reason and the disputed criteria (none: the whole evaluation). Optional `lockVersion`: 409 when stale',
    roles: ANYONE,
    access: 'the reviewee',
    errors: STATUS_ERRORS,
    request: { body: jsonBody(Dispute) },
    responses: { 200: json(EvaluationView) },
  });
  r.openapi(dispute, async (c) => c.json(await evaluations.dispute(actorOf(c), evaluationId(c), c.req.valid('json'), clock.now()), 200));

  // the role first: an agent learns nothing from how their body would have been read
  const resolve = declare({
    method: 'post',
    path: '/{id}/resolve',
    tag: 'evaluations',
    summary:
      'Resolve a dispute. Rejected: the score stays (no answers). Upheld: `answers` holds new answers for exactly the disputed ' +
      'criteria (every criterion when the dispute named none), scored with the evaluation’s scorecard version; in one ' +
      'transaction the evaluation is amended and rescored, the history gets an `amend` entry with `detail.resolutionId` ' +
      '(= `dispute.resolutionId`) and a `resolve` entry, and both are audited. Optional `lockVersion`: 409 when stale',
    roles: LEADS,
    action: 'resolve disputes',
    access: 'a lead or an admin who is neither its reviewer nor its reviewee',
    errors: STATUS_ERRORS,
    request: { body: jsonBody(DisputeResolution) },
    responses: { 200: json(EvaluationView) },
  });
  r.openapi(resolve, async (c) => {
    const body = c.req.valid('json');
    if (body.outcome === 'rejected' && body.answers !== undefined) {
      throw unprocessable('a rejected dispute leaves the score as it is: send no answers');
    }
    return c.json(await evaluations.resolve(actorOf(c), evaluationId(c), body, clock.now()), 200);
  });

  return r;
}

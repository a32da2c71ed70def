/**
 * `/evaluations` and `/sidebar`: reviewers, leads and admins write; agents read their own; the reviewee acknowledges or
 * disputes. The sidebar reads everything it shows for a ticket in one request (decision 009).
 */
import { EvaluationDetail, EvaluationListQuery, EvaluationPage, EvaluationView, SidebarBundle, SidebarQuery } from '../api.ts';
import { Dispute, DisputeResolution, EvaluationAmend, EvaluationCreate, StatusChange } from '../evaluation.ts';
import { LEADS, STAFF } from '../permissions.ts';
import { ANYONE, contract, json, jsonBody } from './contract.ts';

const STATUS_ERRORS = [404, 409, 422] as const;

export const createEvaluation = contract({
  method: 'post',
  path: '/evaluations',
  tag: 'evaluations',
  summary:
    'Store an evaluation; the server scores it. 201 when new, 200 on an identical replay of the same id; 422 for a review ' +
    'whose revieweeId is the caller (no one reviews themselves: kind self-review is for that)',
  roles: STAFF,
  errors: [404, 409, 422],
  request: { body: jsonBody(EvaluationCreate) },
  responses: { 201: json(EvaluationView, 'Created'), 200: json(EvaluationView, 'The same evaluation, sent again: stored once') },
});

export const listEvaluations = contract({
  method: 'get',
  path: '/evaluations',
  tag: 'evaluations',
  summary: 'List evaluations, newest first, one page at a time',
  roles: ANYONE,
  access: 'an agent lists only evaluations of their own work',
  request: { query: EvaluationListQuery },
  responses: { 200: json(EvaluationPage) },
});

export const readEvaluation = contract({
  method: 'get',
  path: '/evaluations/{id}',
  tag: 'evaluations',
  summary: 'One evaluation with its history',
  roles: ANYONE,
  access:
    'an agent reads only evaluations of their own work; another reviewer’s calibration evaluation is 404 until the caller has ' +
    'submitted theirs in that session (agents: always)',
  responses: { 200: json(EvaluationDetail) },
});

export const amendEvaluation = contract({
  method: 'put',
  path: '/evaluations/{id}',
  tag: 'evaluations',
  summary:
    'Amend the answers (history is kept); rescored by the server. Optimistic lock: the body carries `lockVersion`, the ' +
    "evaluation's `lockVersion` as read; 409 when it changed since (reload, apply the change again). An acknowledged " +
    'evaluation goes back to `submitted` with `changedSinceAcknowledgement: true`, for the agent to acknowledge again. ' +
    '422 when a review would name its reviewer as reviewee (no one reviews themselves)',
  roles: STAFF,
  access: 'its reviewer, a lead or an admin; never the reviewee of a review (403)',
  errors: STATUS_ERRORS,
  request: { body: jsonBody(EvaluationAmend) },
  responses: { 200: json(EvaluationView) },
});

// who may change the status is a rule on the evaluation (its reviewer, its reviewee, a third lead): the service checks it
export const withdrawEvaluation = contract({
  method: 'post',
  path: '/evaluations/{id}/withdraw',
  tag: 'evaluations',
  summary: 'Withdraw (final; no longer counted in reports). Optional body `{ lockVersion }`: 409 when stale',
  roles: ANYONE,
  access: 'its reviewer, a lead or an admin',
  errors: STATUS_ERRORS,
  request: { body: jsonBody(StatusChange, true) },
  responses: { 200: json(EvaluationView) },
});

export const acknowledgeEvaluation = contract({
  method: 'post',
  path: '/evaluations/{id}/acknowledge',
  tag: 'evaluations',
  summary:
    'Acknowledge as the reviewee (again after a change: `changedSinceAcknowledgement`). Optional body `{ lockVersion }`: 409 when stale',
  roles: ANYONE,
  access: 'the reviewee',
  errors: STATUS_ERRORS,
  request: { body: jsonBody(StatusChange, true) },
  responses: { 200: json(EvaluationView) },
});

export const disputeEvaluation = contract({
  method: 'post',
  path: '/evaluations/{id}/dispute',
  tag: 'evaluations',
  summary:
    'Dispute as the reviewee, with a reason and the disputed criteria (none: the whole evaluation). Optional `lockVersion`: 409 when stale',
  roles: ANYONE,
  access: 'the reviewee',
  errors: STATUS_ERRORS,
  request: { body: jsonBody(Dispute) },
  responses: { 200: json(EvaluationView) },
});

export const resolveDispute = contract({
  method: 'post',
  path: '/evaluations/{id}/resolve',
  tag: 'evaluations',
  summary:
    'Resolve a dispute. Rejected: the score stays (no answers). Upheld: `answers` holds new answers for exactly the disputed ' +
    'criteria (every criterion when the dispute named none), scored with the evaluation’s scorecard version; in one ' +
    'transaction the evaluation is amended and rescored, the history gets an `amend` entry with `detail.resolutionId` ' +
    '(= `dispute.resolutionId`) and a `resolve` entry, and both are audited. Optional `lockVersion`: 409 when stale',
  roles: LEADS,
  access: 'a lead or an admin who is neither its reviewer nor its reviewee',
  errors: STATUS_ERRORS,
  request: { body: jsonBody(DisputeResolution) },
  responses: { 200: json(EvaluationView) },
});

export const loadSidebar = contract({
  method: 'get',
  path: '/sidebar',
  tag: 'evaluations',
  summary: 'Everything the ticket sidebar shows for a ticket in one call',
  roles: ANYONE,
  request: { query: SidebarQuery },
  responses: { 200: json(SidebarBundle) },
});

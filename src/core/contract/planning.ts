/** `/plan`, `/suggestions` and `/targets`: evaluations wanted per agent per week, tickets that fill the gaps, SMART targets. */
import { MonitoringPlan, MonitoringPlanView, SuggestionsRequest, SuggestionsResponse } from '../coverage.ts';
import { LEADS, STAFF } from '../permissions.ts';
import { Target, TargetCreate, TargetList, TargetListQuery } from '../targets.ts';
import { ANYONE, contract, json, jsonBody, noContent } from './contract.ts';

export const readPlan = contract({
  method: 'get',
  path: '/plan',
  tag: 'planning',
  summary: 'The monitoring plan: evaluations per agent per week, overall and per channel',
  roles: STAFF,
  responses: { 200: json(MonitoringPlanView) },
});

export const setPlan = contract({
  method: 'put',
  path: '/plan',
  tag: 'planning',
  summary: 'Set the monitoring plan',
  roles: LEADS,
  request: { body: jsonBody(MonitoringPlan) },
  responses: { 200: json(MonitoringPlanView) },
});

/**
 * Drawn from the synced tickets when the account has them; else from the candidates the app read from Zendesk and sends
 * (source none: send them): a POST that writes nothing.
 */
export const suggestReviews = contract({
  method: 'post',
  path: '/suggestions',
  tag: 'planning',
  summary:
    'Tickets to review that fill coverage gaps (random per agent among the synced tickets solved this week or last, or the candidates sent; optionally favouring reopens, low CSAT, long resolution)',
  roles: STAFF,
  request: { body: jsonBody(SuggestionsRequest) },
  responses: { 200: json(SuggestionsResponse) },
});

const setters = { tag: 'targets', roles: LEADS } as const;

export const listTargets = contract({
  method: 'get',
  path: '/targets',
  tag: 'targets',
  summary: 'SMART targets with progress',
  roles: ANYONE,
  access: 'an agent sees their own targets only',
  request: { query: TargetListQuery },
  responses: { 200: json(TargetList) },
});

export const readTarget = contract({
  method: 'get',
  path: '/targets/{id}',
  tag: 'targets',
  summary: 'One target with its progress',
  roles: ANYONE,
  responses: { 200: json(Target) },
});

export const createTarget = contract({
  ...setters,
  method: 'post',
  path: '/targets',
  summary: 'Set a target for an agent or a group',
  request: { body: jsonBody(TargetCreate) },
  responses: { 201: json(Target, 'Created') },
});

export const changeTarget = contract({
  ...setters,
  method: 'put',
  path: '/targets/{id}',
  summary: 'Change a target',
  request: { body: jsonBody(TargetCreate) },
  responses: { 200: json(Target) },
});

export const removeTarget = contract({
  ...setters,
  method: 'delete',
  path: '/targets/{id}',
  summary: 'Remove (archive) a target',
  responses: { 204: noContent },
});

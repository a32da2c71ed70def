/** `/scorecards`: admins (and the roles the account policy names) manage drafts and versions; everyone signed in reads. */
import { z } from 'zod';
import {
  ScorecardDraftUpdate,
  ScorecardExport,
  ScorecardExportQuery,
  ScorecardList,
  ScorecardListQuery,
  ScorecardSummary,
  ScorecardVersionView,
  WhatIfRequest,
  WhatIfResult,
} from '../api.ts';
import { ADMIN } from '../permissions.ts';
import { ScorecardDefinition } from '../scorecard.ts';
import { PositiveInt32 } from '../text.ts';
import { ANYONE, contract, json, jsonBody, noContent } from './contract.ts';

// the account policy widens who manages scorecards (the service checks it); the roles name the fixed minimum
const managers = {
  tag: 'scorecards',
  roles: ADMIN,
  access: 'admins, and the QA roles the account policy (GET /api/v1/policy) names',
} as const;

export const createScorecard = contract({
  ...managers,
  method: 'post',
  path: '/scorecards',
  summary: 'Create a scorecard; version 1 is a draft',
  request: { body: jsonBody(ScorecardDefinition) },
  responses: { 201: json(ScorecardVersionView, 'Created') },
});

export const importScorecard = contract({
  ...managers,
  method: 'post',
  path: '/scorecards/import',
  summary: 'Import a scorecard in the public JSON format as a new draft',
  request: { body: jsonBody(ScorecardDefinition) },
  responses: { 201: json(ScorecardVersionView, 'Created') },
});

export const listScorecards = contract({
  method: 'get',
  path: '/scorecards',
  tag: 'scorecards',
  summary: 'List scorecards with their versions',
  roles: ANYONE,
  access: 'drafts are shown to scorecard managers only',
  request: { query: ScorecardListQuery },
  responses: { 200: json(ScorecardList) },
});

export const readScorecard = contract({
  method: 'get',
  path: '/scorecards/{id}',
  tag: 'scorecards',
  summary: 'One scorecard with its versions',
  roles: ANYONE,
  errors: [404],
  responses: { 200: json(ScorecardSummary) },
});

export const readScorecardVersion = contract({
  method: 'get',
  path: '/scorecards/{id}/versions/{version}',
  tag: 'scorecards',
  summary: 'One version of a scorecard',
  roles: ANYONE,
  request: { params: z.object({ id: z.string(), version: z.coerce.number().pipe(PositiveInt32) }) },
  responses: { 200: json(ScorecardVersionView) },
});

export const exportScorecard = contract({
  method: 'get',
  path: '/scorecards/{id}/export',
  tag: 'scorecards',
  summary: 'Export a version in the public JSON format (the current published one by default)',
  roles: ANYONE,
  request: { query: ScorecardExportQuery },
  responses: { 200: json(ScorecardExport) },
});

export const saveScorecardDraft = contract({
  ...managers,
  method: 'put',
  path: '/scorecards/{id}/draft',
  summary: 'Save the draft; a stale lockVersion is a conflict',
  errors: [409, 422],
  request: { body: jsonBody(ScorecardDraftUpdate) },
  responses: { 200: json(ScorecardVersionView) },
});

export const startScorecardDraft = contract({
  ...managers,
  method: 'post',
  path: '/scorecards/{id}/draft',
  summary: 'Start a draft of the next version from the current one',
  errors: [409, 422],
  responses: { 201: json(ScorecardVersionView, 'Created') },
});

export const deleteScorecardDraft = contract({
  ...managers,
  method: 'delete',
  path: '/scorecards/{id}/versions/{version}',
  summary: 'Delete a draft version; a scorecard never published goes with it',
  errors: [409],
  request: {
    params: z.object({ id: z.string(), version: z.coerce.number().pipe(PositiveInt32) }),
    // the draft as the caller last read it: a save since is a conflict, so no one deletes work they have not seen
    query: z.strictObject({ lockVersion: z.coerce.number().pipe(PositiveInt32).optional() }),
  },
  responses: { 204: noContent },
});

export const publishScorecard = contract({
  ...managers,
  method: 'post',
  path: '/scorecards/{id}/publish',
  summary: 'Publish the draft; published versions never change',
  errors: [409, 422],
  responses: { 200: json(ScorecardVersionView) },
});

export const archiveScorecard = contract({
  ...managers,
  method: 'post',
  path: '/scorecards/{id}/archive',
  summary: 'Archive: no new evaluations; existing ones stay',
  errors: [422],
  responses: { 200: json(ScorecardSummary) },
});

export const duplicateScorecard = contract({
  ...managers,
  method: 'post',
  path: '/scorecards/{id}/duplicate',
  summary: 'Copy a scorecard into a new draft scorecard',
  responses: { 201: json(ScorecardVersionView, 'Created') },
});

export const whatIf = contract({
  ...managers,
  method: 'post',
  path: '/scorecards/{id}/what-if',
  summary: 'Rescore recent evaluations with an edited definition, without storing anything',
  request: { body: jsonBody(WhatIfRequest) },
  responses: { 200: json(WhatIfResult) },
});

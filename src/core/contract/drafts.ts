/**
 * `/drafts`: a reviewer's drafts, saved as they score. A save carries the revision it started from: 409 with the
 * stored copy when another tab or device saved first. Only one's own drafts; the submit deletes its draft.
 */
import { DraftConflict, DraftList, DraftListQuery, DraftPath, DraftSave, SavedDraft } from '../draft.ts';
import { STAFF } from '../permissions.ts';
import { contract, json, jsonBody, noContent } from './contract.ts';

const drafts = { tag: 'drafts', roles: STAFF } as const;

export const listDrafts = contract({
  ...drafts,
  method: 'get',
  path: '/drafts',
  summary: "The caller's own drafts on a ticket, newest first",
  request: { query: DraftListQuery },
  responses: { 200: json(DraftList) },
});

export const saveDraft = contract({
  ...drafts,
  method: 'put',
  path: '/drafts/{ticketId}/{slot}',
  summary: 'Saves a draft from the revision it started at (null: new); slot is the scorecard id or calibration-<session id>',
  errors: [422],
  request: { params: DraftPath, body: jsonBody(DraftSave) },
  responses: {
    200: json(SavedDraft),
    409: json(DraftConflict, 'Another tab or device saved first (`current`), or the draft was discarded or submitted (null)'),
  },
});

export const discardDraft = contract({
  ...drafts,
  method: 'delete',
  path: '/drafts/{ticketId}/{slot}',
  summary: 'Discards a draft (idempotent); a stored evaluation deletes its own draft',
  request: { params: DraftPath },
  responses: { 204: noContent },
});

import { DraftConflict, DraftList, DraftListQuery, DraftPath, DraftSave, SavedDraft, draftSlot } from '../../core/draft.ts';
import { STAFF, actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { unprocessable } from '../errors.ts';
import { declare, json, jsonBody, noContent, router } from '../openapi/declare.ts';
import { discardDraft, draftsOn, keepDraft } from '../services/drafts.ts';

/**
 * A reviewer's drafts, saved as they score (debounced by the app): `GET /drafts?ticketId=`, `PUT
 * /drafts/{ticketId}/{slot}` with the revision it started from (409 with the stored copy when another tab or
 * device saved first: shown to the reviewer, never overwritten), `DELETE` to discard. Only one's own drafts;
 * the submit deletes its draft in the evaluation's transaction.
 */
export function draftsRouter({ db, clock }: AppDeps) {
  const r = router();
  const drafts = { tag: 'drafts', roles: STAFF, action: 'keep scoring drafts' };

  const list = declare({
    ...drafts,
    method: 'get',
    path: '/',
    summary: "The caller's own drafts on a ticket, newest first",
    request: { query: DraftListQuery },
    responses: { 200: json(DraftList) },
  });
  r.openapi(list, async (c) => {
    const actor = actorOf(c);
    return c.json({ items: await draftsOn(db, actor.account, actor.userId, c.req.valid('query').ticketId) }, 200);
  });

  const save = declare({
    ...drafts,
    method: 'put',
    path: '/{ticketId}/{slot}',
    summary: 'Saves a draft from the revision it started at (null: new); slot is the scorecard id or calibration-<session id>',
    errors: [422],
    request: { params: DraftPath, body: jsonBody(DraftSave) },
    responses: {
      200: json(SavedDraft),
      409: json(DraftConflict, 'Another tab or device saved first (`current`), or the draft was discarded or submitted (null)'),
    },
  });
  r.openapi(save, async (c) => {
    const actor = actorOf(c);
    const { ticketId, slot } = c.req.valid('param');
    const body = c.req.valid('json');
    if (draftSlot(body.content) !== slot) throw unprocessable(`content belongs in slot "${draftSlot(body.content)}", not "${slot}"`);
    const key = { account: actor.account, userId: actor.userId, ticketId, slot };
    const kept = await keepDraft(db, key, body.baseRevision, body.content, clock.now());
    if (kept.saved) return c.json({ draft: kept.saved }, 200);
    const { current } = kept;
    return c.json(
      {
        error: current
          ? `this draft was saved from another tab or device (revision ${current.revision}, you started from ${body.baseRevision ?? 'none'}): choose which to keep`
          : 'this draft was discarded or submitted from another tab or device',
        current,
      },
      409,
    );
  });

  const discard = declare({
    ...drafts,
    method: 'delete',
    path: '/{ticketId}/{slot}',
    summary: 'Discards a draft (idempotent); a stored evaluation deletes its own draft',
    request: { params: DraftPath },
    responses: { 204: noContent },
  });
  r.openapi(discard, async (c) => {
    const actor = actorOf(c);
    const { ticketId, slot } = c.req.valid('param');
    await discardDraft(db, { account: actor.account, userId: actor.userId, ticketId, slot });
    return c.body(null, 204);
  });

  return r;
}

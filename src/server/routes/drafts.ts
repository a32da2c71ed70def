import * as api from '../../core/contract/drafts.ts';
import { draftSlot } from '../../core/draft.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { unprocessable } from '../errors.ts';
import { declare, router } from '../openapi/declare.ts';
import { discardDraft, draftsOn, keepDraft } from '../services/drafts.ts';

/**
 * A reviewer's drafts, saved as they score (debounced by the app): `GET /drafts?ticketId=`, `PUT
 * /drafts/{ticketId}/{slot}` with the revision it started from (409 with the stored copy when another tab or
 * device saved first: shown to the reviewer, never overwritten), `DELETE` to discard. Only one's own drafts;
 * the submit deletes its draft in the evaluation's transaction.
 */
export function draftsRouter({ db, clock }: AppDeps) {
  const r = router();
  const drafts = { action: 'keep scoring drafts' };

  r.openapi(declare(api.listDrafts, drafts), async (c) => {
    const actor = actorOf(c);
    return c.json({ items: await draftsOn(db, actor.account, actor.userId, c.req.valid('query').ticketId) }, 200);
  });

  r.openapi(declare(api.saveDraft, drafts), async (c) => {
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

  r.openapi(declare(api.discardDraft, drafts), async (c) => {
    const actor = actorOf(c);
    const { ticketId, slot } = c.req.valid('param');
    await discardDraft(db, { account: actor.account, userId: actor.userId, ticketId, slot });
    return c.body(null, 204);
  });

  return r;
}

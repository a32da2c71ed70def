import { Hono } from 'hono';
import { z } from 'zod';
import { DraftListQuery, DraftSave, draftSlot } from '../../core/draft.ts';
import { STAFF, actorOf, requireRole, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow, readJson, unprocessable } from '../errors.ts';
import { discardDraft, draftsOn, keepDraft } from '../services/drafts.ts';

const TicketId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const Slot = z.string().regex(/^[A-Za-z0-9_.-]{1,200}$/, 'must be a scorecard id or calibration-<session id>');
const DraftPath = z.object({ ticketId: TicketId, slot: Slot });

/**
 * A reviewer's drafts, saved as they score (debounced by the app): `GET /drafts?ticketId=`, `PUT
 * /drafts/{ticketId}/{slot}` with the revision it started from (409 with the stored copy when another tab or
 * device saved first: shown to the reviewer, never overwritten), `DELETE` to discard. Only one's own drafts;
 * the submit deletes its draft in the evaluation's transaction.
 */
export function draftsRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get('/', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, STAFF, 'keep scoring drafts');
    const { ticketId } = parseOrThrow(DraftListQuery, c.req.query());
    return c.json({ items: await draftsOn(db, actor.account, actor.userId, ticketId) });
  });

  r.put('/:ticketId/:slot', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, STAFF, 'keep scoring drafts');
    const { ticketId, slot } = parseOrThrow(DraftPath, c.req.param());
    const body = parseOrThrow(DraftSave, await readJson(c.req));
    if (draftSlot(body.content) !== slot) throw unprocessable(`content belongs in slot "${draftSlot(body.content)}", not "${slot}"`);
    const key = { account: actor.account, userId: actor.userId, ticketId, slot };
    const kept = await keepDraft(db, key, body.baseRevision, body.content, clock.now());
    if (kept.saved) return c.json({ draft: kept.saved });
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

  r.delete('/:ticketId/:slot', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, STAFF, 'keep scoring drafts');
    const { ticketId, slot } = parseOrThrow(DraftPath, c.req.param());
    await discardDraft(db, { account: actor.account, userId: actor.userId, ticketId, slot });
    return c.body(null, 204);
  });

  return r;
}

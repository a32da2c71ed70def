import { z } from 'zod';
import { PositiveInt32, safeText, textRecord } from './text.ts';

/** One criterion while scoring: unlike a submitted answer, anything may still be missing. */
export const DraftAnswer = z.strictObject({
  rating: z.number().int().min(0).max(1000).optional(),
  na: z.literal(true).optional(),
  comment: safeText(5000).optional(),
  rootCauses: z.array(safeText(120).min(1)).max(50).optional(),
});
export type DraftAnswer = z.infer<typeof DraftAnswer>;

const CriterionKey = safeText(200).min(1);

/** What the sidebar keeps while a reviewer scores a ticket: saved to the service as they work. */
export const DraftContent = z.strictObject({
  /** The evaluation's UUID, made when scoring starts and reused by every submit attempt. */
  evaluationId: z.uuid(),
  /** Set when the draft edits an evaluation already stored (amend instead of create). */
  amends: z.uuid().optional(),
  amendsLockVersion: PositiveInt32.optional(),
  scorecardId: safeText(200).min(1),
  scorecardVersion: PositiveInt32,
  calibrationSessionId: safeText(200).min(1).optional(),
  revieweeId: z.number().int().positive().nullable(),
  answers: textRecord(CriterionKey, DraftAnswer).refine((a) => Object.keys(a).length <= 500, 'at most 500 criteria'),
  overallComment: safeText(10000),
  /** ms since epoch, on the device that last changed it. */
  savedAt: z.number().int().min(0),
});
export type DraftContent = z.infer<typeof DraftContent>;

export { draftSlot } from './draft-slot.ts';

/** `PUT /drafts/{ticketId}/{slot}`: `baseRevision` is the revision this copy started from (null: a new draft). */
export const DraftSave = z.strictObject({
  baseRevision: z.number().int().min(0).nullable(),
  content: DraftContent,
});
export type DraftSave = z.infer<typeof DraftSave>;

/** A draft as the service keeps it: one per reviewer, ticket and slot; `revision` +1 on every save. */
export const StoredDraft = z.object({
  ticketId: z.number().int().positive(),
  slot: z.string(),
  revision: z.number().int().positive(),
  content: DraftContent,
  updatedAt: z.string(),
});
export type StoredDraft = z.infer<typeof StoredDraft>;

const TicketId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const DraftListQuery = z.object({ ticketId: TicketId });

/** `/drafts/{ticketId}/{slot}`: the slot is the scorecard id, or `calibration-<session id>` (draftSlot). */
export const DraftPath = z.object({
  ticketId: TicketId,
  slot: z.string().regex(/^[A-Za-z0-9_.-]{1,200}$/, 'must be a scorecard id or calibration-<session id>'),
});

export const DraftList = z.object({ items: z.array(StoredDraft) }).meta({ id: 'DraftList' });
export const SavedDraft = z.object({ draft: StoredDraft }).meta({ id: 'SavedDraft' });
/** 409 on a save: another tab or device saved first (`current`, shown to the reviewer), or the draft is gone (null). */
export const DraftConflict = z.object({ error: z.string(), current: StoredDraft.nullable() }).meta({ id: 'DraftConflict' });

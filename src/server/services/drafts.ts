import type { DraftContent, StoredDraft } from '../../core/draft.ts';
import type { Queryable } from '../db/db.ts';
import { deleteDraft, draftAt, draftsOf, saveDraft, type DraftKey } from '../store/drafts.ts';

export type { DraftKey };

/** The user's drafts on one ticket, newest first. */
export function draftsOn(q: Queryable, account: string, userId: number, ticketId: number): Promise<StoredDraft[]> {
  return draftsOf(q, account, userId, ticketId);
}

/**
 * Saves the draft if nobody saved this slot since `baseRevision` (null: a first draft). Otherwise nothing is written
 * and the stored copy comes back (null: discarded or submitted meanwhile), for the reviewer to choose.
 */
export async function keepDraft(
  q: Queryable,
  key: DraftKey,
  baseRevision: number | null,
  content: DraftContent,
  now: Date,
): Promise<{ saved: StoredDraft } | { saved: null; current: StoredDraft | null }> {
  const saved = await saveDraft(q, key, baseRevision, content, now);
  return saved ? { saved } : { saved: null, current: await draftAt(q, key) };
}

export function discardDraft(q: Queryable, key: DraftKey): Promise<void> {
  return deleteDraft(q, key);
}

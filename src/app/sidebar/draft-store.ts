/**
 * The device's copy of drafts, in localStorage per account + ticket + scorecard + user: a cache under the
 * service's copy (draft-sync.ts), where the browser allows storage; cleared once the service has the evaluation.
 */
import type { DraftContent } from '../../core/draft.ts';
import { draftSlot } from '../../core/draft-slot.ts';
import { keysWithPrefix, readJson, writeJson, type KeyValueStorage } from './storage.ts';

export type { DraftAnswer } from '../../core/draft.ts';
/** What the sidebar keeps while scoring; the service validates the same shape (core/draft.ts). */
export type Draft = DraftContent;
export { draftSlot };

export interface DraftScope {
  account: string;
  userId: number;
}

/** Drafts untouched this long are pruned on the next save, so storage does not fill up. */
export const DRAFT_TTL_MS = 30 * 24 * 3600 * 1000;

const isDraft = (v: unknown): v is Draft =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Draft).evaluationId === 'string' &&
  typeof (v as Draft).scorecardId === 'string' &&
  typeof (v as Draft).scorecardVersion === 'number' &&
  typeof (v as Draft).answers === 'object' &&
  (v as Draft).answers !== null &&
  typeof (v as Draft).savedAt === 'number';

export interface DraftStore {
  /** `slot`: a scorecard id, or `draftSlot()` of a calibration draft. */
  load(ticketId: number, slot: string): Draft | null;
  /** The most recently saved draft of this ticket, whatever its scorecard. */
  latest(ticketId: number): Draft | null;
  /** Every draft of this user on this ticket. */
  all(ticketId: number): Draft[];
  /** false when storage refused it (full or blocked). */
  save(ticketId: number, draft: Draft): boolean;
  clear(ticketId: number, slot: string): void;
}

export function createDraftStore(storage: KeyValueStorage, scope: DraftScope, now: () => number = Date.now): DraftStore {
  const root = `ticket-qa:draft:${scope.account}:`;
  const ticketPrefix = (ticketId: number) => `${root}${ticketId}:`;
  const key = (ticketId: number, slot: string) => `${ticketPrefix(ticketId)}${scope.userId}:${slot}`;
  const mine = (k: string) => k.split(':')[4] === String(scope.userId);

  function prune() {
    for (const k of keysWithPrefix(storage, root)) {
      const d = readJson(storage, k, isDraft);
      if (!d || now() - d.savedAt > DRAFT_TTL_MS) storage.removeItem(k);
    }
  }

  const all = (ticketId: number): Draft[] =>
    keysWithPrefix(storage, ticketPrefix(ticketId))
      .filter(mine)
      .map((k) => readJson(storage, k, isDraft))
      .filter((d): d is Draft => d !== null);

  return {
    load: (ticketId, slot) => readJson(storage, key(ticketId, slot), isDraft),
    latest: (ticketId) => all(ticketId).sort((a, b) => b.savedAt - a.savedAt)[0] ?? null,
    all,
    save(ticketId, draft) {
      const saved = writeJson(storage, key(ticketId, draftSlot(draft)), { ...draft, savedAt: now() });
      if (!saved) {
        prune();
        return writeJson(storage, key(ticketId, draftSlot(draft)), { ...draft, savedAt: now() });
      }
      return true;
    },
    clear(ticketId, slot) {
      try {
        storage.removeItem(key(ticketId, slot));
      } catch {
        // nothing to clear
      }
    },
  };
}

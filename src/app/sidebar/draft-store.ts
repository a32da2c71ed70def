/**
 * Drafts live in localStorage per account + ticket + scorecard + user, so scoring survives a reload or a
 * closed browser; cleared once the service has the evaluation.
 */
import { keysWithPrefix, readJson, writeJson, type KeyValueStorage } from './storage.ts';

export interface DraftAnswer {
  rating?: number;
  na?: true;
  comment?: string;
  rootCauses?: string[];
}

export interface Draft {
  /** The evaluation's UUID, made when scoring starts and reused by every submit attempt. */
  evaluationId: string;
  /** Set when the draft edits an evaluation already stored (amend instead of create). */
  amends?: string;
  /** The amended evaluation's lockVersion when it was opened for editing: the service refuses the amend (409) if it changed since. */
  amendsLockVersion?: number;
  scorecardId: string;
  scorecardVersion: number;
  /** Set when the draft scores a calibration session (blind, kept apart from the ticket's own review). */
  calibrationSessionId?: string;
  revieweeId: number | null;
  answers: Record<string, DraftAnswer>;
  overallComment: string;
  /** ms since epoch. */
  savedAt: number;
}

/** Where a draft is kept: per scorecard, or per calibration session, so a calibration never overwrites a review. */
export const draftSlot = (d: { scorecardId: string; calibrationSessionId?: string | undefined }): string =>
  d.calibrationSessionId ? `calibration-${d.calibrationSessionId}` : d.scorecardId;

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

  return {
    load: (ticketId, slot) => readJson(storage, key(ticketId, slot), isDraft),
    latest(ticketId) {
      const drafts = keysWithPrefix(storage, ticketPrefix(ticketId))
        .filter(mine)
        .map((k) => readJson(storage, k, isDraft))
        .filter((d): d is Draft => d !== null);
      return drafts.sort((a, b) => b.savedAt - a.savedAt)[0] ?? null;
    },
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

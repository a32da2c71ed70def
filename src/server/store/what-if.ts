import type { Db } from '../db/db.ts';
import type { AdaptiveBatch } from '../limits/batches.ts';
import { pagedQuery } from './reports/pages.ts';

export interface StoredScoreRow {
  /** jsonb: parsed by the driver, or its text. */
  answers: unknown;
  /** The scorecard version the evaluation was scored with (its answers' ratings are on that version's scales). */
  scorecard_version: number;
  final_score: number | null;
  passed: boolean | null;
  critical_failed: boolean;
}

/**
 * The answers, final score, pass and critical failure of a scorecard's evaluations since `since`, those reports count (calibration scores
 * are exercises, withdrawn ones gone), a page at a time.
 */
export function storedScoresSince(
  db: Db,
  account: string,
  scorecardId: string,
  since: Date,
  pages: AdaptiveBatch,
): AsyncGenerator<StoredScoreRow[]> {
  return pagedQuery<StoredScoreRow>(
    db,
    account,
    { scorecardId },
    { from: since, until: null },
    (_p, where) =>
      `SELECT e.answers, e.scorecard_version, e.final_score, e.passed, e.critical_failed FROM evaluations e WHERE ${where.join(' AND ')}`,
    pages,
  );
}

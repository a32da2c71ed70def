import type { Db } from '../../db/db.ts';

// any constant shared by every process of this service: one fold at a time
const FOLD_LOCK = 7_242_002;

const KEY = 'account, day, scorecard_id, group_id, channel';
const SUMS = ['evaluations', 'scored', 'score_sum', 'score_sumsq', 'passes', 'critical_fails'] as const;

/**
 * Moves the deltas the evaluations trigger appended into report_daily, in one transaction: a
 * concurrent report sees either the deltas or their sum, never both or neither. Returns the
 * number of deltas folded (0 when another process is folding: its readers still get exact sums).
 */
export async function foldRollup(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const [lock] = await tx.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [FOLD_LOCK]);
    if (!lock?.locked) return 0;
    const [moved] = await tx.query<{ n: number }>(
      `WITH moved AS (DELETE FROM report_daily_delta RETURNING *),
       folded AS (
         INSERT INTO report_daily (${KEY}, ${SUMS.join(', ')})
         SELECT ${KEY}, ${SUMS.map((c) => `sum(${c})`).join(', ')} FROM moved GROUP BY ${KEY}
         ON CONFLICT (${KEY}) DO UPDATE SET ${SUMS.map((c) => `${c} = report_daily.${c} + EXCLUDED.${c}`).join(', ')})
       SELECT count(*)::float8 AS n FROM moved`,
    );
    return moved?.n ?? 0;
  });
}

/** Folds when deltas are waiting; cheap when there are none. */
export async function foldIfPending(db: Db): Promise<void> {
  const [pending] = await db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM report_daily_delta) AS any');
  if (pending?.any) await foldRollup(db);
}

/**
 * Recomputes an account's rollup from its evaluations (after a bulk load with the trigger off, or
 * to repair): writers of that account wait for it, readers keep reading.
 */
export async function rebuildRollup(db: Db, account: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('LOCK TABLE evaluations IN SHARE MODE');
    await tx.query('DELETE FROM report_daily WHERE account = $1', [account]);
    await tx.query('DELETE FROM report_daily_delta WHERE account = $1', [account]);
    await tx.query(
      `INSERT INTO report_daily (${KEY}, ${SUMS.join(', ')})
       SELECT account, (created_at AT TIME ZONE 'UTC')::date, scorecard_id, coalesce(group_id, 0), coalesce(channel, ''),
         count(*), count(final_score), coalesce(sum(final_score), 0), coalesce(sum(final_score * final_score), 0),
         count(*) FILTER (WHERE passed), count(*) FILTER (WHERE critical_failed)
       FROM evaluations
       WHERE account = $1 AND kind <> 'calibration' AND status <> 'withdrawn'
       GROUP BY 1, 2, 3, 4, 5`,
      [account],
    );
  });
}

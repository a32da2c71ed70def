import type { Queryable } from '../db/db.ts';

/** Failures counted for each key in the window starting at `windowStart`. */
export async function failuresIn(q: Queryable, keys: readonly string[], windowStart: Date): Promise<Map<string, number>> {
  const rows = await q.query<{ key: string; failures: number }>(
    'SELECT key, failures FROM auth_failures WHERE key = ANY($1::text[]) AND window_start = $2',
    [keys, windowStart],
  );
  return new Map(rows.map((r) => [r.key, r.failures]));
}

/** One more failure for each key; windows older than `forgetBefore` go. */
export async function recordFailure(q: Queryable, keys: readonly string[], windowStart: Date, forgetBefore: Date): Promise<void> {
  await q.query(
    `INSERT INTO auth_failures (key, window_start, failures) SELECT k, $2, 1 FROM unnest($1::text[]) AS k
     ON CONFLICT (key, window_start) DO UPDATE SET failures = auth_failures.failures + 1`,
    [keys, windowStart],
  );
  await q.query('DELETE FROM auth_failures WHERE window_start < $1', [forgetBefore]);
}

/** The people table: names as Zendesk last gave them, by account and user id (migration 008). */
import type { Queryable } from '../db/db.ts';

export interface CachedName {
  userId: number;
  /** Null when Zendesk did not know the id when asked. */
  name: string | null;
  fetchedAt: Date;
}

export async function cachedNames(q: Queryable, account: string, userIds: readonly number[]): Promise<CachedName[]> {
  if (userIds.length === 0) return [];
  return q.query<CachedName>(
    'SELECT user_id AS "userId", name, fetched_at AS "fetchedAt" FROM people WHERE account = $1 AND user_id = ANY($2::bigint[])',
    [account, userIds],
  );
}

/** Writes each name (null: Zendesk does not know the id) as fetched at `at`, replacing what was there. */
export async function saveNames(
  q: Queryable,
  account: string,
  names: ReadonlyArray<{ userId: number; name: string | null }>,
  at: Date,
): Promise<void> {
  if (names.length === 0) return;
  await q.query(
    `INSERT INTO people (account, user_id, name, fetched_at)
       SELECT $1, u.id, u.name, $4 FROM unnest($2::bigint[], $3::text[]) AS u(id, name)
     ON CONFLICT (account, user_id) DO UPDATE SET name = excluded.name, fetched_at = excluded.fetched_at`,
    [account, names.map((n) => n.userId), names.map((n) => n.name), at],
  );
}

/** Erasure: the person's cached name goes with them. */
export async function forgetName(q: Queryable, account: string, userId: number): Promise<void> {
  await q.query('DELETE FROM people WHERE account = $1 AND user_id = $2', [account, userId]);
}

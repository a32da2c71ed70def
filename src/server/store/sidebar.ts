import type { Queryable } from '../db/db.ts';

/** A scorecard version with its definition as stored (parse it with definitionOf). */
export interface StoredVersion {
  id: string;
  version: number;
  definition: unknown;
}

/** The account's published scorecards at their current version, by id. */
export function publishedScorecards(q: Queryable, account: string): Promise<StoredVersion[]> {
  return q.query<StoredVersion>(
    `SELECT s.id, v.version, v.definition
       FROM scorecards s JOIN scorecard_versions v
         ON v.account = s.account AND v.scorecard_id = s.id AND v.version = s.current_version
      WHERE s.account = $1 AND s.status = 'published'
      ORDER BY s.id`,
    [account],
  );
}

/** The versions named `<scorecard id>@<version>` in `keys`. */
export async function scorecardVersions(q: Queryable, account: string, keys: readonly string[]): Promise<StoredVersion[]> {
  if (keys.length === 0) return [];
  return q.query<StoredVersion>(
    `SELECT scorecard_id AS id, version, definition FROM scorecard_versions
      WHERE account = $1 AND (scorecard_id || '@' || version) = ANY($2::text[])`,
    [account, keys],
  );
}

import type { ScorecardSummary, ScorecardVersionView } from '../../core/api.ts';
import { ScorecardDefinition } from '../../core/scorecard.ts';
import type { Queryable } from '../db/db.ts';

export interface ScorecardRow {
  account: string;
  id: string;
  name: string;
  status: 'draft' | 'published' | 'archived';
  current_version: number | null;
  latest_version: number;
  created_at: Date;
  updated_at: Date;
  archived_at: Date | null;
}

export interface VersionRow {
  scorecard_id: string;
  version: number;
  status: 'draft' | 'published';
  definition: unknown;
  created_at: Date;
  published_at: Date | null;
  lock_version: number;
}

export const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Stored definitions were parsed on the way in; parsing again on the way out keeps the type honest. */
export const definitionOf = (raw: unknown): ScorecardDefinition => ScorecardDefinition.parse(raw);

export async function findScorecard(q: Queryable, account: string, id: string, forUpdate = false): Promise<ScorecardRow | null> {
  const rows = await q.query<ScorecardRow>(`SELECT * FROM scorecards WHERE account = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [
    account,
    id,
  ]);
  return rows[0] ?? null;
}

export async function findVersion(q: Queryable, account: string, id: string, version: number): Promise<VersionRow | null> {
  const rows = await q.query<VersionRow>('SELECT * FROM scorecard_versions WHERE account = $1 AND scorecard_id = $2 AND version = $3', [
    account,
    id,
    version,
  ]);
  return rows[0] ?? null;
}

export async function findDraft(q: Queryable, account: string, id: string): Promise<VersionRow | null> {
  const rows = await q.query<VersionRow>(`SELECT * FROM scorecard_versions WHERE account = $1 AND scorecard_id = $2 AND status = 'draft'`, [
    account,
    id,
  ]);
  return rows[0] ?? null;
}

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

export function versionView(card: Pick<ScorecardRow, 'name'>, v: VersionRow): ScorecardVersionView {
  const definition = definitionOf(v.definition);
  return {
    id: v.scorecard_id,
    name: definition.name || card.name,
    version: v.version,
    status: v.status,
    lockVersion: v.lock_version,
    definition,
    createdAt: v.created_at.toISOString(),
    publishedAt: iso(v.published_at),
  };
}

/** A new scorecard row, with no published version yet and version 1 to come. */
export async function insertScorecard(q: Queryable, account: string, id: string, name: string, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO scorecards (account, id, name, status, current_version, latest_version, created_at, updated_at)
     VALUES ($1, $2, $3, 'draft', NULL, 1, $4, $4)`,
    [account, id, name, at],
  );
}

/** A new draft version holding `definition` (a parsed definition, or one as stored). */
export async function insertDraftVersion(
  q: Queryable,
  account: string,
  scorecardId: string,
  version: number,
  definition: unknown,
  at: Date,
): Promise<VersionRow> {
  const [v] = await q.query<VersionRow>(
    `INSERT INTO scorecard_versions (account, scorecard_id, version, status, definition, created_at, lock_version)
     VALUES ($1, $2, $3, 'draft', $4, $5, 1) RETURNING *`,
    [account, scorecardId, version, JSON.stringify(definition), at],
  );
  return v!;
}

/** Saves a draft's definition when its lock version is still `lockVersion`; null when someone else saved first. */
export async function updateDraftDefinition(
  q: Queryable,
  account: string,
  scorecardId: string,
  version: number,
  definition: ScorecardDefinition,
  lockVersion: number,
): Promise<VersionRow | null> {
  const [saved] = await q.query<VersionRow>(
    `UPDATE scorecard_versions SET definition = $4, lock_version = lock_version + 1
      WHERE account = $1 AND scorecard_id = $2 AND version = $3 AND lock_version = $5 RETURNING *`,
    [account, scorecardId, version, JSON.stringify(definition), lockVersion],
  );
  return saved ?? null;
}

export async function renameScorecard(q: Queryable, account: string, id: string, name: string, at: Date): Promise<void> {
  await q.query('UPDATE scorecards SET name = $3, updated_at = $4 WHERE account = $1 AND id = $2', [account, id, name, at]);
}

export async function setLatestVersion(q: Queryable, account: string, id: string, version: number, at: Date): Promise<void> {
  await q.query('UPDATE scorecards SET latest_version = $3, updated_at = $4 WHERE account = $1 AND id = $2', [account, id, version, at]);
}

/** The version published (it never changes again). */
export async function markVersionPublished(
  q: Queryable,
  account: string,
  scorecardId: string,
  version: number,
  at: Date,
): Promise<VersionRow> {
  const [v] = await q.query<VersionRow>(
    `UPDATE scorecard_versions SET status = 'published', published_at = $4
      WHERE account = $1 AND scorecard_id = $2 AND version = $3 RETURNING *`,
    [account, scorecardId, version, at],
  );
  return v!;
}

/** The scorecard published at `version`, under that version's name. */
export async function markScorecardPublished(
  q: Queryable,
  account: string,
  id: string,
  version: number,
  name: string,
  at: Date,
): Promise<void> {
  await q.query(
    `UPDATE scorecards SET status = 'published', current_version = $3, name = $4, updated_at = $5
      WHERE account = $1 AND id = $2`,
    [account, id, version, name, at],
  );
}

export async function markScorecardArchived(q: Queryable, account: string, id: string, at: Date): Promise<void> {
  await q.query(`UPDATE scorecards SET status = 'archived', archived_at = $3, updated_at = $3 WHERE account = $1 AND id = $2`, [
    account,
    id,
    at,
  ]);
}

/**
 * Deletes a draft version (never a published one: the WHERE says so); the scorecard's latest version goes back to the
 * one before, and a scorecard left with no version (never published) goes too. Says which was deleted.
 */
export async function deleteDraftVersion(
  q: Queryable,
  account: string,
  id: string,
  version: number,
  at: Date,
): Promise<'version' | 'scorecard'> {
  await q.query(`DELETE FROM scorecard_versions WHERE account = $1 AND scorecard_id = $2 AND version = $3 AND status = 'draft'`, [
    account,
    id,
    version,
  ]);
  const [left] = await q.query<{ latest: number | null }>(
    'SELECT max(version) AS latest FROM scorecard_versions WHERE account = $1 AND scorecard_id = $2',
    [account, id],
  );
  if (left?.latest == null) {
    await q.query('DELETE FROM scorecards WHERE account = $1 AND id = $2', [account, id]);
    return 'scorecard';
  }
  await setLatestVersion(q, account, id, left.latest, at);
  return 'version';
}

/** Scorecards with their versions and evaluation counts; drafts only when `withDrafts` (admins). */
export async function describeScorecards(
  q: Queryable,
  account: string,
  filter: { id?: string; status?: ScorecardRow['status'] },
  withDrafts: boolean,
): Promise<ScorecardSummary[]> {
  const cards = await q.query<ScorecardRow>(
    `SELECT * FROM scorecards
      WHERE account = $1 AND ($2::text IS NULL OR id = $2) AND ($3::text IS NULL OR status = $3)
      ORDER BY created_at, id`,
    [account, filter.id ?? null, filter.status ?? null],
  );
  if (cards.length === 0) return [];
  const ids = cards.map((c) => c.id);
  const versions = await q.query<VersionRow>(
    `SELECT v.scorecard_id, v.version, v.status, v.created_at, v.published_at, v.lock_version,
            CASE WHEN v.version = s.current_version OR v.status = 'draft' THEN v.definition END AS definition
       FROM scorecard_versions v JOIN scorecards s ON s.account = v.account AND s.id = v.scorecard_id
      WHERE v.account = $1 AND v.scorecard_id = ANY($2::text[]) AND ($3 OR v.status = 'published')
      ORDER BY v.scorecard_id, v.version`,
    [account, ids, withDrafts],
  );
  const counts = await q.query<{ scorecard_id: string; n: number }>(
    `SELECT scorecard_id, count(*) AS n FROM evaluations
      WHERE account = $1 AND scorecard_id = ANY($2::text[]) AND status <> 'withdrawn'
      GROUP BY scorecard_id`,
    [account, ids],
  );
  const countOf = new Map(counts.map((r) => [r.scorecard_id, r.n]));
  return cards.map((card) => {
    const mine = versions.filter((v) => v.scorecard_id === card.id);
    const current = mine.find((v) => v.version === card.current_version);
    const draft = mine.find((v) => v.status === 'draft');
    const summary: ScorecardSummary = {
      id: card.id,
      name: card.name,
      status: card.status,
      currentVersion: card.current_version,
      latestVersion: card.latest_version,
      createdAt: card.created_at.toISOString(),
      updatedAt: card.updated_at.toISOString(),
      archivedAt: iso(card.archived_at),
      evaluationCount: countOf.get(card.id) ?? 0,
      versions: mine.map((v) => ({
        version: v.version,
        status: v.status,
        createdAt: v.created_at.toISOString(),
        publishedAt: iso(v.published_at),
        lockVersion: v.lock_version,
      })),
      current: current ? definitionOf(current.definition) : null,
    };
    if (withDrafts) {
      summary.draft = draft
        ? { version: draft.version, lockVersion: draft.lock_version, definition: definitionOf(draft.definition) }
        : null;
    }
    return summary;
  });
}

/** A scorecard version as an evaluation needs it. */
export interface VersionForEvaluation {
  scorecardId: string;
  version: number;
  status: VersionRow['status'];
  /** Parsed; null for a draft (evaluations need a published version). */
  definition: ScorecardDefinition | null;
  /** The card's status when it was read; null when the version came from the cache (the insert checks it). */
  cardStatus: ScorecardRow['status'] | null;
}

/**
 * Published scorecard versions never change, so they are kept parsed in memory (per process, bounded):
 * creating an evaluation then reads nothing before its one insert statement. The card's status is not
 * cached (archiving changes it).
 */
export function publishedVersionCache(limit = 1000) {
  const cache = new Map<string, VersionForEvaluation>();
  return {
    /** The version, null when the card or version is unknown in this account. */
    async get(q: Queryable, account: string, id: string, version: number): Promise<VersionForEvaluation | null> {
      const key = JSON.stringify([account, id, version]);
      const hit = cache.get(key);
      if (hit) return hit;
      const [row] = await q.query<VersionRow & { card_status: ScorecardRow['status'] }>(
        `SELECT v.*, s.status AS card_status FROM scorecards s
           JOIN scorecard_versions v ON v.account = s.account AND v.scorecard_id = s.id
          WHERE s.account = $1 AND s.id = $2 AND v.version = $3`,
        [account, id, version],
      );
      if (!row) return null;
      const published = row.status === 'published';
      const found: VersionForEvaluation = {
        scorecardId: row.scorecard_id,
        version: row.version,
        status: row.status,
        definition: published ? definitionOf(row.definition) : null,
        cardStatus: row.card_status,
      };
      if (published) {
        if (cache.size >= limit) cache.delete(cache.keys().next().value!); // the oldest entry
        cache.set(key, { ...found, cardStatus: null });
      }
      return found;
    },
  };
}
export type PublishedVersionCache = ReturnType<typeof publishedVersionCache>;

/**
 * What the sync keeps of an account's Zendesk (migration 010): the positions its exports reached, its status, and the
 * synced tickets, comments, users and groups. Every write is an upsert by Zendesk's ids, so a page written twice
 * changes nothing; a ticket row only moves forward (by generated_timestamp).
 */
import type { Queryable } from '../db/db.ts';

export type SyncStream = 'tickets' | 'users' | 'ticket_events';

export interface SyncPosition {
  cursor: string | null;
  startTime: number | null;
}

export interface SyncedTicketRow {
  ticketId: number;
  subject: string | null;
  channel: string;
  status: string;
  groupId: number | null;
  brandId: number | null;
  formId: number | null;
  assigneeId: number | null;
  requesterId: number | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  generatedAt: number;
  csatScore: string | null;
  csatComment: string | null;
  reopens: number | null;
  replies: number | null;
  replyMinutes: number | null;
  firstResolutionMinutes: number | null;
  fullResolutionMinutes: number | null;
  solvedAt: string | null;
}

export interface SyncedCommentRow {
  commentId: number;
  ticketId: number;
  authorId: number;
  public: boolean;
  body: string;
  createdAt: string;
}

export interface SyncedUserRow {
  userId: number;
  name: string;
  role: string;
  active: boolean;
  updatedAt: string | null;
}

export interface SyncStatusRow {
  lastSuccessAt: Date | null;
  /** When the last run ended, well or not. */
  lastRunAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  requestsSpent: number;
  rateLimited: number;
}

/** One row per key, the last given (one INSERT ... ON CONFLICT may not touch a row twice). */
function lastOfEach<T>(rows: readonly T[], key: (row: T) => number): T[] {
  return [...new Map(rows.map((r) => [key(r), r])).values()];
}

export async function syncPositions(q: Queryable, account: string): Promise<Map<SyncStream, SyncPosition>> {
  const rows = await q.query<{ stream: SyncStream; cursor: string | null; startTime: number | null }>(
    'SELECT stream, cursor, start_time AS "startTime" FROM sync_positions WHERE account = $1',
    [account],
  );
  return new Map(rows.map((r) => [r.stream, { cursor: r.cursor, startTime: r.startTime }]));
}

export async function saveSyncPosition(q: Queryable, account: string, stream: SyncStream, position: SyncPosition, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO sync_positions (account, stream, cursor, start_time, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (account, stream) DO UPDATE SET cursor = excluded.cursor, start_time = excluded.start_time, updated_at = excluded.updated_at`,
    [account, stream, position.cursor, position.startTime, at],
  );
}

export async function upsertSyncedTickets(q: Queryable, account: string, rows: readonly SyncedTicketRow[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO synced_tickets (account, ticket_id, subject, channel, status, group_id, brand_id, form_id, assignee_id,
       requester_id, tags, created_at, updated_at, generated_at, csat_score, csat_comment, reopens, replies, reply_minutes,
       first_resolution_minutes, full_resolution_minutes, solved_at)
     SELECT $1, r."ticketId", r.subject, r.channel, r.status, r."groupId", r."brandId", r."formId", r."assigneeId",
       r."requesterId", r.tags, r."createdAt", r."updatedAt", r."generatedAt", r."csatScore", r."csatComment", r.reopens,
       r.replies, r."replyMinutes", r."firstResolutionMinutes", r."fullResolutionMinutes", r."solvedAt"
     FROM jsonb_to_recordset($2::jsonb) AS r("ticketId" bigint, subject text, channel text, status text, "groupId" bigint,
       "brandId" bigint, "formId" bigint, "assigneeId" bigint, "requesterId" bigint, tags text[], "createdAt" timestamptz,
       "updatedAt" timestamptz, "generatedAt" bigint, "csatScore" text, "csatComment" text, reopens integer, replies integer,
       "replyMinutes" integer, "firstResolutionMinutes" integer, "fullResolutionMinutes" integer, "solvedAt" timestamptz)
     ON CONFLICT (account, ticket_id) DO UPDATE SET subject = excluded.subject, channel = excluded.channel,
       status = excluded.status, group_id = excluded.group_id, brand_id = excluded.brand_id, form_id = excluded.form_id,
       assignee_id = excluded.assignee_id, requester_id = excluded.requester_id, tags = excluded.tags,
       created_at = excluded.created_at, updated_at = excluded.updated_at, generated_at = excluded.generated_at,
       csat_score = excluded.csat_score, csat_comment = excluded.csat_comment, reopens = excluded.reopens,
       replies = excluded.replies, reply_minutes = excluded.reply_minutes,
       first_resolution_minutes = excluded.first_resolution_minutes,
       full_resolution_minutes = excluded.full_resolution_minutes, solved_at = excluded.solved_at
     WHERE synced_tickets.generated_at <= excluded.generated_at`,
    [account, JSON.stringify(lastOfEach(rows, (r) => r.ticketId))],
  );
}

export async function upsertSyncedComments(q: Queryable, account: string, rows: readonly SyncedCommentRow[]): Promise<void> {
  if (rows.length === 0) return;
  // a comment keeps its id when it is redacted or made private: the latest version wins
  await q.query(
    `INSERT INTO synced_comments (account, comment_id, ticket_id, author_id, public, body, created_at)
     SELECT $1, r."commentId", r."ticketId", r."authorId", r.public, r.body, r."createdAt"
     FROM jsonb_to_recordset($2::jsonb) AS r("commentId" bigint, "ticketId" bigint, "authorId" bigint, public boolean,
       body text, "createdAt" timestamptz)
     ON CONFLICT (account, comment_id) DO UPDATE SET public = excluded.public, body = excluded.body`,
    [account, JSON.stringify(lastOfEach(rows, (r) => r.commentId))],
  );
}

export async function upsertSyncedUsers(q: Queryable, account: string, rows: readonly SyncedUserRow[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO synced_users (account, user_id, name, role, active, updated_at)
     SELECT $1, r."userId", r.name, r.role, r.active, r."updatedAt"
     FROM jsonb_to_recordset($2::jsonb) AS r("userId" bigint, name text, role text, active boolean, "updatedAt" timestamptz)
     ON CONFLICT (account, user_id) DO UPDATE SET name = excluded.name, role = excluded.role, active = excluded.active,
       updated_at = excluded.updated_at`,
    [account, JSON.stringify(lastOfEach(rows, (r) => r.userId))],
  );
}

export async function upsertSyncedGroups(
  q: Queryable,
  account: string,
  rows: ReadonlyArray<{ groupId: number; name: string; deleted: boolean }>,
): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO synced_groups (account, group_id, name, deleted)
     SELECT $1, r."groupId", r.name, r.deleted
     FROM jsonb_to_recordset($2::jsonb) AS r("groupId" bigint, name text, deleted boolean)
     ON CONFLICT (account, group_id) DO UPDATE SET name = excluded.name, deleted = excluded.deleted`,
    [account, JSON.stringify(lastOfEach(rows, (r) => r.groupId))],
  );
}

/** Adds a run's spending to the account's status, with its success (clears the last error) or its error. */
export async function recordSyncRun(
  q: Queryable,
  account: string,
  run: { at: Date; error: string | null; requests: number; rateLimited: number },
): Promise<void> {
  await q.query(
    `INSERT INTO sync_status AS s (account, last_success_at, last_error, last_error_at, requests_spent, rate_limited, last_run_at)
     VALUES ($1, CASE WHEN $3::text IS NULL THEN $2::timestamptz END, $3, CASE WHEN $3::text IS NOT NULL THEN $2::timestamptz END, $4, $5,
       $2::timestamptz)
     ON CONFLICT (account) DO UPDATE SET
       last_success_at = COALESCE(excluded.last_success_at, s.last_success_at),
       last_error = excluded.last_error,
       last_error_at = COALESCE(excluded.last_error_at, s.last_error_at),
       requests_spent = s.requests_spent + excluded.requests_spent,
       rate_limited = s.rate_limited + excluded.rate_limited,
       last_run_at = excluded.last_run_at`,
    [account, run.at, run.error, run.requests, run.rateLimited],
  );
}

export interface SyncHoldings {
  ticketsSynced: number;
  commentsStored: number;
  usersSynced: number;
  /** The newest generated_timestamp among the synced tickets (Unix seconds), null with none. */
  syncedUpTo: number | null;
}

export async function syncStatus(q: Queryable, account: string): Promise<SyncStatusRow & SyncHoldings> {
  const [row] = await q.query<SyncStatusRow & SyncHoldings>(
    `SELECT s.last_success_at AS "lastSuccessAt", s.last_run_at AS "lastRunAt", s.last_error AS "lastError",
       s.last_error_at AS "lastErrorAt", COALESCE(s.requests_spent, 0)::int AS "requestsSpent",
       COALESCE(s.rate_limited, 0)::int AS "rateLimited",
       (SELECT count(*) FROM synced_tickets t WHERE t.account = $1)::int AS "ticketsSynced",
       (SELECT count(*) FROM synced_comments c WHERE c.account = $1)::int AS "commentsStored",
       (SELECT count(*) FROM synced_users u WHERE u.account = $1)::int AS "usersSynced",
       (SELECT max(generated_at) FROM synced_tickets t WHERE t.account = $1)::float8 AS "syncedUpTo"
     FROM (SELECT $1::text AS account) a LEFT JOIN sync_status s ON s.account = a.account`,
    [account],
  );
  return row!;
}

// ---------------------------------------------------------------------------------------------
// Settings (migration 011): no row is the defaults

export interface StoredSyncSettings {
  enabled: boolean;
  conversations: boolean;
  retentionDays: number;
  /** Null until an admin changed them (the scheduler writes the defaults). */
  updatedAt: Date | null;
  updatedBy: number | null;
}

export async function storedSyncSettings(q: Queryable, account: string): Promise<StoredSyncSettings | null> {
  const [row] = await q.query<StoredSyncSettings>(
    `SELECT enabled, conversations, retention_days AS "retentionDays", updated_at AS "updatedAt", updated_by AS "updatedBy"
       FROM sync_settings WHERE account = $1`,
    [account],
  );
  return row ?? null;
}

/** Writes the defaults when the account has no settings yet, so that there is a row to lock. */
export async function ensureSyncSettings(
  q: Queryable,
  account: string,
  defaults: { enabled: boolean; conversations: boolean; retentionDays: number },
) {
  await q.query(
    `INSERT INTO sync_settings (account, enabled, conversations, retention_days) VALUES ($1, $2, $3, $4)
     ON CONFLICT (account) DO NOTHING`,
    [account, defaults.enabled, defaults.conversations, defaults.retentionDays],
  );
}

/**
 * The settings, the row locked until the transaction ends: FOR UPDATE before a change, FOR SHARE in a sync's page
 * (a change then waits for the page, and the page for the change: text is never written after it was turned off).
 */
export async function lockedSyncSettings(tx: Queryable, account: string, mode: 'update' | 'share'): Promise<StoredSyncSettings | null> {
  const [row] = await tx.query<StoredSyncSettings>(
    `SELECT enabled, conversations, retention_days AS "retentionDays", updated_at AS "updatedAt", updated_by AS "updatedBy"
       FROM sync_settings WHERE account = $1 FOR ${mode === 'update' ? 'UPDATE' : 'SHARE'}`,
    [account],
  );
  return row ?? null;
}

export async function saveSyncSettings(tx: Queryable, account: string, s: StoredSyncSettings): Promise<void> {
  await tx.query(
    `INSERT INTO sync_settings (account, enabled, conversations, retention_days, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (account) DO UPDATE SET enabled = excluded.enabled, conversations = excluded.conversations,
       retention_days = excluded.retention_days, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [account, s.enabled, s.conversations, s.retentionDays, s.updatedAt, s.updatedBy],
  );
}

// ---------------------------------------------------------------------------------------------
// Conversation text: retention, and off

/** Deletes the account's comments written before `before`; how many went. */
export async function deleteSyncedCommentsBefore(q: Queryable, account: string, before: Date): Promise<number> {
  const rows = await q.query<{ n: number }>(
    'WITH d AS (DELETE FROM synced_comments WHERE account = $1 AND created_at < $2 RETURNING 1) SELECT count(*)::int AS n FROM d',
    [account, before],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Deletes all the account's conversation text and where its export stood: turned on again, the conversations are
 * read afresh from the retention window, not from where they stopped (the gap would be missed).
 */
export async function deleteSyncedConversations(q: Queryable, account: string): Promise<number> {
  await q.query("DELETE FROM sync_positions WHERE account = $1 AND stream = 'ticket_events'", [account]);
  const rows = await q.query<{ n: number }>(
    'WITH d AS (DELETE FROM synced_comments WHERE account = $1 RETURNING 1) SELECT count(*)::int AS n FROM d',
    [account],
  );
  return rows[0]?.n ?? 0;
}

// ---------------------------------------------------------------------------------------------
// The lease (migration 011): one holder syncs an account at a time

export interface SyncLease {
  holder: string;
  acquiredAt: Date;
  expiresAt: Date;
}

/**
 * Takes the account's lease for `holder` until `until` when it is free, expired or already the holder's; whether it
 * did. One statement: two instances asking at once cannot both get it (the conflicting insert waits on the row).
 */
export async function acquireSyncLease(q: Queryable, account: string, holder: string, now: Date, until: Date): Promise<boolean> {
  const rows = await q.query<{ holder: string }>(
    `INSERT INTO sync_leases AS l (account, holder, acquired_at, expires_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (account) DO UPDATE SET holder = excluded.holder, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
       WHERE l.expires_at <= excluded.acquired_at OR l.holder = excluded.holder
     RETURNING holder`,
    [account, holder, now, until],
  );
  return rows.length === 1;
}

/** Moves the holder's lease on to `until`; false when it is no longer theirs (it expired and another took it). */
export async function renewSyncLease(q: Queryable, account: string, holder: string, until: Date): Promise<boolean> {
  const rows = await q.query<{ holder: string }>(
    'UPDATE sync_leases SET expires_at = $3 WHERE account = $1 AND holder = $2 RETURNING holder',
    [account, holder, until],
  );
  return rows.length === 1;
}

export async function releaseSyncLease(q: Queryable, account: string, holder: string): Promise<void> {
  await q.query('DELETE FROM sync_leases WHERE account = $1 AND holder = $2', [account, holder]);
}

/** The account's lease while it holds (not expired at `now`); null otherwise. */
export async function liveSyncLease(q: Queryable, account: string, now: Date): Promise<SyncLease | null> {
  const [row] = await q.query<SyncLease>(
    'SELECT holder, acquired_at AS "acquiredAt", expires_at AS "expiresAt" FROM sync_leases WHERE account = $1 AND expires_at > $2',
    [account, now],
  );
  return row ?? null;
}

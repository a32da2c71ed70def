/**
 * AutoQA's SQL (migration 012, decision 030): the synced tickets still to check, their conversations, the stored
 * results, the agreement pairs of suggested and human ratings, the trust thresholds, and the figures and spotlight
 * over the synced population. Reads the synced tables (the sync writes them) and writes only autoqa_* rows.
 */
import type { InstantRange } from '../../core/reports.ts';
import type { Queryable } from '../db/db.ts';
import type { SyncedCommentRow, SyncedTicketRow } from './sync.ts';
import { COUNTED, Params } from './reports/sql.ts';

/** What a check reads of a synced ticket, and what its results are computed from. */
export type TicketToCheck = Pick<
  SyncedTicketRow,
  'ticketId' | 'generatedAt' | 'updatedAt' | 'replyMinutes' | 'fullResolutionMinutes' | 'reopens' | 'csatScore'
>;

const TICKET_COLUMNS = `t.ticket_id AS "ticketId", t.generated_at AS "generatedAt", t.updated_at AS "updatedAt",
  t.reply_minutes AS "replyMinutes", t.full_resolution_minutes AS "fullResolutionMinutes", t.reopens,
  t.csat_score AS "csatScore"`;

/** The keys of the checks that ran: with text (every check) and without (metric checks only). */
export interface ChecksKeys {
  withText: string;
  withoutText: string;
}

/**
 * Up to `limit` synced tickets after `after` (by id) whose results are missing or stale: the ticket changed since
 * (generated_at moved), a check's version changed, or it was checked without text and has text now.
 */
export async function staleTickets(
  q: Queryable,
  account: string,
  keys: ChecksKeys,
  after: number,
  limit: number,
): Promise<TicketToCheck[]> {
  const rows = await q.query<Omit<TicketToCheck, 'updatedAt'> & { updatedAt: Date }>(
    `SELECT ${TICKET_COLUMNS}
       FROM synced_tickets t LEFT JOIN autoqa_tickets a ON a.account = t.account AND a.ticket_id = t.ticket_id
      WHERE t.account = $1 AND t.ticket_id > $2
        AND (a.ticket_id IS NULL OR a.generated_at < t.generated_at
             OR a.checks_key <> CASE WHEN a.with_text THEN $3 ELSE $4 END
             OR (NOT a.with_text AND EXISTS (SELECT 1 FROM synced_comments c WHERE c.account = t.account AND c.ticket_id = t.ticket_id)))
      ORDER BY t.ticket_id
      LIMIT $5`,
    [account, after, keys.withText, keys.withoutText, limit],
  );
  return rows.map(ticketOf);
}

const ticketOf = (r: Omit<TicketToCheck, 'updatedAt'> & { updatedAt: Date | string }): TicketToCheck => ({
  ...r,
  updatedAt: new Date(r.updatedAt).toISOString(),
});

/** One synced ticket, with whether its stored results are current for `keys` (null: not synced). */
export async function ticketToCheck(
  q: Queryable,
  account: string,
  ticketId: number,
  keys: ChecksKeys,
): Promise<{ ticket: TicketToCheck; current: boolean; withText: boolean | null } | null> {
  const [row] = await q.query<Omit<TicketToCheck, 'updatedAt'> & { updatedAt: Date; current: boolean; withText: boolean | null }>(
    `SELECT ${TICKET_COLUMNS}, a.with_text AS "withText",
            (a.ticket_id IS NOT NULL AND a.generated_at >= t.generated_at
             AND a.checks_key = CASE WHEN a.with_text THEN $3 ELSE $4 END
             AND (a.with_text OR NOT EXISTS (SELECT 1 FROM synced_comments c WHERE c.account = t.account AND c.ticket_id = t.ticket_id))) AS current
       FROM synced_tickets t LEFT JOIN autoqa_tickets a ON a.account = t.account AND a.ticket_id = t.ticket_id
      WHERE t.account = $1 AND t.ticket_id = $2`,
    [account, ticketId, keys.withText, keys.withoutText],
  );
  if (!row) return null;
  const { current, withText, ...ticket } = row;
  return { ticket: ticketOf(ticket), current, withText };
}

/** The synced comments of the tickets (any order). */
export async function commentsOf(q: Queryable, account: string, ticketIds: readonly number[]): Promise<SyncedCommentRow[]> {
  if (ticketIds.length === 0) return [];
  const rows = await q.query<Omit<SyncedCommentRow, 'createdAt'> & { createdAt: Date }>(
    `SELECT comment_id AS "commentId", ticket_id AS "ticketId", author_id AS "authorId", public, body, created_at AS "createdAt"
       FROM synced_comments WHERE account = $1 AND ticket_id = ANY($2::bigint[])`,
    [account, ticketIds],
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
}

/** Names and roles of the synced users among `userIds`. */
export async function usersOf(
  q: Queryable,
  account: string,
  userIds: readonly number[],
): Promise<Map<number, { name: string; role: string }>> {
  if (userIds.length === 0) return new Map();
  const rows = await q.query<{ id: number; name: string; role: string }>(
    'SELECT user_id AS id, name, role FROM synced_users WHERE account = $1 AND user_id = ANY($2::bigint[])',
    [account, userIds],
  );
  return new Map(rows.map((r) => [Number(r.id), { name: r.name, role: r.role }]));
}

/** A stored result (evidence without its text: the text is read from the synced comments when shown). */
export interface ResultRow {
  ticket_id: number;
  check_id: string;
  check_version: number;
  applicable: boolean;
  value_bool: boolean | null;
  value_num: number | null;
  scale: unknown;
  reason: string | null;
  detail: string | null;
  evidence: Array<{ commentId: number; start: number; end: number; note?: string }>;
  details: Record<string, number> | null;
  language: string | null;
}

export interface CheckedTicket {
  ticket_id: number;
  generated_at: number;
  updated_at: string;
  with_text: boolean;
  checks_key: string;
}

/** Replaces the results of the tickets (each ticket's rows all at once), in the caller's transaction. */
export async function saveResults(
  tx: Queryable,
  account: string,
  tickets: readonly CheckedTicket[],
  results: readonly ResultRow[],
  at: Date,
): Promise<void> {
  if (tickets.length === 0) return;
  const ids = tickets.map((t) => t.ticket_id);
  await tx.query('DELETE FROM autoqa_results WHERE account = $1 AND ticket_id = ANY($2::bigint[])', [account, ids]);
  await tx.query(
    `INSERT INTO autoqa_tickets (account, ticket_id, generated_at, updated_at, with_text, checks_key, computed_at)
     SELECT $1, t.ticket_id, t.generated_at, t.updated_at, t.with_text, t.checks_key, $3
       FROM jsonb_to_recordset($2::jsonb) AS t(ticket_id bigint, generated_at bigint, updated_at timestamptz, with_text boolean, checks_key text)
     ON CONFLICT (account, ticket_id) DO UPDATE SET generated_at = excluded.generated_at, updated_at = excluded.updated_at,
        with_text = excluded.with_text, checks_key = excluded.checks_key, computed_at = excluded.computed_at`,
    [account, JSON.stringify(tickets), at],
  );
  if (results.length === 0) return;
  await tx.query(
    `INSERT INTO autoqa_results (account, ticket_id, check_id, check_version, applicable, value_bool, value_num, scale, reason,
            detail, evidence, details, language, generated_at, updated_at, computed_at)
     SELECT $1, r.ticket_id, r.check_id, r.check_version, r.applicable, r.value_bool, r.value_num, r.scale, r.reason, r.detail,
            r.evidence, r.details, r.language, t.generated_at, t.updated_at, $4
       FROM jsonb_to_recordset($2::jsonb) AS r(ticket_id bigint, check_id text, check_version integer, applicable boolean,
              value_bool boolean, value_num double precision, scale jsonb, reason text, detail text, evidence jsonb,
              details jsonb, language text)
       JOIN jsonb_to_recordset($3::jsonb) AS t(ticket_id bigint, generated_at bigint, updated_at timestamptz) USING (ticket_id)
     ON CONFLICT (account, ticket_id, check_id) DO UPDATE SET check_version = excluded.check_version, applicable = excluded.applicable,
        value_bool = excluded.value_bool, value_num = excluded.value_num, scale = excluded.scale, reason = excluded.reason,
        detail = excluded.detail, evidence = excluded.evidence, details = excluded.details, language = excluded.language,
        generated_at = excluded.generated_at, updated_at = excluded.updated_at, computed_at = excluded.computed_at`,
    [account, JSON.stringify(results), JSON.stringify(tickets), at],
  );
}

export interface StoredResult extends ResultRow {
  computed_at: Date;
}

/** The stored results of one ticket, and what they were computed from (null: never checked). */
export async function resultsOf(
  q: Queryable,
  account: string,
  ticketId: number,
): Promise<{ checked: { withText: boolean; updatedAt: Date } | null; results: StoredResult[] }> {
  const [checked] = await q.query<{ withText: boolean; updatedAt: Date }>(
    'SELECT with_text AS "withText", updated_at AS "updatedAt" FROM autoqa_tickets WHERE account = $1 AND ticket_id = $2',
    [account, ticketId],
  );
  const results = await q.query<StoredResult>(
    `SELECT ticket_id, check_id, check_version, applicable, value_bool, value_num, scale, reason, detail, evidence, details,
            language, computed_at
       FROM autoqa_results WHERE account = $1 AND ticket_id = $2`,
    [account, ticketId],
  );
  return { checked: checked ?? null, results };
}

/** The bodies of the comments evidence points to (gone: deleted by retention or erasure). */
export async function commentBodies(q: Queryable, account: string, commentIds: readonly number[]): Promise<Map<number, string>> {
  if (commentIds.length === 0) return new Map();
  const rows = await q.query<{ id: number; body: string }>(
    'SELECT comment_id AS id, body FROM synced_comments WHERE account = $1 AND comment_id = ANY($2::bigint[])',
    [account, commentIds],
  );
  return new Map(rows.map((r) => [Number(r.id), r.body]));
}

// ---------------------------------------------------------------------------------------------
// Trust

export interface StoredAutoQaSettings {
  minKappa: number;
  minN: number;
  spellingAllowList: string[];
  updatedAt: Date | null;
  updatedBy: number | null;
}

export async function storedAutoQaSettings(q: Queryable, account: string, forUpdate = false): Promise<StoredAutoQaSettings | null> {
  const [row] = await q.query<StoredAutoQaSettings>(
    `SELECT min_kappa AS "minKappa", min_n AS "minN", spelling_allow AS "spellingAllowList", updated_at AS "updatedAt", updated_by AS "updatedBy"
       FROM autoqa_settings WHERE account = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [account],
  );
  return row ?? null;
}

export async function saveAutoQaSettings(tx: Queryable, account: string, s: StoredAutoQaSettings): Promise<void> {
  await tx.query(
    `INSERT INTO autoqa_settings (account, min_kappa, min_n, spelling_allow, updated_at, updated_by)
     VALUES ($1, $2, $3, $4::text[], $5, $6)
     ON CONFLICT (account) DO UPDATE SET min_kappa = excluded.min_kappa, min_n = excluded.min_n,
       spelling_allow = excluded.spelling_allow, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [account, s.minKappa, s.minN, s.spellingAllowList, s.updatedAt, s.updatedBy],
  );
}

/** The account's spelling allow-list (empty when it has none). */
export async function spellingAllowList(q: Queryable, account: string): Promise<string[]> {
  const [row] = await q.query<{ words: string[] }>('SELECT spelling_allow AS words FROM autoqa_settings WHERE account = $1', [account]);
  return row?.words ?? [];
}

/** Counts of (suggested, human) rating pairs per check and criterion of a scorecard version, over counted evaluations. */
export interface AgreementCell {
  check: string;
  scorecardId: string;
  version: number;
  criterionId: string;
  suggested: number;
  rating: number;
  n: number;
}

export async function agreementCells(q: Queryable, account: string): Promise<AgreementCell[]> {
  return q.query<AgreementCell>(
    `SELECT a.auto_check AS "check", e.scorecard_id AS "scorecardId", e.scorecard_version AS version, a.criterion_id AS "criterionId",
            a.auto_rating AS suggested, a.rating, count(*)::int AS n
       FROM evaluation_answers a JOIN evaluations e ON e.account = a.account AND e.id = a.evaluation_id
      WHERE a.account = $1 AND a.auto_check IS NOT NULL AND a.auto_rating IS NOT NULL AND a.rating IS NOT NULL AND NOT a.na
        AND ${COUNTED}
      GROUP BY 1, 2, 3, 4, 5, 6`,
    [account],
  );
}

// ---------------------------------------------------------------------------------------------
// Figures over the synced population

export interface PopulationFilters {
  groupId?: number | undefined;
  channel?: string | undefined;
  revieweeId?: number | undefined;
}

/** Synced tickets solved in the range matching the filters, as a relation `t` (its conditions and parameters). */
function solvedIn(p: Params, account: string, f: PopulationFilters, range: InstantRange): string {
  const where = [`t.account = ${p.add(account)}`, `t.status IN ('solved', 'closed')`, 't.solved_at IS NOT NULL'];
  if (range.from) where.push(`t.solved_at >= ${p.add(range.from)}`);
  if (range.until) where.push(`t.solved_at < ${p.add(range.until)}`);
  if (f.groupId !== undefined) where.push(`t.group_id = ${p.add(f.groupId)}`);
  if (f.channel !== undefined) where.push(`t.channel = ${p.add(f.channel)}`);
  if (f.revieweeId !== undefined) where.push(`t.assignee_id = ${p.add(f.revieweeId)}`);
  return where.join(' AND ');
}

export interface ResultSums {
  checkId: string;
  dimension: 'agent' | 'group' | 'channel' | null;
  key: string | null;
  applicable: number;
  notApplicable: number;
  yes: number;
  sum: number;
  sumsq: number;
}

/** Synced tickets solved in the range, and how many of them have results. */
export async function populationCounts(
  q: Queryable,
  account: string,
  f: PopulationFilters,
  range: InstantRange,
): Promise<{ tickets: number; checked: number }> {
  const p = new Params();
  const [row] = await q.query<{ tickets: number; checked: number }>(
    `SELECT count(*)::int AS tickets, count(a.ticket_id)::int AS checked
       FROM synced_tickets t LEFT JOIN autoqa_tickets a ON a.account = t.account AND a.ticket_id = t.ticket_id
      WHERE ${solvedIn(p, account, f, range)}`,
    p.values,
  );
  return row ?? { tickets: 0, checked: 0 };
}

/** Per check: sums over the results of the tickets solved in the range, in all and by agent, group and channel (one scan). */
export async function resultSums(q: Queryable, account: string, f: PopulationFilters, range: InstantRange): Promise<ResultSums[]> {
  const p = new Params();
  const keys = { agent: 'coalesce(t.assignee_id, 0)::text', group: 'coalesce(t.group_id, 0)::text', channel: 't.channel' } as const;
  const dims = Object.keys(keys) as Array<keyof typeof keys>;
  return q.query<ResultSums>(
    `SELECT r.check_id AS "checkId",
            CASE ${dims.map((d) => `WHEN GROUPING(${keys[d]}) = 0 THEN '${d}'`).join(' ')} END AS dimension,
            coalesce(${dims.map((d) => keys[d]).join(', ')}) AS key,
            count(*) FILTER (WHERE r.applicable)::float8 AS applicable,
            count(*) FILTER (WHERE NOT r.applicable)::float8 AS "notApplicable",
            count(*) FILTER (WHERE r.value_bool)::float8 AS yes,
            coalesce(sum(r.value_num), 0)::float8 AS sum,
            coalesce(sum(r.value_num * r.value_num), 0)::float8 AS sumsq
       FROM synced_tickets t JOIN autoqa_results r ON r.account = t.account AND r.ticket_id = t.ticket_id
      WHERE ${solvedIn(p, account, f, range)}
      GROUP BY GROUPING SETS ((r.check_id), ${dims.map((d) => `(r.check_id, ${keys[d]})`).join(', ')})`,
    p.values,
  );
}

export interface SpotlightRow {
  ticketId: number;
  agentId: number | null;
  groupId: number | null;
  channel: string;
  subject: string | null;
  solvedAt: Date;
  reopens: number | null;
  fullResolutionMinutes: number | null;
  longAbove: number | null;
  /** The checks (of `lowChecks`' ids) whose result is low, each with its value. */
  low: Array<{ check: string; value: number | boolean }> | null;
  sentimentStart: number | null;
  sentimentEnd: number | null;
  reviewed: boolean;
}

/** What counts as a low result of each check (SQL over `r`), given by the service. */
export type LowRules = Record<string, string>;

/**
 * Tickets solved in the range that have a reason to be looked at: a low result of one of the checks in `low`, a
 * sentiment drop of at least `drop` (when the sentiment checks are among `sentiment`), a reopen, or a full resolution
 * above the range's 75th percentile.
 */
export async function spotlightRows(
  q: Queryable,
  account: string,
  f: PopulationFilters,
  range: InstantRange,
  low: LowRules,
  sentiment: boolean,
  drop: number,
): Promise<SpotlightRow[]> {
  const p = new Params();
  const lowCase = Object.entries(low)
    .map(([check, rule]) => `(r.check_id = ${p.add(check)} AND r.applicable AND ${rule})`)
    .join(' OR ');
  const dropOk = sentiment ? 'TRUE' : 'FALSE';
  const where = solvedIn(p, account, f, range);
  const dropParam = p.add(drop);
  return q.query<SpotlightRow>(
    `WITH t AS (SELECT t.* FROM synced_tickets t WHERE ${where}),
     p AS (SELECT percentile_cont(0.75) WITHIN GROUP (ORDER BY full_resolution_minutes) AS long_above FROM t),
     r AS (SELECT r.ticket_id,
                  jsonb_agg(jsonb_build_object('check', r.check_id, 'value', coalesce(to_jsonb(r.value_bool), to_jsonb(r.value_num))))
                    FILTER (WHERE ${lowCase || 'FALSE'}) AS low,
                  max(r.value_num) FILTER (WHERE r.check_id = 'sentiment-start' AND r.applicable) AS s_start,
                  max(r.value_num) FILTER (WHERE r.check_id = 'sentiment-end' AND r.applicable) AS s_end
             FROM autoqa_results r JOIN t ON t.ticket_id = r.ticket_id
            WHERE r.account = t.account
            GROUP BY r.ticket_id)
     SELECT t.ticket_id AS "ticketId", t.assignee_id AS "agentId", t.group_id AS "groupId", t.channel, t.subject,
            t.solved_at AS "solvedAt", t.reopens, t.full_resolution_minutes AS "fullResolutionMinutes", p.long_above AS "longAbove",
            r.low, CASE WHEN ${dropOk} THEN r.s_start END AS "sentimentStart", CASE WHEN ${dropOk} THEN r.s_end END AS "sentimentEnd",
            EXISTS (SELECT 1 FROM evaluations e WHERE e.account = t.account AND e.ticket_id = t.ticket_id
                      AND e.kind = 'review' AND e.status <> 'withdrawn') AS reviewed
       FROM t CROSS JOIN p LEFT JOIN r ON r.ticket_id = t.ticket_id
      WHERE r.low IS NOT NULL OR t.reopens > 0 OR t.full_resolution_minutes > p.long_above
         OR (${dropOk} AND r.s_start - r.s_end >= ${dropParam})`,
    p.values,
  );
}

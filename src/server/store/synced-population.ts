/**
 * Reads of the synced population (decision 028): the tickets, users and groups the sync wrote (migration 010,
 * store/sync.ts writes them). Solved means solved or closed now, with its solve time in the period; reviewed means a
 * review that was not withdrawn, whenever it was made.
 */
import type { InstantRange, ReportFilters } from '../../core/reports.ts';
import type { AgentPopulation, PopulationDimension, TicketSums } from '../../core/synced-population.ts';
import type { Queryable } from '../db/db.ts';
import { Params } from './reports/sql.ts';

const SOLVED = `t.status IN ('solved', 'closed') AND t.solved_at IS NOT NULL`;
const REVIEWED = `EXISTS (SELECT 1 FROM evaluations e WHERE e.account = t.account AND e.ticket_id = t.ticket_id
  AND e.kind = 'review' AND e.status <> 'withdrawn')`;

/**
 * Whether the account has synced tickets, when its last sync run ended well, and whether the sync is on (an admin may
 * have turned it off: what is stored stays, but stops moving); null: nothing synced.
 */
export async function syncedState(q: Queryable, account: string): Promise<{ lastSyncAt: Date | null; on: boolean } | null> {
  const [row] = await q.query<{ any: boolean; last: Date | null; on: boolean | null }>(
    `SELECT EXISTS (SELECT 1 FROM synced_tickets WHERE account = $1) AS any,
            (SELECT last_success_at FROM sync_status WHERE account = $1) AS last,
            (SELECT enabled FROM sync_settings WHERE account = $1) AS on`,
    [account],
  );
  // no settings row: the defaults, on
  return row?.any ? { lastSyncAt: row.last, on: row.on ?? true } : null;
}

export interface SyncedCandidateRow {
  ticketId: number;
  assigneeId: number;
  channel: string;
  subject: string;
  solvedAt: Date;
  reopens: number | null;
  csatScore: string | null;
  fullResolutionMinutes: number | null;
  reviewed: boolean;
}

/**
 * Every ticket solved in [from, to) with an assignee, with whether it has a review (an erased assignee's pseudonym,
 * negative, is no one to review).
 */
export async function solvedTickets(q: Queryable, account: string, from: Date, to: Date): Promise<SyncedCandidateRow[]> {
  return q.query<SyncedCandidateRow>(
    `SELECT t.ticket_id AS "ticketId", t.assignee_id AS "assigneeId", t.channel, coalesce(t.subject, '') AS subject,
            t.solved_at AS "solvedAt", t.reopens, t.csat_score AS "csatScore",
            t.full_resolution_minutes AS "fullResolutionMinutes", ${REVIEWED} AS reviewed
       FROM synced_tickets t
      WHERE t.account = $1 AND ${SOLVED} AND t.solved_at >= $2 AND t.solved_at < $3 AND t.assignee_id > 0
      ORDER BY t.ticket_id`,
    [account, from, to],
  );
}

/** Per assignee (not erased): tickets solved in [from, to), and how many of them have a review. */
export async function solvedPerAgent(q: Queryable, account: string, from: Date, to: Date): Promise<AgentPopulation[]> {
  return q.query<AgentPopulation>(
    `SELECT t.assignee_id AS "agentId", count(*)::int AS solved, count(*) FILTER (WHERE ${REVIEWED})::int AS reviewed
       FROM synced_tickets t
      WHERE t.account = $1 AND ${SOLVED} AND t.solved_at >= $2 AND t.solved_at < $3 AND t.assignee_id > 0
      GROUP BY 1`,
    [account, from, to],
  );
}

/** The grouping column of each dimension, spelled as the evaluation sums spell their keys ('0': no group). */
const KEYS: Record<PopulationDimension, string> = {
  reviewee: `coalesce(t.assignee_id, 0)::text`,
  group: `coalesce(t.group_id, 0)::text`,
  channel: 't.channel',
};

/**
 * Sums of the tickets solved in the range matching the filters' group, channel and agent (the assignee), in all
 * (dimension null, key '') and by each dimension. Scorecard and reviewer filters say nothing about a ticket nobody
 * reviewed: they apply to the QA side only.
 */
export async function ticketSums(
  q: Queryable,
  account: string,
  f: Pick<ReportFilters, 'groupId' | 'channel' | 'revieweeId'>,
  range: InstantRange,
): Promise<Array<TicketSums & { dimension: PopulationDimension | null }>> {
  const p = new Params();
  const where = [`t.account = ${p.add(account)}`, SOLVED];
  if (range.from) where.push(`t.solved_at >= ${p.add(range.from)}`);
  if (range.until) where.push(`t.solved_at < ${p.add(range.until)}`);
  if (f.groupId !== undefined) where.push(`t.group_id = ${p.add(f.groupId)}`);
  if (f.channel !== undefined) where.push(`t.channel = ${p.add(f.channel)}`);
  if (f.revieweeId !== undefined) where.push(`t.assignee_id = ${p.add(f.revieweeId)}`);
  const sums = `count(*)::float8 AS tickets,
      count(t.reply_minutes)::float8 AS "frtN", coalesce(sum(t.reply_minutes::float8), 0) AS "frtSum",
      coalesce(sum(t.reply_minutes::float8 * t.reply_minutes), 0) AS "frtSq",
      count(t.full_resolution_minutes)::float8 AS "resN", coalesce(sum(t.full_resolution_minutes::float8), 0) AS "resSum",
      coalesce(sum(t.full_resolution_minutes::float8 * t.full_resolution_minutes), 0) AS "resSq",
      count(t.reopens)::float8 AS "reopenN", count(*) FILTER (WHERE t.reopens > 0)::float8 AS reopened,
      count(*) FILTER (WHERE t.csat_score LIKE 'good%' OR t.csat_score LIKE 'bad%')::float8 AS "csatN",
      count(*) FILTER (WHERE t.csat_score LIKE 'good%')::float8 AS "csatGood"`;
  // one scan, grouped four ways: in all, and by each dimension (GROUPING() says which grouping a row is of)
  const dims = Object.keys(KEYS) as PopulationDimension[];
  const rows = await q.query<TicketSums & { dimension: PopulationDimension | null }>(
    `SELECT CASE ${dims.map((d) => `WHEN GROUPING(${KEYS[d]}) = 0 THEN '${d}'`).join(' ')} END AS dimension,
            coalesce(${dims.map((d) => KEYS[d]).join(', ')}, '') AS key, ${sums}
       FROM synced_tickets t WHERE ${where.join(' AND ')}
      GROUP BY GROUPING SETS ((), ${dims.map((d) => `(${KEYS[d]})`).join(', ')})`,
    p.values,
  );
  // the total's row is there even with no ticket: drop it then, so "no synced ticket" is not a row of zeros
  return rows.filter((r) => r.tickets > 0);
}

/** Synced agents and admins (active or not) with their names, and the groups not deleted. */
export async function syncedStaff(
  q: Queryable,
  account: string,
): Promise<{ staff: Array<{ id: number; name: string; role: string; active: boolean }>; groups: Array<{ id: number; name: string }> }> {
  const [staff, groups] = await Promise.all([
    q.query<{ id: number; name: string; role: string; active: boolean }>(
      `SELECT user_id AS id, name, role, active FROM synced_users WHERE account = $1 AND role IN ('agent', 'admin') ORDER BY name, user_id`,
      [account],
    ),
    q.query<{ id: number; name: string }>(
      'SELECT group_id AS id, name FROM synced_groups WHERE account = $1 AND NOT deleted ORDER BY name, group_id',
      [account],
    ),
  ]);
  return { staff, groups };
}

/** The synced names of those of `userIds` the sync knows. */
export async function syncedNames(q: Queryable, account: string, userIds: readonly number[]): Promise<Map<number, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await q.query<{ id: number; name: string }>(
    'SELECT user_id AS id, name FROM synced_users WHERE account = $1 AND user_id = ANY($2::bigint[])',
    [account, userIds],
  );
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

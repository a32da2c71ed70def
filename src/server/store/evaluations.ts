import type { Answers } from '../../core/answers.ts';
import type { EvaluationView, HistoryEntry, StoredDispute } from '../../core/api.ts';
import type { Evaluation, EvaluationStatus, MetricsSnapshot } from '../../core/evaluation.ts';
import type { ScoreResult } from '../../core/scoring.ts';
import type { Actor } from '../auth.ts';
import type { Queryable } from '../db/db.ts';
import { calibrationVisible } from './calibration.ts';
import { CREATE_JOURNAL_INPUT, createJournalCtes, createJournalFields } from './journal.ts';
import { iso } from './scorecards.ts';

export interface EvaluationRow {
  account: string;
  id: string;
  ticket_id: number;
  reviewee_id: number;
  reviewer_id: number;
  scorecard_id: string;
  scorecard_version: number;
  kind: Evaluation['kind'];
  status: EvaluationStatus;
  channel: string | null;
  group_id: number | null;
  brand_id: number | null;
  raw_score: number | null;
  final_score: number | null;
  passed: boolean | null;
  critical_failures: string[];
  critical_failed: boolean;
  answers: Answers;
  overall_comment: string;
  first_reply_minutes: number | null;
  full_resolution_minutes: number | null;
  reopens: number | null;
  csat: MetricsSnapshot['csat'];
  calibration_session_id: string | null;
  request_hash: string;
  dispute: StoredDispute | null;
  created_at: Date;
  updated_at: Date;
  withdrawn_at: Date | null;
  /** Optimistic lock, +1 on every change. */
  lock_version: number;
  acknowledged_version: number | null;
  changed_since_acknowledgement: boolean;
}

// the shapes the API answers with are declared once, in core
export type { EvaluationView, HistoryEntry, StoredDispute };

export function evaluationView(row: EvaluationRow): EvaluationView {
  const metrics = [row.first_reply_minutes, row.full_resolution_minutes, row.reopens, row.csat].every((v) => v === null)
    ? null
    : {
        firstReplyMinutes: row.first_reply_minutes,
        fullResolutionMinutes: row.full_resolution_minutes,
        reopens: row.reopens,
        csat: row.csat,
      };
  return {
    id: row.id,
    ticketId: row.ticket_id,
    revieweeId: row.reviewee_id,
    reviewerId: row.reviewer_id,
    scorecardId: row.scorecard_id,
    scorecardVersion: row.scorecard_version,
    kind: row.kind,
    status: row.status,
    channel: row.channel,
    groupId: row.group_id,
    brandId: row.brand_id,
    answers: row.answers,
    overallComment: row.overall_comment,
    rawScore: row.raw_score,
    finalScore: row.final_score,
    passed: row.passed,
    criticalFailures: row.critical_failures,
    metrics,
    dispute: row.dispute,
    calibrationSessionId: row.calibration_session_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    withdrawnAt: iso(row.withdrawn_at),
    lockVersion: row.lock_version,
    changedSinceAcknowledgement: row.changed_since_acknowledgement,
    acknowledgedVersion: row.acknowledged_version,
  };
}

export interface AnswerRow {
  position: number;
  criterion_id: string;
  section_id: string;
  rating: number | null;
  fraction: number | null;
  na: boolean;
  weight: number;
  critical: boolean;
  critical_failed: boolean;
  root_causes: string[];
  comment: string | null;
  /** The answer counts as a failure of its criterion (core's `optionFails`); null for N/A and non-scoring criteria. */
  failed: boolean | null;
  /** false for a non-scoring criterion (decision 027). */
  scoring: boolean;
  /** A bonus criterion, by its own flag or its section's: earned points count, possible points do not. */
  bonus: boolean;
  /**
   * The check pre-rating the criterion and the option the service suggested for the ticket (decision 030); null when
   * none or not applicable; left out (undefined) when rows are replaced, the stored suggestion stays.
   */
  auto_check?: string | null;
  auto_rating?: number | null;
}

// the answer rows travel as jsonb: any number of answers, one statement, no per-answer placeholders
const INSERT_ANSWERS = `INSERT INTO evaluation_answers (account, evaluation_id, created_at, position, criterion_id, section_id,
       rating, fraction, na, weight, critical, critical_failed, root_causes, comment, failed, scoring, bonus, auto_check, auto_rating)`;
const answerRecordset = (json: string) =>
  `jsonb_to_recordset(${json}::jsonb) AS a(position integer, criterion_id text, section_id text, rating integer,
     fraction double precision, na boolean, weight double precision, critical boolean, critical_failed boolean,
     root_causes text[], comment text, failed boolean, scoring boolean, bonus boolean, auto_check text, auto_rating integer)`;

/** Replaces the evaluation's answer rows (in the caller's transaction). */
export async function replaceAnswerRows(
  tx: Queryable,
  account: string,
  evaluationId: string,
  createdAt: Date,
  rows: readonly AnswerRow[],
): Promise<void> {
  // the suggestions stored with the evaluation stay with it (an amend does not ask the checks again)
  const kept = await tx.query<{ criterion_id: string; auto_check: string | null; auto_rating: number | null }>(
    'DELETE FROM evaluation_answers WHERE account = $1 AND evaluation_id = $2 RETURNING criterion_id, auto_check, auto_rating',
    [account, evaluationId],
  );
  if (rows.length === 0) return;
  const auto = new Map(kept.map((k) => [k.criterion_id, k]));
  const merged = rows.map((r) =>
    r.auto_check === undefined
      ? { ...r, auto_check: auto.get(r.criterion_id)?.auto_check ?? null, auto_rating: auto.get(r.criterion_id)?.auto_rating ?? null }
      : r,
  );
  await tx.query(`${INSERT_ANSWERS} SELECT $1::text, $2::uuid, $3::timestamptz, a.* FROM ${answerRecordset('$4')}`, [
    account,
    evaluationId,
    createdAt,
    JSON.stringify(merged),
  ]);
}

/** New answers and scores of a locked evaluation, +1 lock version; an acknowledged one goes back to `submitted`, marked changed. */
export async function updateScoring(
  tx: Queryable,
  old: EvaluationRow,
  change: {
    answers: Answers;
    overallComment: string;
    revieweeId: number;
    score: ScoreResult;
    at: Date;
    status?: EvaluationStatus;
    dispute?: StoredDispute | null;
  },
): Promise<EvaluationRow> {
  const acknowledged = old.status === 'acknowledged';
  const status = change.status ?? (acknowledged ? 'submitted' : old.status);
  const [row] = await tx.query<EvaluationRow>(
    `UPDATE evaluations SET answers = $3, overall_comment = $4, reviewee_id = $5, raw_score = $6, final_score = $7,
       passed = $8, critical_failures = $9, critical_failed = $10, updated_at = $11, status = $12, dispute = $13,
       changed_since_acknowledgement = changed_since_acknowledgement OR $14, lock_version = lock_version + 1
     WHERE account = $1 AND id = $2 AND lock_version = $15 RETURNING *`,
    [
      old.account,
      old.id,
      JSON.stringify(change.answers),
      change.overallComment,
      change.revieweeId,
      change.score.rawScore,
      change.score.finalScore,
      change.score.passed,
      change.score.criticalFailures,
      change.score.criticalFailures.length > 0,
      change.at,
      status,
      change.dispute === undefined
        ? old.dispute
          ? JSON.stringify(old.dispute)
          : null
        : change.dispute
          ? JSON.stringify(change.dispute)
          : null,
      acknowledged,
      old.lock_version,
    ],
  );
  if (!row) throw new Error('evaluation changed under its row lock');
  return row;
}

/** A status change of a locked evaluation, +1 lock version; acknowledging records the version acknowledged. */
export async function updateStatus(
  tx: Queryable,
  old: EvaluationRow,
  status: EvaluationStatus,
  dispute: StoredDispute | null,
  at: Date,
): Promise<EvaluationRow> {
  const [row] = await tx.query<EvaluationRow>(
    `UPDATE evaluations SET status = $3, dispute = $4, updated_at = $5, lock_version = lock_version + 1,
       withdrawn_at = CASE WHEN $3 = 'withdrawn' THEN $5 ELSE withdrawn_at END,
       acknowledged_version = CASE WHEN $3 = 'acknowledged' THEN lock_version + 1 ELSE acknowledged_version END,
       changed_since_acknowledgement = CASE WHEN $3 = 'acknowledged' THEN false ELSE changed_since_acknowledgement END
     WHERE account = $1 AND id = $2 AND lock_version = $6 RETURNING *`,
    [old.account, old.id, status, dispute ? JSON.stringify(dispute) : null, at, old.lock_version],
  );
  if (!row) throw new Error('evaluation changed under its row lock');
  return row;
}

export async function findEvaluation(q: Queryable, account: string, id: string, forUpdate = false): Promise<EvaluationRow | null> {
  const rows = await q.query<EvaluationRow>(`SELECT * FROM evaluations WHERE account = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [
    account,
    id,
  ]);
  return rows[0] ?? null;
}

export async function historyOf(q: Queryable, account: string, id: string): Promise<HistoryEntry[]> {
  const rows = await q.query<{
    seq: number;
    at: Date;
    actor_id: number;
    action: string;
    detail: Record<string, unknown>;
    snapshot: EvaluationView;
  }>('SELECT seq, at, actor_id, action, detail, snapshot FROM evaluation_history WHERE account = $1 AND evaluation_id = $2 ORDER BY seq', [
    account,
    id,
  ]);
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at.toISOString(),
    actorId: r.actor_id,
    action: r.action,
    detail: r.detail,
    snapshot: r.snapshot,
  }));
}

/** Which evaluations a list asks for: each field given narrows it; withdrawn ones only when `status` asks for them. */
export interface EvaluationFilter {
  ticketId?: number | undefined;
  revieweeId?: number | undefined;
  reviewerId?: number | undefined;
  scorecardId?: string | undefined;
  status?: EvaluationStatus | undefined;
}

/**
 * The account's evaluations matching `filter` that calibration blindness lets the actor see, newest first, from
 * after `after` (the last one of the previous page) on; at most `limit`.
 */
export async function listEvaluations(
  q: Queryable,
  actor: Actor,
  filter: EvaluationFilter,
  after: { at: string; id: string } | null,
  limit: number,
): Promise<EvaluationRow[]> {
  const where = ['account = $1'];
  const params: unknown[] = [actor.account];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (filter.ticketId !== undefined) add('ticket_id = ?', filter.ticketId);
  if (filter.revieweeId !== undefined) add('reviewee_id = ?', filter.revieweeId);
  if (filter.reviewerId !== undefined) add('reviewer_id = ?', filter.reviewerId);
  if (filter.scorecardId !== undefined) add('scorecard_id = ?', filter.scorecardId);
  if (filter.status !== undefined) add('status = ?', filter.status);
  else where.push(`status <> 'withdrawn'`);
  add(calibrationVisible(actor, '?'), actor.userId);
  if (after) {
    params.push(after.at, after.id);
    where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(limit);
  return q.query<EvaluationRow>(
    `SELECT * FROM evaluations WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
}

/**
 * The ticket's evaluations, not withdrawn, that calibration blindness lets the actor see, of one reviewee's work
 * only when `revieweeId` is given; newest first, at most `limit`.
 */
export async function evaluationsOnTicket(
  q: Queryable,
  actor: Actor,
  ticketId: number,
  revieweeId: number | null,
  limit: number,
): Promise<EvaluationRow[]> {
  return q.query<EvaluationRow>(
    `SELECT * FROM evaluations
      WHERE account = $1 AND ticket_id = $2 AND status <> 'withdrawn' AND ($3::bigint IS NULL OR reviewee_id = $3) AND ${calibrationVisible(actor, '$4')}
      ORDER BY created_at DESC, id DESC LIMIT $5`,
    [actor.account, ticketId, revieweeId, actor.userId, limit],
  );
}

/** The columns a create writes, with their types. */
const CREATE_TYPES = {
  account: 'text',
  id: 'uuid',
  ticket_id: 'bigint',
  reviewee_id: 'bigint',
  reviewer_id: 'bigint',
  scorecard_id: 'text',
  scorecard_version: 'integer',
  kind: 'text',
  status: 'text',
  channel: 'text',
  group_id: 'bigint',
  brand_id: 'bigint',
  raw_score: 'float8',
  final_score: 'float8',
  passed: 'boolean',
  critical_failures: 'text[]',
  critical_failed: 'boolean',
  answers: 'jsonb',
  overall_comment: 'text',
  first_reply_minutes: 'float8',
  full_resolution_minutes: 'float8',
  reopens: 'integer',
  csat: 'text',
  calibration_session_id: 'text',
  request_hash: 'text',
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
} satisfies Partial<Record<keyof EvaluationRow, string>>;
const CREATE_COLUMNS = Object.keys(CREATE_TYPES) as Array<keyof typeof CREATE_TYPES>;

// Data-modifying CTEs run once each, in one statement (evaluation, answers, history and audit rows as the journal
// writes them, the draft's deletion): atomic without BEGIN/COMMIT, one round trip for a whole batch (decision 013).
// The evaluations travel as one jsonb array. An evaluation is inserted only while its card is not archived;
// ON CONFLICT leaves an existing id alone (on PostgreSQL after waiting for a concurrent inserter of it), and the
// answer, history and audit inserts follow only the rows inserted. Rows go in (account, id) order, so concurrent
// batches take their key locks in one order (no deadlock between them).
const CREATE_SQL = `WITH input AS MATERIALIZED (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(ord integer, ${CREATE_COLUMNS.map((k) => `${k} ${CREATE_TYPES[k]}`).join(', ')},
      answer_rows jsonb, ${CREATE_JOURNAL_INPUT})),
  ins AS (
    INSERT INTO evaluations (${CREATE_COLUMNS.join(', ')})
    SELECT ${CREATE_COLUMNS.map((k) => `i.${k}`).join(', ')}
      FROM input i JOIN scorecards s ON s.account = i.account AND s.id = i.scorecard_id
     WHERE s.status <> 'archived'
     ORDER BY i.account, i.id
    ON CONFLICT (account, id) DO NOTHING
    RETURNING *),
  ans AS (
    ${INSERT_ANSWERS}
    SELECT ins.account, ins.id, ins.created_at, a.*
      FROM ins JOIN input i ON i.account = ins.account AND i.id = ins.id CROSS JOIN LATERAL ${answerRecordset('i.answer_rows')}),
  ${createJournalCtes('ins', 'input')},
  -- the reviewer's draft that made it is done (in this statement: a stored evaluation never leaves its draft behind)
  done AS (
    DELETE FROM drafts d USING ins WHERE d.account = ins.account AND d.user_id = ins.reviewer_id AND d.evaluation_id = ins.id)
SELECT i.ord, s.status AS card_status, ins.*
  FROM input i LEFT JOIN scorecards s ON s.account = i.account AND s.id = i.scorecard_id
  LEFT JOIN ins ON ins.account = i.account AND ins.id = i.id`;

export interface NewEvaluation {
  /** The row as it will be stored (`id` lower-case, as PostgreSQL prints a uuid). */
  row: EvaluationRow;
  answers: readonly AnswerRow[];
  actorRole: string;
}

/** `row` is null when nothing was written: the id exists (a retry), or the card is archived or gone (`cardStatus`). */
export interface CreateResult {
  row: EvaluationRow | null;
  cardStatus: string | null;
}

/**
 * Stores new evaluations, each with its answer rows, first history entry and audit row, in one statement.
 * An id given twice is sent once; the later ones come back unwritten (the caller replays them).
 */
export async function createEvaluations(q: Queryable, items: readonly NewEvaluation[]): Promise<CreateResult[]> {
  const first = new Map<string, number>();
  const input: unknown[] = [];
  items.forEach(({ row, answers, actorRole }, ord) => {
    const key = JSON.stringify([row.account, row.id]);
    if (first.has(key)) return;
    first.set(key, ord);
    input.push({ ...row, ord, answer_rows: answers, ...createJournalFields(evaluationView(row), actorRole) });
  });
  const rows = await q.query<EvaluationRow & { ord: number; card_status: string | null }>(CREATE_SQL, [JSON.stringify(input)], {
    prepare: 'evaluations-create',
  });
  const byOrd = new Map(
    rows.map(({ ord, card_status: cardStatus, ...stored }) => [ord, { row: stored.id === null ? null : stored, cardStatus }]),
  );
  return items.map(({ row }, ord) => {
    const own = byOrd.get(ord);
    if (own) return own;
    const earlier = byOrd.get(first.get(JSON.stringify([row.account, row.id]))!);
    return { row: null, cardStatus: earlier?.cardStatus ?? null };
  });
}

/**
 * Creates go to the database as they come while few statements are in flight; under load the ones that
 * arrive meanwhile wait and go together in one statement (fewer round trips and socket writes per evaluation).
 */
export function evaluationWriter(q: Queryable, { maxInFlight = 2, maxBatch = 64 } = {}) {
  interface Waiting {
    item: NewEvaluation;
    resolve: (r: CreateResult) => void;
    reject: (err: unknown) => void;
  }
  const queue: Waiting[] = [];
  let inFlight = 0;
  async function run(batch: Waiting[]): Promise<void> {
    try {
      const results = await createEvaluations(
        q,
        batch.map((w) => w.item),
      );
      for (const [i, w] of batch.entries()) w.resolve(results[i]!);
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      // one bad evaluation must not fail the others in its batch: each again on its own
      await Promise.all(
        batch.map(async (w) => {
          try {
            w.resolve((await createEvaluations(q, [w.item]))[0]!);
          } catch (e) {
            w.reject(e);
          }
        }),
      );
    }
  }
  function pump(): void {
    while (inFlight < maxInFlight && queue.length > 0) {
      inFlight++;
      void run(queue.splice(0, maxBatch)).finally(() => {
        inFlight--;
        pump();
      });
    }
  }
  return {
    create(item: NewEvaluation): Promise<CreateResult> {
      return new Promise((resolve, reject) => {
        queue.push({ item, resolve, reject });
        pump();
      });
    },
  };
}

import { createHash } from 'node:crypto';
import type { Answer, Answers } from '../../core/answers.ts';
import type { Evaluation, EvaluationStatus, MetricsSnapshot } from '../../core/evaluation.ts';
import { metricAnswer } from '../../core/metrics.ts';
import { allCriteria, scaleOptions, type ScorecardDefinition } from '../../core/scorecard.ts';
import type { ScoreResult } from '../../core/scoring.ts';
import type { Queryable } from '../db/db.ts';
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
}

export interface StoredDispute {
  reason: string;
  criterionIds: string[];
  raisedBy: number;
  raisedAt: string;
  outcome: 'upheld' | 'rejected' | null;
  note: string | null;
  resolvedBy: number | null;
  resolvedAt: string | null;
}

export type EvaluationView = Evaluation & {
  calibrationSessionId: string | null;
  withdrawnAt: string | null;
  dispute: StoredDispute | null;
};

export interface HistoryEntry {
  seq: number;
  at: string;
  actorId: number;
  action: string;
  snapshot: EvaluationView;
}

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
  };
}

/** JSON with sorted keys, so equal values hash equally whatever the key order the client sent. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

/** Metric criteria are answered from the ticket's numbers when the snapshot is given: the client's rating is not trusted. */
export function withMetricAnswers(card: ScorecardDefinition, answers: Answers, metrics: MetricsSnapshot | null): Answers {
  if (!metrics) return answers;
  const out = [...answers];
  for (const { criterion } of allCriteria(card)) {
    const computed = metricAnswer(criterion, metrics);
    if (!computed) continue;
    const i = out.findIndex((a) => a.criterionId === criterion.id);
    const client: Answer | undefined = i >= 0 ? out[i] : undefined;
    const merged: Answer = { ...computed, ...(client?.comment ? { comment: client.comment } : {}) };
    if (i >= 0) out[i] = merged;
    else out.push(merged);
  }
  return out;
}

/** One row per answered criterion, for reports by criterion and the CSV export. */
export async function insertAnswerRows(
  tx: Queryable,
  account: string,
  evaluationId: string,
  createdAt: Date,
  card: ScorecardDefinition,
  answers: Answers,
  score: ScoreResult,
): Promise<void> {
  const byId = new Map(answers.map((a) => [a.criterionId, a]));
  const failed = new Set(score.criticalFailures);
  const params: unknown[] = [account, evaluationId, createdAt];
  const tuples: string[] = [];
  allCriteria(card).forEach(({ section, criterion }, position) => {
    const a = byId.get(criterion.id);
    if (!a) return;
    const option = a.rating === undefined ? undefined : scaleOptions(criterion.scale)[a.rating];
    const values = [
      position,
      criterion.id,
      section.id,
      a.na ? null : (a.rating ?? null),
      a.na ? null : (option?.fraction ?? null),
      a.na === true,
      criterion.weight,
      criterion.critical !== null,
      failed.has(criterion.id),
      a.rootCauses ?? [],
      a.comment ?? null,
    ];
    const base = params.length;
    params.push(...values);
    tuples.push(`($1, $2, $3, ${values.map((_, k) => `$${base + k + 1}`).join(', ')})`);
  });
  if (tuples.length === 0) return;
  await tx.query(
    `INSERT INTO evaluation_answers (account, evaluation_id, created_at, position, criterion_id, section_id, rating, fraction,
       na, weight, critical, critical_failed, root_causes, comment)
     VALUES ${tuples.join(', ')}`,
    params,
  );
}

/** Appends to the evaluation's history (the row must be locked by the caller's transaction). */
export async function appendHistory(tx: Queryable, row: EvaluationRow, at: Date, actorId: number, action: string): Promise<void> {
  await tx.query(
    `INSERT INTO evaluation_history (account, evaluation_id, seq, at, actor_id, action, snapshot)
     SELECT $1, $2, coalesce(max(seq), 0) + 1, $3, $4, $5, $6
       FROM evaluation_history WHERE account = $1 AND evaluation_id = $2`,
    [row.account, row.id, at, actorId, action, JSON.stringify(evaluationView(row))],
  );
}

export async function findEvaluation(q: Queryable, account: string, id: string, forUpdate = false): Promise<EvaluationRow | null> {
  const rows = await q.query<EvaluationRow>(
    `SELECT * FROM evaluations WHERE account = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [account, id],
  );
  return rows[0] ?? null;
}

export async function historyOf(q: Queryable, account: string, id: string): Promise<HistoryEntry[]> {
  const rows = await q.query<{ seq: number; at: Date; actor_id: number; action: string; snapshot: EvaluationView }>(
    'SELECT seq, at, actor_id, action, snapshot FROM evaluation_history WHERE account = $1 AND evaluation_id = $2 ORDER BY seq',
    [account, id],
  );
  return rows.map((r) => ({ seq: r.seq, at: r.at.toISOString(), actorId: r.actor_id, action: r.action, snapshot: r.snapshot }));
}

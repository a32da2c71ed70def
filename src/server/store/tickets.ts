import type { InstantRange, ReportFilters } from '../../core/reports.ts';
import type { DisagreementKind, QaMetricCell, TicketListQuery, TicketRow } from '../../core/ticket-reports.ts';
import type { Db, Queryable } from '../db/db.ts';
import { pagedRows } from './reports/pages.ts';
import { evaluationConditions, Params } from './reports/sql.ts';

interface Row {
  id: string;
  ticket_id: number;
  reviewee_id: number;
  reviewer_id: number;
  group_id: number | null;
  channel: string | null;
  scorecard_id: string;
  final_score: number | null;
  passed: boolean | null;
  csat: string | null;
  created_at: Date;
  fraction?: number | null;
  comment?: string | null;
  root_causes?: string[];
}

const TICKET_COLUMNS =
  'e.id, e.ticket_id, e.reviewee_id, e.reviewer_id, e.group_id, e.channel, e.scorecard_id, e.final_score, e.passed, e.csat, e.created_at';

function ticketRow(r: Row): TicketRow {
  return {
    evaluationId: r.id,
    ticketId: r.ticket_id,
    revieweeId: r.reviewee_id,
    reviewerId: r.reviewer_id,
    groupId: r.group_id,
    channel: r.channel,
    scorecardId: r.scorecard_id,
    finalScore: r.final_score,
    passed: r.passed,
    csat: r.csat,
    createdAt: r.created_at.toISOString(),
    ...(r.fraction === undefined
      ? {}
      : { criterion: { fraction: r.fraction, comment: r.comment ?? null, rootCauses: r.root_causes ?? [] } }),
  };
}

/**
 * `EvaluationSums` straight from `evaluations e` (for filters the rollups cannot answer); `bonusCount` as the reports'
 * sums count it (evaluations of a scorecard some version of which declares a maxScore, sql.ts); the subquery does not
 * depend on the row, so it runs once per statement, not once per evaluation.
 */
export const EVALUATION_SUMS = `count(*)::float8 AS count, count(e.final_score)::float8 AS scored,
  coalesce(sum(e.final_score), 0)::float8 AS "scoreSum", coalesce(sum(e.final_score * e.final_score), 0)::float8 AS "scoreSumSq",
  count(*) FILTER (WHERE e.passed)::float8 AS passes, count(*) FILTER (WHERE e.critical_failed)::float8 AS "criticalFails",
  count(*) FILTER (WHERE (e.account, e.scorecard_id) IN (SELECT v.account, v.scorecard_id FROM scorecard_versions v
    WHERE v.definition -> 'maxScore' IS NOT NULL))::float8 AS "bonusCount"`;

const CSAT_BUCKET = `CASE WHEN e.csat IN ('good', 'bad') THEN e.csat ELSE 'none' END`;

/**
 * The evaluations matching the filters in the range, newest first, at most `f.limit`. With a criterion: that
 * criterion's answer on each, and `failed` means that answer failed (its stored outcome, decision 027); without: a
 * failed evaluation.
 */
export async function ticketRows(q: Queryable, account: string, f: TicketListQuery, range: InstantRange): Promise<TicketRow[]> {
  const p = new Params();
  const where = evaluationConditions(p, account, f, range);
  let join = '';
  let extra = '';
  if (f.criterionId !== undefined) {
    join = `JOIN evaluation_answers a ON a.account = e.account AND a.evaluation_id = e.id AND a.criterion_id = ${p.add(f.criterionId)}`;
    extra = ', a.fraction, a.comment, a.root_causes';
    if (f.failed === 'true') where.push('a.failed');
  } else if (f.failed === 'true') {
    where.push('e.passed = false');
  }
  const rows = await q.query<Row>(
    `SELECT ${TICKET_COLUMNS}${extra} FROM evaluations e ${join} WHERE ${where.join(' AND ')} ORDER BY e.created_at DESC, e.id LIMIT ${p.add(f.limit)}`,
    p.values,
  );
  return rows.map(ticketRow);
}

/**
 * Sums per (CSAT outcome, QA result) of the evaluations matching the filters, with the tickets' reply and resolution
 * times, reopens and ratings: one grouped scan, in pages on PGlite (cells of the same bucket from several pages are
 * separate rows; they add up).
 */
export function qaMetricCells(db: Db, account: string, f: ReportFilters, range: InstantRange): Promise<QaMetricCell[]> {
  return pagedRows<QaMetricCell>(
    db,
    account,
    f,
    range,
    (_p, where) =>
      `SELECT ${CSAT_BUCKET} AS csat, CASE WHEN e.passed THEN 'passed' WHEN NOT e.passed THEN 'failed' ELSE 'none' END AS result,
            ${EVALUATION_SUMS},
            count(e.first_reply_minutes)::float8 AS "frtN", coalesce(sum(e.first_reply_minutes), 0)::float8 AS "frtSum",
            coalesce(sum(e.first_reply_minutes * e.first_reply_minutes), 0)::float8 AS "frtSq",
            count(e.full_resolution_minutes)::float8 AS "resN", coalesce(sum(e.full_resolution_minutes), 0)::float8 AS "resSum",
            coalesce(sum(e.full_resolution_minutes * e.full_resolution_minutes), 0)::float8 AS "resSq",
            count(e.reopens)::float8 AS "reopenN", count(*) FILTER (WHERE e.reopens > 0)::float8 AS reopened,
            count(*) FILTER (WHERE e.csat IN ('good', 'bad'))::float8 AS "csatN", count(*) FILTER (WHERE e.csat = 'good')::float8 AS "csatGood"
       FROM evaluations e WHERE ${where.join(' AND ')} GROUP BY 1, 2`,
  );
}

/** The latest 100 evaluations where QA and the customer disagree (passed but rated bad, failed but rated good), newest first. */
export async function disagreements(
  q: Queryable,
  account: string,
  f: ReportFilters,
  range: InstantRange,
): Promise<Array<TicketRow & { kind: DisagreementKind }>> {
  const p = new Params();
  const where = evaluationConditions(p, account, f, range).join(' AND ');
  const rows = await q.query<Row & { kind: DisagreementKind }>(
    `SELECT ${TICKET_COLUMNS}, CASE WHEN e.passed THEN 'qa-pass-csat-bad' ELSE 'qa-fail-csat-good' END AS kind
       FROM evaluations e WHERE ${where} AND ((e.passed AND e.csat = 'bad') OR (NOT e.passed AND e.csat = 'good'))
      ORDER BY e.created_at DESC, e.id LIMIT 100`,
    p.values,
  );
  return rows.map((r) => ({ ...ticketRow(r), kind: r.kind }));
}

import { dayAligned, type InstantRange, type ReportFilters } from '../../../core/reports.ts';

/** Collects `$n` parameters while a statement is built. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Evaluations that count in reports: calibration and withdrawn ones never do. */
export const COUNTED = `e.kind <> 'calibration' AND e.status <> 'withdrawn'`;

/** WHERE conditions on `evaluations e` for the filters (account first, so every index applies). */
export function evaluationConditions(p: Params, account: string, f: ReportFilters, range: InstantRange): string[] {
  const where = [`e.account = ${p.add(account)}`, COUNTED];
  if (range.from) where.push(`e.created_at >= ${p.add(range.from)}`);
  if (range.until) where.push(`e.created_at < ${p.add(range.until)}`);
  if (f.scorecardId !== undefined) where.push(`e.scorecard_id = ${p.add(f.scorecardId)}`);
  if (f.groupId !== undefined) where.push(`e.group_id = ${p.add(f.groupId)}`);
  if (f.channel !== undefined) where.push(`e.channel = ${p.add(f.channel)}`);
  if (f.revieweeId !== undefined) where.push(`e.reviewee_id = ${p.add(f.revieweeId)}`);
  if (f.reviewerId !== undefined) where.push(`e.reviewer_id = ${p.add(f.reviewerId)}`);
  return where;
}

/** The columns every sums source exposes, so one aggregate query serves both. */
const SUM_COLUMNS = 'day, scorecard_id, group_id, channel, evaluations, scored, score_sum, score_sumsq, passes, critical_fails';

export type SourceName = 'rollup' | 'evaluations';

interface Source {
  /** Whether this source can answer the filters exactly (and offer the grouping column). */
  answers(f: ReportFilters, range: InstantRange, needsReviewee: boolean): boolean;
  /** A subquery with SUM_COLUMNS (+ reviewee_id for evaluations) restricted to the filters. */
  relation(p: Params, account: string, f: ReportFilters, range: InstantRange): string;
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

function rollupConditions(p: Params, account: string, f: ReportFilters, range: InstantRange): string {
  const where = [`account = ${p.add(account)}`];
  if (range.from) where.push(`day >= ${p.add(dayOf(range.from))}::date`);
  if (range.until) where.push(`day < ${p.add(dayOf(range.until))}::date`);
  if (f.scorecardId !== undefined) where.push(`scorecard_id = ${p.add(f.scorecardId)}`);
  if (f.groupId !== undefined) where.push(`group_id = ${p.add(f.groupId)}`);
  if (f.channel !== undefined) where.push(`channel = ${p.add(f.channel)}`);
  return where.join(' AND ');
}

/** Where report sums come from; the cheapest source that answers the question exactly wins. */
export const SOURCES: Record<SourceName, Source> = {
  rollup: {
    answers: (f, range, needsReviewee) => !needsReviewee && f.revieweeId === undefined && f.reviewerId === undefined && dayAligned(range),
    relation: (p, account, f, range) => {
      const where = rollupConditions(p, account, f, range);
      // deltas not yet folded are read too: figures are exact at every moment
      return `(SELECT ${SUM_COLUMNS} FROM report_daily WHERE ${where}
               UNION ALL SELECT ${SUM_COLUMNS} FROM report_daily_delta WHERE ${where})`;
    },
  },
  evaluations: {
    answers: () => true,
    relation: (p, account, f, range) => evaluationsRelation(evaluationConditions(p, account, f, range)),
  },
};

/** The evaluations source restricted by `where` (conditions on `evaluations e`, e.g. the filters and a page's bounds). */
export const evaluationsRelation = (where: readonly string[]) => `(SELECT
    (e.created_at AT TIME ZONE 'UTC')::date AS day, e.scorecard_id, coalesce(e.group_id, 0) AS group_id,
    coalesce(e.channel, '') AS channel, e.reviewee_id, 1 AS evaluations, (e.final_score IS NOT NULL)::int AS scored,
    coalesce(e.final_score, 0) AS score_sum, coalesce(e.final_score * e.final_score, 0) AS score_sumsq,
    coalesce(e.passed, false)::int AS passes, e.critical_failed::int AS critical_fails
  FROM evaluations e WHERE ${where.join(' AND ')})`;

export function chooseSource(f: ReportFilters, range: InstantRange, needsReviewee = false): SourceName {
  return SOURCES.rollup.answers(f, range, needsReviewee) ? 'rollup' : 'evaluations';
}

/**
 * Aggregates of a sums source, named as `EvaluationSums` (float8: counts fit a double, no numeric strings).
 * `bonusCount`: evaluations of a scorecard some version of which declares a maxScore (bonus criteria), whose scores may
 * exceed 100; the rollups keep the scorecard, so both sources answer it from the few scorecard versions.
 */
export const sumsSelect = (p: Params, account: string) => `coalesce(sum(evaluations), 0)::float8 AS count,
  coalesce(sum(scored), 0)::float8 AS scored,
  coalesce(sum(score_sum), 0)::float8 AS "scoreSum", coalesce(sum(score_sumsq), 0)::float8 AS "scoreSumSq",
  coalesce(sum(passes), 0)::float8 AS passes, coalesce(sum(critical_fails), 0)::float8 AS "criticalFails",
  coalesce(sum(evaluations) FILTER (WHERE scorecard_id IN (SELECT v.scorecard_id FROM scorecard_versions v
    WHERE v.account = ${p.add(account)} AND v.definition -> 'maxScore' IS NOT NULL)), 0)::float8 AS "bonusCount"`;

import { instantRange, type ReportFilters } from '../../core/reports.ts';
import type { Db } from '../db/db.ts';
import type { EvaluationRow } from './evaluations.ts';
import { afterCursor, CURSOR_COLUMN, type Cursor } from './reports/pages.ts';
import { evaluationConditions, Params } from './reports/sql.ts';

/** An evaluations row as the export selects it: times as UTC text (the cursor keeps microseconds). */
export type ExportEvaluation = Pick<
  EvaluationRow,
  | 'id'
  | 'ticket_id'
  | 'reviewee_id'
  | 'reviewer_id'
  | 'scorecard_id'
  | 'scorecard_version'
  | 'kind'
  | 'status'
  | 'channel'
  | 'group_id'
  | 'brand_id'
  | 'raw_score'
  | 'final_score'
  | 'passed'
  | 'critical_failures'
  | 'overall_comment'
> & { created_at: string; cursor: string };

export interface ExportAnswer {
  evaluation_id: string;
  section_id: string;
  criterion_id: string;
  rating: number | null;
  fraction: number | null;
  na: boolean;
  weight: number;
  critical_failed: boolean;
  root_causes: string[];
  comment: string | null;
  /** The answer's stored outcome (decision 027); null for N/A and non-scoring answers. */
  failed: boolean | null;
  scoring: boolean;
  bonus: boolean;
}

/** At most `size` of the evaluations the reports count, after `after` in (created_at, id) order (a keyset page). */
export async function exportEvaluations(
  db: Db,
  account: string,
  filters: ReportFilters,
  after: Cursor | null,
  size: number,
): Promise<ExportEvaluation[]> {
  const p = new Params();
  const where = evaluationConditions(p, account, filters, instantRange(filters));
  if (after) where.push(afterCursor(p, after));
  return db.query<ExportEvaluation>(
    `SELECT e.id, ${CURSOR_COLUMN},
       to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
       e.ticket_id, e.reviewee_id, e.reviewer_id, e.scorecard_id, e.scorecard_version, e.kind, e.status, e.channel,
       e.group_id, e.brand_id, e.raw_score, e.final_score, e.passed, e.critical_failures, e.overall_comment
     FROM evaluations e WHERE ${where.join(' AND ')}
     ORDER BY e.created_at, e.id LIMIT ${p.add(size)}`,
    p.values,
  );
}

/** The answers of the given evaluations, each evaluation's in their order on its scorecard. */
export async function exportAnswers(db: Db, account: string, evaluationIds: readonly string[]): Promise<ExportAnswer[]> {
  return db.query<ExportAnswer>(
    `SELECT evaluation_id, section_id, criterion_id, rating, fraction, na, weight, critical_failed, root_causes, comment,
       failed, scoring, bonus
     FROM evaluation_answers WHERE account = $1 AND evaluation_id = ANY($2::uuid[]) ORDER BY evaluation_id, position`,
    [account, evaluationIds],
  );
}

/** Report rows the reports tab's tests share. */
import { criterionRow, type CriterionRow } from '../../../core/reports.ts';

/** A non-scoring question's row: its answers per choice (`counts`: label to count), no scoring answers. */
export function choicesRow(scorecardId: string, key: string, label: string, counts: Record<string, number>): CriterionRow {
  const distribution = Object.entries(counts).map(([choice, count]) => ({ label: choice, count }));
  return criterionRow(scorecardId, key, label, {
    rated: 0,
    na: 0,
    fractionSum: 0,
    fractionSumSq: 0,
    fails: 0,
    byReviewee: [],
    distribution,
  });
}

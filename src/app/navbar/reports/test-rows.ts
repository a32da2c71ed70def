/** Report rows the reports tab's tests share. */
import { criterionRow, type CriterionRow } from '../../../core/reports.ts';
import type { People } from './use-people.ts';

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

/** The people the reports' tests name: Alex Agent (10002) and the Billing group (7); anyone else by number. */
export const testPeople = {
  personName: (id: number) => (id === 10002 ? 'Alex Agent' : `#${id}`),
  groupName: (id: number) => (id === 7 ? 'Billing' : `#${id}`),
} as unknown as People;

/** A figure: its value, n and interval. */
export const fig = (value: number | null, n: number, low: number | null = null, high: number | null = null) => ({ value, n, low, high });

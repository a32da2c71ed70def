/** The CSV of what the dashboard shows: one row per figure, with n and its interval, in long format (easy to pivot). */
import { csvRow, type Cell } from '../../../core/csv.ts';
import type { BreakdownRow, CriterionRow, Figure, RootCauseCount, Summary, Trend } from '../../../core/reports.ts';
import { reportQuery, type Filters } from '../../api/reports-api.ts';

export interface ScreenData {
  filters: Filters;
  summary?: Summary;
  previous?: Summary;
  trend?: Trend;
  breakdowns: Array<{ dimension: string; rows: BreakdownRow[]; label: (row: BreakdownRow) => string }>;
  criteria?: CriterionRow[];
  rootCauses?: RootCauseCount[];
}

export const SCREEN_COLUMNS = ['section', 'key', 'label', 'measure', 'value', 'low', 'high', 'n', 'note'] as const;

const figureCells = (f: Figure): Cell[] => [f.value, f.low, f.high, f.n];

/** What a figure including bonus scorecards means (decision 027), beside it as the screen says it. */
const BONUS_NOTES = {
  average: (n: number) => `includes ${n} evaluations of bonus scorecards: a score above 100 counts as it is`,
  pass: 'final score against the pass threshold, bonus included',
};

function summaryRows(section: string, key: string, label: string, s: Summary): Cell[][] {
  const bonus = s.bonusCount ?? 0;
  return [
    [section, key, label, 'count', s.count, null, null, s.count, ''],
    [section, key, label, 'average_score', ...figureCells(s.averageScore), bonus ? BONUS_NOTES.average(bonus) : ''],
    [section, key, label, 'pass_rate', ...figureCells(s.passRate), bonus ? BONUS_NOTES.pass : ''],
    [section, key, label, 'critical_fail_rate', ...figureCells(s.criticalFailRate), ''],
  ];
}

export function screenCsv(d: ScreenData): string {
  const rows: Cell[][] = [];
  rows.push(['filters', '', '', 'filters', null, null, null, null, reportQuery(d.filters)]);
  if (d.summary) rows.push(...summaryRows('summary', `${d.filters.from}..${d.filters.to}`, 'current', d.summary));
  if (d.previous) rows.push(...summaryRows('summary', 'previous', 'previous period', d.previous));
  for (const p of d.trend?.points ?? []) rows.push(...summaryRows(`trend_${d.trend!.period}`, p.start, p.start, p));
  for (const b of d.breakdowns) for (const r of b.rows) rows.push(...summaryRows(`by_${b.dimension}`, r.key, b.label(r), r));
  for (const c of d.criteria ?? []) {
    if (c.distribution) {
      // a non-scoring question: its answers per choice, no mean and no fail rate
      for (const choice of c.distribution)
        rows.push([
          'by_criterion',
          `${c.scorecardId}:${c.key}`,
          c.label ?? c.key,
          `choice:${choice.label}`,
          choice.count,
          null,
          null,
          c.count,
          'not scored',
        ]);
      continue;
    }
    const note = c.pattern;
    rows.push(['by_criterion', `${c.scorecardId}:${c.key}`, c.label ?? c.key, 'average_fraction', ...figureCells(c.averageFraction), note]);
    rows.push([
      'by_criterion',
      `${c.scorecardId}:${c.key}`,
      c.label ?? c.key,
      'fail_rate',
      ...figureCells(c.failRate),
      `${c.revieweesFailing}/${c.reviewees} reviewees failing; far above the rest: ${c.outlierIds.join(' ') || c.outliers}`,
    ]);
  }
  for (const r of d.rootCauses ?? [])
    rows.push(['root_causes', r.cause, r.cause, 'count', r.count, null, null, r.count, r.kind ?? 'agent-skill']);
  return csvRow([...SCREEN_COLUMNS]) + rows.map((r) => csvRow(r)).join('');
}

/**
 * The reports: figures with n and a 95% interval from the sums the store reads (decision 008), labelled and ordered
 * so that the rows a lead acts on come first.
 */
import {
  criterionRow,
  instantRange,
  summaryFromSums,
  trendPoints,
  weakestFirst,
  type Breakdown,
  type BreakdownQuery,
  type BreakdownRow,
  type ReportFilters,
  type RootCauseCount,
  type RootCauseQuery,
  type RootCauses,
  type Summary,
  type Trend,
  type TrendQuery,
} from '../../core/reports.ts';
import { scaleOptions } from '../../core/scale.ts';
import type { Criterion } from '../../core/scorecard.ts';
import type { Db } from '../db/db.ts';
import type { PagePolicy } from '../limits/batches.ts';
import {
  criterionSums,
  newestCriteria,
  rootCauseCounts,
  scorecardNames,
  sumsBy,
  UNSET_KEYS,
  type EvaluationDimension,
} from '../store/reports/queries.ts';

export async function summaryReport(db: Db, account: string, f: ReportFilters, pages?: PagePolicy): Promise<Summary> {
  const [row] = await sumsBy(db, account, f, 'total', pages);
  return summaryFromSums(row ?? { count: 0, scored: 0, scoreSum: 0, scoreSumSq: 0, passes: 0, criticalFails: 0 });
}

export async function trendReport(db: Db, account: string, q: TrendQuery, pages?: PagePolicy): Promise<Trend> {
  const rows = await sumsBy(db, account, q, { period: q.period }, pages);
  return { period: q.period, points: trendPoints(q.period, new Map(rows.map((r) => [r.key, r])), instantRange(q)) };
}

async function evaluationBreakdown(
  db: Db,
  account: string,
  q: BreakdownQuery & { dimension: EvaluationDimension },
  pages?: PagePolicy,
): Promise<Breakdown> {
  const rows = await sumsBy(db, account, q, { dimension: q.dimension }, pages);
  // scorecards are named; reviewees, groups and channels are ids the app names
  const labels =
    q.dimension === 'scorecard'
      ? await scorecardNames(
          db,
          account,
          rows.map((r) => r.key),
        )
      : new Map<string, string>();
  const unset = UNSET_KEYS[q.dimension];
  const out: BreakdownRow[] = rows.map(({ key, ...sums }) => {
    const none = key === unset;
    const label = none ? 'none' : labels.get(key);
    return { key: none ? '' : key, ...(label === undefined ? {} : { label }), ...summaryFromSums(sums) };
  });
  // weakest first, as for criteria: the rows a lead acts on come first
  out.sort(
    (a, b) => (a.averageScore.value ?? Infinity) - (b.averageScore.value ?? Infinity) || b.count - a.count || a.key.localeCompare(b.key),
  );
  return { dimension: q.dimension, rows: out };
}

/**
 * A non-scoring criterion's answers per choice, labelled by the newest version's scale and in its order (every choice,
 * answered or not); a choice a later version dropped keeps its number as label.
 */
function distribution(criterion: Criterion | undefined, choices: ReadonlyArray<{ rating: number; count: number }>) {
  const options = criterion ? scaleOptions(criterion.scale) : [];
  const counts = new Map(choices.map((c) => [c.rating, c.count]));
  const ratings = [...new Set([...options.keys(), ...counts.keys()])].sort((a, b) => a - b);
  return ratings.map((rating) => ({ label: options[rating]?.label ?? String(rating), count: counts.get(rating) ?? 0 }));
}

async function criterionBreakdown(db: Db, account: string, q: BreakdownQuery, pages?: PagePolicy): Promise<Breakdown> {
  const rows = await criterionSums(db, account, q, pages);
  const criteria = await newestCriteria(db, account, [...new Set(rows.map((r) => r.scorecardId))]);
  const out = rows.map(({ scorecardId, key, choices, ...sums }) => {
    const criterion = criteria.get(scorecardId)?.get(key);
    return criterionRow(
      scorecardId,
      key,
      criterion?.label,
      choices.length ? { ...sums, distribution: distribution(criterion, choices) } : sums,
    );
  });
  return { dimension: 'criterion', rows: out.sort(weakestFirst) };
}

export async function breakdownReport(db: Db, account: string, q: BreakdownQuery, pages?: PagePolicy): Promise<Breakdown> {
  const dimension = q.dimension;
  return dimension === 'criterion'
    ? criterionBreakdown(db, account, q, pages)
    : evaluationBreakdown(db, account, { ...q, dimension }, pages);
}

export async function rootCauseReport(db: Db, account: string, q: RootCauseQuery, pages?: PagePolicy): Promise<RootCauses> {
  // counts add up across pages: rows of the same cause are summed below
  const rows = await rootCauseCounts(db, account, q, pages);
  const criteria = await newestCriteria(db, account, [...new Set(rows.map((r) => r.scorecard_id))]);
  // the same label may carry different kinds in different criteria: count each (cause, kind) apart
  const counts = new Map<string, RootCauseCount>();
  for (const r of rows) {
    const criterion = criteria.get(r.scorecard_id)?.get(r.criterion_id);
    const kind = criterion ? (criterion.rootCauseKinds?.[r.cause] ?? 'agent-skill') : undefined;
    const id = `${r.cause}\u0000${kind ?? ''}`;
    const entry = counts.get(id) ?? { cause: r.cause, ...(kind === undefined ? {} : { kind }), count: 0 };
    entry.count += r.count;
    counts.set(id, entry);
  }
  return { items: [...counts.values()].sort((a, b) => b.count - a.count || a.cause.localeCompare(b.cause)) };
}

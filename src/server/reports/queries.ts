import {
  CRITERION_FAIL_BELOW,
  criterionRow,
  instantRange,
  summaryFromSums,
  trendPoints,
  weakestFirst,
  type Breakdown,
  type BreakdownDimension,
  type BreakdownQuery,
  type BreakdownRow,
  type CriterionSums,
  type EvaluationSums,
  type ReportFilters,
  type RootCauseCount,
  type RootCauseQuery,
  type RootCauses,
  type Summary,
  type Trend,
  type TrendQuery,
} from '../../core/reports.ts';
import { allCriteria, type Criterion, type ScorecardDefinition } from '../../core/scorecard.ts';
import type { Db } from '../db/db.ts';
import { foldIfPending } from './rollup.ts';
import { answersOf, pagedRows, pagePolicyFor, type PagePolicy } from './pages.ts';
import { chooseSource, evaluationsRelation, Params, SOURCES, SUMS_SELECT } from './sql.ts';

const SUM_FIELDS = ['count', 'scored', 'scoreSum', 'scoreSumSq', 'passes', 'criticalFails'] as const;

/** Rows of several pages with the same key added up (one page: the rows as they are). */
function mergeSums<T extends EvaluationSums & { key: string }>(rows: readonly T[]): T[] {
  const byKey = new Map<string, T>();
  for (const row of rows) {
    const seen = byKey.get(row.key);
    if (!seen) byKey.set(row.key, { ...row });
    else for (const field of SUM_FIELDS) seen[field] += row[field];
  }
  return [...byKey.values()];
}

/**
 * Sums grouped by `groupBy` (an expression over the source's columns), from the cheapest exact source; read from
 * the evaluations, in pages on PGlite (reports/pages.ts).
 */
async function groupedSums(
  db: Db,
  account: string,
  f: ReportFilters,
  groupBy: string,
  needsReviewee = false,
  pages: PagePolicy = pagePolicyFor(db),
): Promise<Array<EvaluationSums & { key: string }>> {
  const range = instantRange(f);
  const source = chooseSource(f, range, needsReviewee);
  const sql = (relation: string) => `SELECT ${groupBy} AS key, ${SUMS_SELECT} FROM ${relation} s GROUP BY 1 HAVING sum(evaluations) > 0`;
  if (source === 'evaluations') {
    return mergeSums(await pagedRows<EvaluationSums & { key: string }>(db, account, f, range, (_p, where) => sql(evaluationsRelation(where)), pages));
  }
  await foldIfPending(db);
  const p = new Params();
  return db.query(sql(SOURCES.rollup.relation(p, account, f, range)), p.values);
}

export async function summaryReport(db: Db, account: string, f: ReportFilters, pages?: PagePolicy): Promise<Summary> {
  const [row] = await groupedSums(db, account, f, `''`, false, pages);
  return summaryFromSums(row ?? { count: 0, scored: 0, scoreSum: 0, scoreSumSq: 0, passes: 0, criticalFails: 0 });
}

export async function trendReport(db: Db, account: string, q: TrendQuery, pages?: PagePolicy): Promise<Trend> {
  const rows = await groupedSums(db, account, q, `to_char(date_trunc('${q.period}', day::timestamp), 'YYYY-MM-DD')`, false, pages);
  return { period: q.period, points: trendPoints(q.period, new Map(rows.map((r) => [r.key, r])), instantRange(q)) };
}

type Labels = (db: Db, account: string, keys: string[]) => Promise<Map<string, string>>;

async function scorecardNames(db: Db, account: string, keys: string[]): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; name: string }>('SELECT id, name FROM scorecards WHERE account = $1 AND id = ANY($2::text[])', [
    account,
    keys,
  ]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The grouping column of each evaluation dimension; '0' and '' are the "not set" group and channel. */
const DIMENSIONS: Record<Exclude<BreakdownDimension, 'criterion'>, { column: string; none?: string; labels?: Labels }> = {
  reviewee: { column: 'reviewee_id::text' },
  group: { column: 'group_id::text', none: '0' },
  channel: { column: 'channel', none: '' },
  scorecard: { column: 'scorecard_id', labels: scorecardNames },
};

async function evaluationBreakdown(
  db: Db,
  account: string,
  q: BreakdownQuery & { dimension: keyof typeof DIMENSIONS },
  pages?: PagePolicy,
): Promise<Breakdown> {
  const dim = DIMENSIONS[q.dimension];
  const rows = await groupedSums(db, account, q, dim.column, q.dimension === 'reviewee', pages);
  const labels = dim.labels ? await dim.labels(db, account, rows.map((r) => r.key)) : new Map<string, string>();
  const out: BreakdownRow[] = rows.map(({ key, ...sums }) => {
    const none = key === dim.none;
    const label = none ? 'none' : labels.get(key);
    return { key: none ? '' : key, ...(label === undefined ? {} : { label }), ...summaryFromSums(sums) };
  });
  // weakest first, as for criteria: the rows a lead acts on come first
  out.sort(
    (a, b) =>
      (a.averageScore.value ?? Infinity) - (b.averageScore.value ?? Infinity) || b.count - a.count || a.key.localeCompare(b.key),
  );
  return { dimension: q.dimension, rows: out };
}

/** Each criterion of the given scorecards as its newest version defines it (ids are stable across versions). */
async function criteriaOf(db: Db, account: string, scorecardIds: string[]): Promise<Map<string, Map<string, Criterion>>> {
  const rows = await db.query<{ scorecard_id: string; definition: ScorecardDefinition }>(
    `SELECT scorecard_id, definition FROM scorecard_versions
     WHERE account = $1 AND scorecard_id = ANY($2::text[]) ORDER BY scorecard_id, version DESC`,
    [account, scorecardIds],
  );
  const out = new Map<string, Map<string, Criterion>>();
  for (const { scorecard_id, definition } of rows) {
    const criteria = out.get(scorecard_id) ?? new Map<string, Criterion>();
    out.set(scorecard_id, criteria);
    for (const { criterion } of allCriteria(definition)) if (!criteria.has(criterion.id)) criteria.set(criterion.id, criterion);
  }
  return out;
}

/**
 * A criterion's sums over one page, or over everything. Distinct reviewees do not add up across pages: a page gives
 * their ids (the union is counted after), everything gives the count.
 */
type CriterionPage = Omit<CriterionSums, 'reviewees' | 'revieweesFailing'> & {
  scorecardId: string;
  key: string;
  reviewees: number | Array<string | number> | null;
  revieweesFailing: number | Array<string | number> | null;
};

function mergeCriteria(rows: readonly CriterionPage[]): Array<CriterionSums & { scorecardId: string; key: string }> {
  const byKey = new Map<string, { row: CriterionPage; rated: Set<string>; failing: Set<string> }>();
  const ids = (v: CriterionPage['reviewees']) => (Array.isArray(v) ? v.map(String) : []);
  for (const row of rows) {
    const id = `${row.scorecardId}\u0000${row.key}`;
    const seen = byKey.get(id);
    if (!seen) {
      byKey.set(id, { row: { ...row }, rated: new Set(ids(row.reviewees)), failing: new Set(ids(row.revieweesFailing)) });
      continue;
    }
    for (const field of ['rated', 'na', 'fractionSum', 'fractionSumSq', 'fails'] as const) seen.row[field] += row[field];
    for (const r of ids(row.reviewees)) seen.rated.add(r);
    for (const r of ids(row.revieweesFailing)) seen.failing.add(r);
  }
  return [...byKey.values()].map(({ row, rated, failing }) => ({
    ...row,
    reviewees: typeof row.reviewees === 'number' ? row.reviewees : rated.size,
    revieweesFailing: typeof row.revieweesFailing === 'number' ? row.revieweesFailing : failing.size,
  }));
}

async function criterionBreakdown(db: Db, account: string, q: BreakdownQuery, pages?: PagePolicy): Promise<Breakdown> {
  const pageRows = await pagedRows<CriterionPage>(
    db,
    account,
    q,
    instantRange(q),
    (p, where, paged) => {
      const fail = `a.fraction < ${p.add(CRITERION_FAIL_BELOW)}`;
      const distinct = (filter: string) =>
        paged ? `array_agg(DISTINCT e.reviewee_id) FILTER (WHERE ${filter})` : `count(DISTINCT e.reviewee_id) FILTER (WHERE ${filter})::float8`;
      return `SELECT e.scorecard_id AS "scorecardId", a.criterion_id AS key,
         count(*) FILTER (WHERE NOT a.na)::float8 AS rated, count(*) FILTER (WHERE a.na)::float8 AS na,
         coalesce(sum(a.fraction), 0)::float8 AS "fractionSum", coalesce(sum(a.fraction * a.fraction), 0)::float8 AS "fractionSumSq",
         count(*) FILTER (WHERE ${fail})::float8 AS fails,
         ${distinct('NOT a.na')} AS reviewees, ${distinct(fail)} AS "revieweesFailing"
       FROM ${answersOf(paged)}
       WHERE ${where.join(' AND ')}
       GROUP BY 1, 2`;
    },
    pages,
  );
  const rows = mergeCriteria(pageRows);
  const criteria = await criteriaOf(db, account, [...new Set(rows.map((r) => r.scorecardId))]);
  const out = rows.map(({ scorecardId, key, ...sums }) =>
    criterionRow(scorecardId, key, criteria.get(scorecardId)?.get(key)?.label, sums),
  );
  return { dimension: 'criterion', rows: out.sort(weakestFirst) };
}

export async function breakdownReport(db: Db, account: string, q: BreakdownQuery, pages?: PagePolicy): Promise<Breakdown> {
  const dimension = q.dimension;
  return dimension === 'criterion' ? criterionBreakdown(db, account, q, pages) : evaluationBreakdown(db, account, { ...q, dimension }, pages);
}

export async function rootCauseReport(db: Db, account: string, q: RootCauseQuery, pages?: PagePolicy): Promise<RootCauses> {
  // counts add up across pages: rows of the same cause are summed below
  const rows = await pagedRows<{ scorecard_id: string; criterion_id: string; cause: string; count: number }>(
    db,
    account,
    q,
    instantRange(q),
    (p, where, paged) => {
      if (q.criterionId !== undefined) where.push(`a.criterion_id = ${p.add(q.criterionId)}`);
      return `SELECT e.scorecard_id, a.criterion_id, cause, count(*)::float8 AS count
       FROM ${answersOf(paged)} CROSS JOIN LATERAL unnest(a.root_causes) AS cause
       WHERE ${where.join(' AND ')}
       GROUP BY 1, 2, 3`;
    },
    pages,
  );
  const criteria = await criteriaOf(db, account, [...new Set(rows.map((r) => r.scorecard_id))]);
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

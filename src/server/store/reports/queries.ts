/**
 * The reports' reads: sums from the cheapest exact source (decision 008), and the answers' sums and root causes, in
 * pages on PGlite (pages.ts). Pages' partial results are merged here, so callers get one row per key.
 */
import {
  instantRange,
  type BreakdownDimension,
  type BreakdownQuery,
  type CriterionSums,
  type EvaluationSums,
  type ReportFilters,
  type ReportPeriod,
  type RootCauseQuery,
} from '../../../core/reports.ts';
import { allCriteria, type Criterion, type ScorecardDefinition } from '../../../core/scorecard.ts';
import type { Db } from '../../db/db.ts';
import { pagePolicyFor, type PagePolicy } from '../../limits/batches.ts';
import { foldIfPending } from './rollup.ts';
import { answersOf, pagedRows } from './pages.ts';
import { chooseSource, evaluationsRelation, Params, SOURCES, sumsSelect } from './sql.ts';

export type EvaluationDimension = Exclude<BreakdownDimension, 'criterion'>;

/** What sums are grouped by: nothing (one row), a trend period, or a dimension of the evaluations. */
export type SumsBy = 'total' | { period: ReportPeriod } | { dimension: EvaluationDimension };

/** The grouping column of each evaluation dimension. */
const DIMENSION_COLUMNS: Record<EvaluationDimension, string> = {
  reviewee: 'reviewee_id::text',
  group: 'group_id::text',
  channel: 'channel',
  scorecard: 'scorecard_id',
};

/** The key of the "not set" group and channel, as the sums sources spell them. */
export const UNSET_KEYS: Partial<Record<EvaluationDimension, string>> = { group: '0', channel: '' };

function groupByOf(by: SumsBy): string {
  if (by === 'total') return `''`;
  if ('period' in by) return `to_char(date_trunc('${by.period}', day::timestamp), 'YYYY-MM-DD')`;
  return DIMENSION_COLUMNS[by.dimension];
}

const SUM_FIELDS = ['count', 'scored', 'scoreSum', 'scoreSumSq', 'passes', 'criticalFails', 'bonusCount'] as const;

/** Rows of several pages with the same key added up (one page: the rows as they are). */
function mergeSums<T extends EvaluationSums & { key: string }>(rows: readonly T[]): T[] {
  const byKey = new Map<string, T>();
  for (const row of rows) {
    const seen = byKey.get(row.key);
    if (!seen) byKey.set(row.key, { ...row });
    else for (const field of SUM_FIELDS) seen[field] = (seen[field] ?? 0) + (row[field] ?? 0);
  }
  return [...byKey.values()];
}

/**
 * Sums grouped by `by`, from the cheapest exact source; read from the evaluations, in pages on PGlite (pages.ts).
 */
export async function sumsBy(
  db: Db,
  account: string,
  f: ReportFilters,
  by: SumsBy,
  pages: PagePolicy = pagePolicyFor(db),
): Promise<Array<EvaluationSums & { key: string }>> {
  const range = instantRange(f);
  const needsReviewee = typeof by === 'object' && 'dimension' in by && by.dimension === 'reviewee';
  const source = chooseSource(f, range, needsReviewee);
  const sql = (p: Params, relation: string) =>
    `SELECT ${groupByOf(by)} AS key, ${sumsSelect(p, account)} FROM ${relation} s GROUP BY 1 HAVING sum(evaluations) > 0`;
  if (source === 'evaluations') {
    return mergeSums(
      await pagedRows<EvaluationSums & { key: string }>(db, account, f, range, (p, where) => sql(p, evaluationsRelation(where)), pages),
    );
  }
  await foldIfPending(db);
  const p = new Params();
  return db.query(sql(p, SOURCES.rollup.relation(p, account, f, range)), p.values);
}

/** The names of the given scorecards, by id. */
export async function scorecardNames(db: Db, account: string, ids: string[]): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; name: string }>('SELECT id, name FROM scorecards WHERE account = $1 AND id = ANY($2::text[])', [
    account,
    ids,
  ]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Each criterion of the given scorecards as its newest version defines it (ids are stable across versions). */
export async function newestCriteria(db: Db, account: string, scorecardIds: string[]): Promise<Map<string, Map<string, Criterion>>> {
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

/** One reviewee's sums of one criterion, over one page or over everything. */
interface CriterionRevieweeRow {
  scorecardId: string;
  key: string;
  reviewee: string | number;
  rated: number;
  na: number;
  fractionSum: number;
  fractionSumSq: number;
  fails: number;
  /** A non-scoring criterion's rating (its choice) these rows answered, with how many; null for scoring answers. */
  choice: number | null;
  answered: number;
}

const REVIEWEE_FIELDS = ['rated', 'na', 'fractionSum', 'fractionSumSq', 'fails'] as const;

/** A criterion's sums, and a non-scoring criterion's answers per rating (its choices; empty for a scoring one). */
export type CriterionSumsRow = CriterionSums & { scorecardId: string; key: string; choices: Array<{ rating: number; count: number }> };

/**
 * Rows of (criterion, reviewee, choice), possibly repeated across pages, as one row per criterion with each reviewee's
 * counts and the choices' counts.
 */
function mergeCriteria(rows: readonly CriterionRevieweeRow[]): CriterionSumsRow[] {
  const byCriterion = new Map<
    string,
    { scorecardId: string; key: string; reviewees: Map<string, CriterionRevieweeRow>; choices: Map<number, number> }
  >();
  for (const row of rows) {
    const id = `${row.scorecardId}\u0000${row.key}`;
    const criterion = byCriterion.get(id) ?? { scorecardId: row.scorecardId, key: row.key, reviewees: new Map(), choices: new Map() };
    byCriterion.set(id, criterion);
    if (row.choice !== null) criterion.choices.set(row.choice, (criterion.choices.get(row.choice) ?? 0) + row.answered);
    const seen = criterion.reviewees.get(String(row.reviewee));
    if (!seen) criterion.reviewees.set(String(row.reviewee), { ...row });
    else for (const field of REVIEWEE_FIELDS) seen[field] += row[field];
  }
  return [...byCriterion.values()].map(({ scorecardId, key, reviewees, choices }) => {
    const list = [...reviewees.values()];
    const total = (field: (typeof REVIEWEE_FIELDS)[number]) => list.reduce((s, r) => s + r[field], 0);
    return {
      scorecardId,
      key,
      rated: total('rated'),
      na: total('na'),
      fractionSum: total('fractionSum'),
      fractionSumSq: total('fractionSumSq'),
      fails: total('fails'),
      byReviewee: list.map((r) => ({ id: Number(r.reviewee), rated: r.rated, fails: r.fails })),
      choices: [...choices].map(([rating, count]) => ({ rating, count })),
    };
  });
}

/**
 * Each criterion's sums (key: the criterion id) of each scorecard over the matching evaluations' scoring answers, with
 * each reviewee's rated answers and fails (what the systemic rule reads). A fail is the answer's stored outcome
 * (`failed`: countsAsFail, else below failBelow); a non-scoring criterion's answers are counted per choice instead
 * (in the same scan: its rows are grouped by rating too).
 */
export async function criterionSums(db: Db, account: string, q: BreakdownQuery, pages?: PagePolicy): Promise<CriterionSumsRow[]> {
  const pageRows = await pagedRows<CriterionRevieweeRow>(
    db,
    account,
    q,
    instantRange(q),
    (_p, where, paged) =>
      `SELECT e.scorecard_id AS "scorecardId", a.criterion_id AS key, e.reviewee_id AS reviewee,
         count(*) FILTER (WHERE NOT a.na AND a.scoring)::float8 AS rated, count(*) FILTER (WHERE a.na)::float8 AS na,
         coalesce(sum(a.fraction) FILTER (WHERE a.scoring), 0)::float8 AS "fractionSum",
         coalesce(sum(a.fraction * a.fraction) FILTER (WHERE a.scoring), 0)::float8 AS "fractionSumSq",
         count(*) FILTER (WHERE a.failed)::float8 AS fails,
         CASE WHEN NOT a.scoring AND NOT a.na THEN a.rating END AS choice, count(*) FILTER (WHERE NOT a.scoring AND NOT a.na)::float8 AS answered
       FROM ${answersOf(paged)}
       WHERE ${where.join(' AND ')}
       GROUP BY 1, 2, 3, 9`,
    pages,
  );
  return mergeCriteria(pageRows);
}

export interface RootCauseRow {
  scorecard_id: string;
  criterion_id: string;
  cause: string;
  count: number;
}

/** How often each root cause was given, per scorecard and criterion; the same cause may come once per page. */
export async function rootCauseCounts(db: Db, account: string, q: RootCauseQuery, pages?: PagePolicy): Promise<RootCauseRow[]> {
  return pagedRows<RootCauseRow>(
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
}

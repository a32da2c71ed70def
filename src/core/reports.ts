import { z } from 'zod';
import { MAX_BONUS_SCORE, RootCauseKind } from './scorecard.ts';
import { CalendarDate, IdText, Instant, safeText, ZendeskId } from './text.ts';
import { binomialAtLeast, distinguishable, meanFromSums, wilson, type Estimate } from './stats.ts';

/**
 * The report API contract (docs/decisions/008-report-rollups.md), shared by the service and the app. Calibration
 * evaluations and withdrawn ones never count in any figure.
 */

// query strings carry text: ids are coerced, dates are ISO calendar dates or full timestamps
const QueryId = z.coerce.number().pipe(ZendeskId);
/** A calendar date or a timestamp, from FIRST_DATE to LAST_DATE (text.ts). */
const QueryDate = z.union([CalendarDate, Instant]);

export const ReportFilters = z.strictObject({
  /** Inclusive; a date means the start of that day (UTC). */
  from: QueryDate.optional(),
  /** A date includes that whole day (UTC); a timestamp is an exclusive upper bound. */
  to: QueryDate.optional(),
  scorecardId: IdText.optional(),
  groupId: QueryId.optional(),
  channel: safeText(64).min(1).optional(),
  revieweeId: QueryId.optional(),
  reviewerId: QueryId.optional(),
});
export type ReportFilters = z.infer<typeof ReportFilters>;

export const ReportPeriod = z.enum(['week', 'month']);
export type ReportPeriod = z.infer<typeof ReportPeriod>;

export const TrendQuery = ReportFilters.extend({ period: ReportPeriod.default('week') });
export type TrendQuery = z.infer<typeof TrendQuery>;

export const BreakdownDimension = z.enum(['reviewee', 'group', 'channel', 'scorecard', 'criterion']);
export type BreakdownDimension = z.infer<typeof BreakdownDimension>;

export const BreakdownQuery = ReportFilters.extend({ dimension: BreakdownDimension });
export type BreakdownQuery = z.infer<typeof BreakdownQuery>;

export const RootCauseQuery = ReportFilters.extend({ criterionId: IdText.optional() });
export type RootCauseQuery = z.infer<typeof RootCauseQuery>;

/** A figure with its sample size and 95% interval (Wilson for rates, t for means); null when n = 0. */
export const Figure = z.object({
  value: z.number().nullable(),
  n: z.number().int().min(0),
  low: z.number().nullable(),
  high: z.number().nullable(),
});
export type Figure = z.infer<typeof Figure>;

export const Summary = z
  .object({
    count: z.number().int().min(0),
    /**
     * Mean final score (IQS), 0..100; with bonus scorecards up to their maxScore: a score above 100 counts as it is
     * (decision 027, "Reports with bonus").
     */
    averageScore: Figure,
    /** Share of scored evaluations that passed, 0..1. */
    passRate: Figure,
    /** Share of evaluations with at least one critical failure, 0..1. */
    criticalFailRate: Figure,
    /**
     * Evaluations among `count` scored with a scorecard that has bonus criteria (some version declares a maxScore), so
     * their scores may exceed 100: the app says how averages and pass rates treat them. Absent from older services.
     */
    bonusCount: z.number().int().min(0).optional(),
  })
  .meta({ id: 'Summary' });
export type Summary = z.infer<typeof Summary>;

export const TrendPoint = Summary.extend({
  /** First day of the period (ISO date; weeks start on Monday, UTC). */
  start: z.iso.date(),
});
export type TrendPoint = z.infer<typeof TrendPoint>;

export const Trend = z.object({ period: ReportPeriod, points: z.array(TrendPoint) }).meta({ id: 'Trend' });
export type Trend = z.infer<typeof Trend>;

export const BreakdownRow = Summary.extend({
  key: z.string(),
  label: z.string().optional(),
});
export type BreakdownRow = z.infer<typeof BreakdownRow>;

/**
 * Whose problem a criterion's failures are (decision 022, `failurePattern`): `systemic` when the agents fail it often
 * apart from any outlier (common cause: fix the process, training or product), `individual` when some agents fail
 * it far more often than the rest (special cause: coach them), `none` when neither holds with 95% confidence, and
 * `too-few` below the minimum sample.
 */
export const CriterionPattern = z.enum(['systemic', 'individual', 'none', 'too-few']);
export type CriterionPattern = z.infer<typeof CriterionPattern>;

/** A criterion's row: how well it is met, and whether a failure is one person's or everyone's. */
export const CriterionRow = z.object({
  /** The criterion id; ids are stable across versions, and a row is one scorecard's criterion. */
  key: z.string(),
  scorecardId: z.string(),
  label: z.string().optional(),
  /** Answers that were rated (N/A left out), a non-scoring criterion's answers included. */
  count: z.number().int().min(0),
  naCount: z.number().int().min(0),
  /** Mean score fraction of the rated answers, 0..1 (non-scoring answers left out). */
  averageFraction: Figure,
  /**
   * Share of rated answers that failed, 0..1: each answer's stored outcome (an option's countsAsFail, else its
   * fraction below the criterion's failBelow, 0.5 by default); non-scoring answers never count.
   */
  failRate: Figure,
  /** Reviewees rated on it, and how many of them failed it at least once. */
  reviewees: z.number().int().min(0),
  revieweesFailing: z.number().int().min(0),
  pattern: CriterionPattern,
  /** Reviewees who fail it far more often than the others (the special causes), and their ids. */
  outliers: z.number().int().min(0),
  outlierIds: z.array(z.number().int()),
  /** Fail rate of the other reviewees' answers, outliers left out: what the systemic rule tests. */
  commonFailRate: Figure,
  /** pattern === 'systemic' (kept for API clients that read the flag). */
  systemic: z.boolean(),
  /**
   * A non-scoring criterion's answers (decision 027), counted per choice in the scale's order: they have no mean and
   * no fail rate, so the row shows what was answered instead. Absent for scoring criteria.
   */
  distribution: z.array(z.object({ label: z.string(), count: z.number().int().min(0) })).optional(),
});
export type CriterionRow = z.infer<typeof CriterionRow>;

export const Breakdown = z
  .discriminatedUnion('dimension', [
    z.object({ dimension: BreakdownDimension.exclude(['criterion']), rows: z.array(BreakdownRow) }),
    z.object({ dimension: z.literal('criterion'), rows: z.array(CriterionRow) }),
  ])
  .meta({ id: 'Breakdown' });
export type Breakdown = z.infer<typeof Breakdown>;

export const RootCauseCount = z.object({
  cause: z.string(),
  kind: RootCauseKind.optional(),
  count: z.number().int().min(0),
});
export type RootCauseCount = z.infer<typeof RootCauseCount>;

export const RootCauses = z.object({ items: z.array(RootCauseCount) }).meta({ id: 'RootCauses' });
export type RootCauses = z.infer<typeof RootCauses>;

/** Half-open instant range [from, until) of the filters; null ends are open. */
export interface InstantRange {
  from: Date | null;
  until: Date | null;
}

const DAY_MS = 86_400_000;
const isDate = (s: string) => s.length === 10;

export function instantRange(filters: Pick<ReportFilters, 'from' | 'to'>): InstantRange {
  const from = filters.from === undefined ? null : new Date(isDate(filters.from) ? `${filters.from}T00:00:00Z` : filters.from);
  const to = filters.to;
  const until = to === undefined ? null : isDate(to) ? new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS) : new Date(to);
  return { from, until };
}

/** Whether both ends fall on UTC midnights, so daily rollups answer the range exactly. */
export function dayAligned(range: InstantRange): boolean {
  return [range.from, range.until].every((d) => d === null || d.getTime() % DAY_MS === 0);
}

/** First day of the period containing `day` (weeks start on Monday), as an ISO date. */
export function periodStart(day: string, period: ReportPeriod): string {
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (period === 'month') return `${day.slice(0, 7)}-01`;
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * DAY_MS).toISOString().slice(0, 10);
}

/** The start of the period after the one starting on `start`. */
export function nextPeriod(start: string, period: ReportPeriod): string {
  const d = new Date(`${start}T00:00:00Z`);
  if (period === 'week') return new Date(d.getTime() + 7 * DAY_MS).toISOString().slice(0, 10);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Report math: SQL returns sums, these turn them into figures.

/** Sufficient statistics of a set of evaluations, as SQL aggregates return them. */
export interface EvaluationSums {
  count: number;
  /** Evaluations with a final score (null when nothing was answered). */
  scored: number;
  scoreSum: number;
  scoreSumSq: number;
  passes: number;
  criticalFails: number;
  /** Of `count`, evaluations of scorecards with bonus criteria (scores may exceed 100). */
  bonusCount?: number;
}

// a mean's interval is clipped to what a score can be: 0..100, or up to MAX_BONUS_SCORE (the highest maxScore a card
// may declare) when bonus scorecards count
const SCORE_BOUNDS = { min: 0, max: 100 };
const BONUS_SCORE_BOUNDS = { min: 0, max: MAX_BONUS_SCORE };

export function summaryFromSums(s: EvaluationSums): Summary {
  return {
    count: s.count,
    averageScore: meanFromSums(s.scored, s.scoreSum, s.scoreSumSq, s.bonusCount ? BONUS_SCORE_BOUNDS : SCORE_BOUNDS),
    passRate: wilson(s.passes, s.scored),
    criticalFailRate: wilson(s.criticalFails, s.count),
    ...(s.bonusCount ? { bonusCount: s.bonusCount } : {}),
  };
}

/** One reviewee's rated answers to one criterion, and how many of them failed. */
export interface RevieweeFails {
  /** The reviewee, to name outliers. */
  id?: number;
  rated: number;
  fails: number;
}

/**
 * Sufficient statistics of one criterion's scoring answers, with each reviewee's rated answers and fails (each
 * answer's stored `failed` flag: the same rule as the critical check, decision 027).
 */
export interface CriterionSums {
  rated: number;
  na: number;
  fractionSum: number;
  fractionSumSq: number;
  fails: number;
  byReviewee: readonly RevieweeFails[];
  /** A non-scoring criterion's answers per choice; `rated` and the rest count scoring answers only. */
  distribution?: ReadonlyArray<{ label: string; count: number }>;
}

/**
 * The systemic-or-individual rule (decision 022), a p-chart's reading of common and special causes:
 * - below `minRated` rated answers or `minReviewees` agents rated on the criterion there is not enough data;
 * - an agent is an outlier (special cause) when their fails are improbable at the team's pooled fail rate: exact
 *   one-sided binomial p-value below `outlierAlpha` split over the agents (Bonferroni), so a 5% chance at most that
 *   the team has a false outlier;
 * - the criterion is systemic (common cause) when the other agents' answers fail at a rate whose 95% Wilson lower
 *   bound is at least `systemicFailRate`;
 * - else individual when there is an outlier, and no pattern when there is none.
 */
export const PATTERN_RULE = { minRated: 30, minReviewees: 5, outlierAlpha: 0.05, systemicFailRate: 0.15 } as const;
export type PatternRule = { [K in keyof typeof PATTERN_RULE]: number };

export interface FailurePattern {
  pattern: CriterionPattern;
  outliers: number;
  /** The outliers' ids, of those given one. */
  outlierIds: number[];
  commonFailRate: Estimate;
}

/** Whose problem a criterion's failures are, from each reviewee's answers to it (PATTERN_RULE). */
export function failurePattern(byReviewee: readonly RevieweeFails[], rule: PatternRule = PATTERN_RULE): FailurePattern {
  const rated = byReviewee.filter((r) => r.rated > 0);
  const total = rated.reduce((s, r) => s + r.rated, 0);
  const fails = rated.reduce((s, r) => s + r.fails, 0);
  if (total < rule.minRated || rated.length < rule.minReviewees)
    return { pattern: 'too-few', outliers: 0, outlierIds: [], commonFailRate: wilson(fails, total) };
  const pooled = fails / total;
  const cut = rule.outlierAlpha / rated.length;
  const outlier = (r: RevieweeFails) => binomialAtLeast(r.fails, r.rated, pooled) < cut;
  const common = rated.filter((r) => !outlier(r));
  const outliers = rated.length - common.length;
  const outlierIds = rated.filter((r) => r.id !== undefined && !common.includes(r)).map((r) => r.id!);
  const commonFailRate = wilson(
    common.reduce((s, r) => s + r.fails, 0),
    common.reduce((s, r) => s + r.rated, 0),
  );
  const systemic = commonFailRate.low !== null && commonFailRate.low >= rule.systemicFailRate;
  return { pattern: systemic ? 'systemic' : outliers > 0 ? 'individual' : 'none', outliers, outlierIds, commonFailRate };
}

export function criterionRow(scorecardId: string, key: string, label: string | undefined, s: CriterionSums): CriterionRow {
  const { pattern, outliers, outlierIds, commonFailRate } = failurePattern(s.byReviewee);
  return {
    key,
    scorecardId,
    ...(label === undefined ? {} : { label }),
    count: s.rated + (s.distribution ?? []).reduce((n, d) => n + d.count, 0),
    naCount: s.na,
    averageFraction: meanFromSums(s.rated, s.fractionSum, s.fractionSumSq, { min: 0, max: 1 }),
    failRate: wilson(s.fails, s.rated),
    reviewees: s.byReviewee.filter((r) => r.rated > 0).length,
    revieweesFailing: s.byReviewee.filter((r) => r.fails > 0).length,
    pattern,
    outliers,
    outlierIds,
    commonFailRate,
    systemic: pattern === 'systemic',
    ...(s.distribution ? { distribution: [...s.distribution] } : {}),
  };
}

/** Weakest first: lowest average fraction, then highest fail rate; rows without ratings last. */
export function weakestFirst(a: CriterionRow, b: CriterionRow): number {
  const av = a.averageFraction.value ?? Infinity;
  const bv = b.averageFraction.value ?? Infinity;
  if (av !== bv) return av - bv;
  return (b.failRate.value ?? -1) - (a.failRate.value ?? -1) || a.key.localeCompare(b.key) || a.scorecardId.localeCompare(b.scorecardId);
}

/** For a ranked list: can row i be told apart from each of its neighbours? */
export function rankDistinct(figures: readonly Estimate[]): boolean[] {
  return figures.map((f, i) => {
    const prev = figures[i - 1];
    const next = figures[i + 1];
    return (prev === undefined || distinguishable(prev, f)) && (next === undefined || distinguishable(f, next));
  });
}

const NO_SUMS: EvaluationSums = { count: 0, scored: 0, scoreSum: 0, scoreSumSq: 0, passes: 0, criticalFails: 0 };
const MAX_TREND_POINTS = 1000;

/**
 * One point per period from the range's first to its last period (the data's own span when a
 * range end is open), empty periods included so charts keep their time axis.
 */
export function trendPoints(period: ReportPeriod, sums: ReadonlyMap<string, EvaluationSums>, range: InstantRange): TrendPoint[] {
  const known = [...sums.keys()].sort();
  const first = range.from ? periodStart(range.from.toISOString(), period) : known[0];
  const lastDay = range.until ? new Date(range.until.getTime() - 1).toISOString() : known.at(-1);
  if (first === undefined || lastDay === undefined) return [];
  const last = periodStart(lastDay, period);
  const points: TrendPoint[] = [];
  for (let start = first; start <= last && points.length < MAX_TREND_POINTS; start = nextPeriod(start, period)) {
    points.push({ start, ...summaryFromSums(sums.get(start) ?? NO_SUMS) });
  }
  return points;
}

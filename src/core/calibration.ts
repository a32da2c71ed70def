/**
 * Calibration (docs/decisions/010-report-tabs.md, 011-sidebar-calibration-and-coaching.md): several reviewers score
 * the same ticket blind; each is compared with the baseline reviewer, and all with each other through Krippendorff's
 * alpha (ordinal, N/A as missing). The statistic for each question comes with its interval and n, and is null with a
 * reason where undefined: alpha per criterion at the level its scale supports, Cohen's kappa between two reviewers and
 * of each reviewer against the baseline (quadratic weights when the scales are ordered), Fleiss' kappa for three or more.
 */
import { z } from 'zod';
import type { Answers } from './answers.ts';
import { AlphaEstimate, alphaLevelForScale, codeRatings, criterionAgreement, krippendorffAlphaInterval } from './alpha.ts';
import { cohenKappa, fleissKappaInterval, Kappa, type KappaWeights } from './kappa.ts';
import { allCriteria, type Scale, scaleOptions, type ScorecardDefinition } from './scorecard.ts';
import { Agreement, type AlphaLevel, krippendorffAlpha } from './stats.ts';
import { IdText, PositiveInt32, safeText, ZendeskId } from './text.ts';

/** One reviewer's calibration evaluation of the session's ticket. */
export interface CalibrationSubmission {
  reviewerId: number;
  answers: Answers;
  finalScore: number | null;
}

/** Alpha with its bootstrap interval and the level of measurement it was computed at. */
export const LeveledAlpha = AlphaEstimate.extend({ level: z.enum(['nominal', 'ordinal', 'interval', 'ratio']) });
export type LeveledAlpha = z.infer<typeof LeveledAlpha>;

/** A kappa and the weights it used (quadratic where the criteria's scales are ordered, unweighted otherwise). */
export const WeightedKappa = Kappa.extend({ weights: z.enum(['unweighted', 'linear', 'quadratic']) });
export type WeightedKappa = z.infer<typeof WeightedKappa>;

export const CriterionDeviation = z.object({
  criterionId: z.string(),
  /** The answer as a score fraction; null for N/A or unanswered. */
  fraction: z.number().nullable(),
  /** (fraction - baseline's) in score points (x 100); null when either is N/A. */
  deviation: z.number().nullable(),
});
export type CriterionDeviation = z.infer<typeof CriterionDeviation>;

export const ReviewerDeviation = z.object({
  reviewerId: z.number(),
  baseline: z.boolean(),
  finalScore: z.number().nullable(),
  /** finalScore - the baseline's. */
  scoreDeviation: z.number().nullable(),
  criteria: z.array(CriterionDeviation),
  /** Criteria both answered (not N/A), and how many of those got the same answer. */
  compared: z.number().int(),
  matched: z.number().int(),
  /** Mean |deviation| over the compared criteria, in points. */
  meanAbsoluteDeviation: z.number().nullable(),
  /** Cohen's kappa against the baseline over the criteria both answered; absent for the baseline itself. */
  kappa: WeightedKappa.optional(),
});
export type ReviewerDeviation = z.infer<typeof ReviewerDeviation>;

export const CriterionSpread = z.object({
  criterionId: z.string(),
  label: z.string(),
  sectionId: z.string(),
  /** Highest minus lowest fraction among reviewers who answered (x 100); null for a non-scoring criterion's choices. */
  spread: z.number().nullable(),
  /** Share of reviewer pairs (both answered) who gave different answers. */
  disagreement: z.number().nullable(),
  pairs: z.number().int(),
  /** Alpha on this criterion's option labels at the level its scale supports; the session's ticket is one unit. */
  agreement: LeveledAlpha.optional(),
});
export type CriterionSpread = z.infer<typeof CriterionSpread>;

export const CalibrationReport = z.object({
  baselineReviewerId: z.number(),
  baselineSubmitted: z.boolean(),
  reviewers: z.array(ReviewerDeviation),
  criteria: z.array(CriterionSpread),
  /** Agreement over the session's criteria (units) between all reviewers (ordinal on fractions). */
  alpha: Agreement,
  /**
   * Alpha over the scoring criteria as units, on the options' categories at the level the scales support (interval on
   * the fractions when every scale is points or percent), with its interval.
   */
  agreement: LeveledAlpha.optional(),
  /** Exactly two reviewers submitted: Cohen's kappa between them over the criteria. */
  cohen: WeightedKappa.optional(),
  /**
   * Three or more reviewers submitted: Fleiss' kappa over the scoring criteria (undefined, with a reason, unless all
   * rated every one), with a percentile bootstrap interval over the criteria.
   */
  fleiss: Kappa.optional(),
});
export type CalibrationReport = z.infer<typeof CalibrationReport>;

interface JudgedCriterion {
  id: string;
  label: string;
  sectionId: string;
  fractions: number[];
  scale: Scale;
  labels: string[];
  /** false for a non-scoring criterion: its choices have no points, so it is compared on its own, never in a deviation. */
  scoring: boolean;
}

/** Criteria a person judges: metric criteria are scored from the ticket, so they always agree. */
function judgedCriteria(card: Pick<ScorecardDefinition, 'sections'>): JudgedCriterion[] {
  return allCriteria(card)
    .filter(({ criterion }) => !criterion.metric)
    .map(({ section, criterion }) => ({
      id: criterion.id,
      label: criterion.label,
      sectionId: section.id,
      fractions: scaleOptions(criterion.scale).map((o) => o.fraction),
      scale: criterion.scale,
      labels: scaleOptions(criterion.scale).map((o) => o.label),
      scoring: criterion.scoring !== false,
    }));
}

function fractionOf(criterion: JudgedCriterion, answers: Answers): number | null {
  const answer = answers.find((a) => a.criterionId === criterion.id);
  if (!answer || answer.rating === undefined) return null;
  return criterion.fractions[answer.rating] ?? null;
}

function labelOf(criterion: JudgedCriterion, answers: Answers): string | null {
  const answer = answers.find((a) => a.criterionId === criterion.id);
  if (!answer || answer.rating === undefined) return null;
  return criterion.labels[answer.rating] ?? null;
}

/**
 * The categories that compare answers across criteria: the option labels (ordered by fraction) when every judged
 * criterion has the same ones, else the fractions themselves; nominal (unweighted) when a scale is, interval when every
 * scale is points or percent, else ordinal (both with quadratic weights).
 */
function sessionCoding(criteria: readonly JudgedCriterion[]): {
  code: (c: JudgedCriterion, answers: Answers) => string | number | null;
  categories: Array<string | number>;
  level: AlphaLevel;
  weights: KappaWeights;
} {
  const levels = new Set(criteria.map((c) => alphaLevelForScale(c.scale)));
  const nominal = levels.has('nominal');
  const level: AlphaLevel = nominal ? 'nominal' : levels.size === 1 && levels.has('interval') ? 'interval' : 'ordinal';
  const weights: KappaWeights = nominal ? 'unweighted' : 'quadratic';
  const byFraction = (c: JudgedCriterion) =>
    scaleOptions(c.scale)
      .slice()
      .sort((a, b) => a.fraction - b.fraction)
      .map((o) => o.label);
  const first = criteria[0] ? byFraction(criteria[0]) : [];
  const shared = criteria.every((c) => {
    const labels = byFraction(c);
    return labels.length === first.length && labels.every((l, i) => l === first[i]);
  });
  if (shared && new Set(first).size === first.length) return { code: labelOf, categories: first, level, weights };
  const categories = [...new Set(criteria.flatMap((c) => c.fractions))].sort((a, b) => a - b);
  return { code: fractionOf, categories, level, weights };
}

/** A fraction difference in score points, rounded off float noise. */
const points = (fraction: number) => round(fraction * 100);
const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** Pairs of present values, and how many of them differ. */
function pairCounts(values: ReadonlyArray<number | null>): { pairs: number; differing: number } {
  const present = values.filter((v): v is number => v !== null);
  let pairs = 0;
  let differing = 0;
  for (let i = 0; i < present.length; i++) {
    for (let j = i + 1; j < present.length; j++) {
      pairs++;
      if (present[i] !== present[j]) differing++;
    }
  }
  return { pairs, differing };
}

/** The report of one session; reviewers in the order given, baseline first. */
export function calibrationReport(
  card: Pick<ScorecardDefinition, 'sections'>,
  baselineReviewerId: number,
  submissions: readonly CalibrationSubmission[],
): CalibrationReport {
  const judged = judgedCriteria(card);
  // a non-scoring criterion has no points to deviate by: compared on its own (its spread and alpha) only
  const criteria = judged.filter((c) => c.scoring);
  const ordered = [...submissions].sort(
    (a, b) => Number(b.reviewerId === baselineReviewerId) - Number(a.reviewerId === baselineReviewerId),
  );
  const matrix = ordered.map((s) => criteria.map((c) => fractionOf(c, s.answers)));
  const baseline = ordered[0]?.reviewerId === baselineReviewerId ? ordered[0] : undefined;
  const baselineRow = baseline ? matrix[0]! : null;
  const coding = sessionCoding(criteria);
  const coded = ordered.map((s) => criteria.map((c) => coding.code(c, s.answers)));
  const kappaOf = (a: number, b: number): WeightedKappa => ({
    ...cohenKappa(coded[a]!, coded[b]!, { weights: coding.weights, categories: coding.categories }),
    weights: coding.weights,
  });

  const reviewers = ordered.map((s, r): ReviewerDeviation => {
    const row = matrix[r]!;
    const perCriterion = criteria.map((c, i): CriterionDeviation => {
      const mine = row[i]!;
      const theirs = baselineRow?.[i] ?? null;
      return { criterionId: c.id, fraction: mine, deviation: mine === null || theirs === null ? null : points(mine - theirs) };
    });
    const compared = perCriterion.filter((c) => c.deviation !== null);
    return {
      reviewerId: s.reviewerId,
      baseline: s.reviewerId === baselineReviewerId,
      finalScore: s.finalScore,
      scoreDeviation: s.finalScore === null || baseline?.finalScore == null ? null : round(s.finalScore - baseline.finalScore),
      criteria: perCriterion,
      compared: compared.length,
      matched: compared.filter((c) => c.deviation === 0).length,
      meanAbsoluteDeviation: compared.length ? round(compared.reduce((sum, c) => sum + Math.abs(c.deviation!), 0) / compared.length) : null,
      ...(baseline && r > 0 ? { kappa: kappaOf(0, r) } : {}),
    };
  });

  const spreads = judged.map((c): CriterionSpread => {
    const column = ordered.map((s) => fractionOf(c, s.answers));
    const present = column.filter((v): v is number => v !== null);
    const { pairs, differing } = pairCounts(column);
    return {
      criterionId: c.id,
      label: c.label,
      sectionId: c.sectionId,
      spread: present.length && c.scoring ? points(Math.max(...present) - Math.min(...present)) : null,
      disagreement: pairs ? differing / pairs : null,
      pairs,
      agreement: criterionAgreement([ordered.map((s) => labelOf(c, s.answers))], c.scale),
    };
  });

  const units = criteria.map((_, i) => coded.map((row) => row[i] ?? null));
  // interval: distances are the fractions' own (points of different maxima compare by share); else category codes
  const alphaUnits =
    coding.level === 'interval' ? criteria.map((_, i) => matrix.map((row) => row[i] ?? null)) : codeRatings(units, coding.categories);
  const agreement: LeveledAlpha = { ...krippendorffAlphaInterval(alphaUnits, coding.level), level: coding.level };
  return {
    baselineReviewerId,
    baselineSubmitted: baseline !== undefined,
    reviewers,
    criteria: spreads,
    alpha: krippendorffAlpha(
      criteria.map((_, i) => matrix.map((row) => row[i])),
      'ordinal',
    ),
    agreement,
    ...(ordered.length === 2 ? { cohen: kappaOf(0, 1) } : {}),
    ...(ordered.length >= 3 ? { fleiss: fleissKappaInterval(units, coding.categories) } : {}),
  };
}

/** A finished session, for the view over time. */
export interface CalibrationHistoryEntry {
  card: Pick<ScorecardDefinition, 'sections'>;
  baselineReviewerId: number;
  submissions: readonly CalibrationSubmission[];
}

export const CriterionDisagreement = z.object({
  criterionId: z.string(),
  label: z.string(),
  sessions: z.number().int(),
  /** Share of differing reviewer pairs over all sessions. */
  disagreement: z.number().nullable(),
  pairs: z.number().int(),
  /** Agreement on this criterion with each session's answers as one unit. */
  alpha: Agreement,
});
export type CriterionDisagreement = z.infer<typeof CriterionDisagreement>;

export const ReviewerBias = z.object({
  reviewerId: z.number(),
  sessions: z.number().int(),
  /** Mean finalScore - baseline's: below 0 is harsher than the baseline, above 0 more lenient. */
  meanScoreDeviation: z.number().nullable(),
  meanAbsoluteDeviation: z.number().nullable(),
});
export type ReviewerBias = z.infer<typeof ReviewerBias>;

/** Over sessions: the criteria reviewers disagree on most (first), and each reviewer's lean (`GET /calibration-sessions/history`). */
export const CalibrationHistory = z
  .object({
    sessions: z.number().int().describe('finished sessions counted'),
    criteria: z.array(CriterionDisagreement),
    reviewers: z.array(ReviewerBias),
  })
  .meta({ id: 'CalibrationHistory' });
export type CalibrationHistory = z.infer<typeof CalibrationHistory>;

/**
 * The level of a criterion's alpha over sessions, on its answers' fractions: its scale's (alphaLevelForScale); when its
 * scale changed between sessions, nominal if any version was, else ordinal (fractions still order the answers).
 */
function historyLevel(levels: ReadonlySet<AlphaLevel>): AlphaLevel {
  if (levels.size === 1) return [...levels][0]!;
  return levels.has('nominal') ? 'nominal' : 'ordinal';
}

/** Over sessions: the criteria reviewers disagree on most (first), and each reviewer's lean. */
export function calibrationHistory(sessions: readonly CalibrationHistoryEntry[]): Omit<CalibrationHistory, 'sessions'> {
  const byCriterion = new Map<
    string,
    { label: string; units: Array<Array<number | null>>; pairs: number; differing: number; levels: Set<AlphaLevel> }
  >();
  const byReviewer = new Map<number, { sessions: number; score: number[]; abs: number[] }>();
  for (const session of sessions) {
    const criteria = judgedCriteria(session.card);
    for (const c of criteria) {
      const column = session.submissions.map((s) => fractionOf(c, s.answers));
      const entry = byCriterion.get(c.id) ?? { label: c.label, units: [], pairs: 0, differing: 0, levels: new Set<AlphaLevel>() };
      entry.levels.add(alphaLevelForScale(c.scale));
      const { pairs, differing } = pairCounts(column);
      entry.units.push(column);
      entry.pairs += pairs;
      entry.differing += differing;
      entry.label = c.label;
      byCriterion.set(c.id, entry);
    }
    for (const r of calibrationReport(session.card, session.baselineReviewerId, session.submissions).reviewers) {
      if (r.baseline) continue;
      const entry = byReviewer.get(r.reviewerId) ?? { sessions: 0, score: [], abs: [] };
      entry.sessions++;
      if (r.scoreDeviation !== null) entry.score.push(r.scoreDeviation);
      if (r.meanAbsoluteDeviation !== null) entry.abs.push(r.meanAbsoluteDeviation);
      byReviewer.set(r.reviewerId, entry);
    }
  }
  const avg = (xs: number[]) => (xs.length ? round(xs.reduce((s, x) => s + x, 0) / xs.length) : null);
  const criteria = [...byCriterion.entries()]
    .map(([criterionId, e]) => ({
      criterionId,
      label: e.label,
      sessions: e.units.length,
      disagreement: e.pairs ? e.differing / e.pairs : null,
      pairs: e.pairs,
      alpha: krippendorffAlpha(e.units, historyLevel(e.levels)),
    }))
    .sort((a, b) => (b.disagreement ?? -1) - (a.disagreement ?? -1) || a.label.localeCompare(b.label));
  const reviewers = [...byReviewer.entries()]
    .map(([reviewerId, e]) => ({ reviewerId, sessions: e.sessions, meanScoreDeviation: avg(e.score), meanAbsoluteDeviation: avg(e.abs) }))
    .sort((a, b) => a.reviewerId - b.reviewerId);
  return { criteria, reviewers };
}

// ---------------------------------------------------------------------------------------------
// API contract of calibration sessions

export const CalibrationSessionCreate = z
  .strictObject({
    ticketId: ZendeskId,
    scorecardId: IdText,
    version: PositiveInt32,
    reviewerIds: z.array(ZendeskId).min(2, 'invite at least two reviewers').max(50),
    baselineReviewerId: ZendeskId,
    title: safeText(200).trim().default(''),
  })
  .superRefine((s, ctx) => {
    if (new Set(s.reviewerIds).size !== s.reviewerIds.length)
      ctx.addIssue({ code: 'custom', path: ['reviewerIds'], message: 'a reviewer is invited twice' });
    if (!s.reviewerIds.includes(s.baselineReviewerId)) {
      ctx.addIssue({ code: 'custom', path: ['baselineReviewerId'], message: 'the baseline reviewer must be one of reviewerIds' });
    }
  });
export type CalibrationSessionCreate = z.infer<typeof CalibrationSessionCreate>;

export const CalibrationSessionStatus = z.enum(['open', 'closed']);
export type CalibrationSessionStatus = z.infer<typeof CalibrationSessionStatus>;

/** A session as the service returns it; `submitted` lists who has scored (not what). */
export const CalibrationSession = z
  .object({
    id: z.string(),
    ticketId: z.number(),
    scorecardId: z.string(),
    version: z.number().int(),
    reviewerIds: z.array(z.number()),
    baselineReviewerId: z.number(),
    title: z.string(),
    status: CalibrationSessionStatus,
    createdBy: z.number(),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
    submitted: z.array(z.number()),
  })
  .meta({ id: 'CalibrationSession' });
export type CalibrationSession = z.infer<typeof CalibrationSession>;

export const CalibrationSessionList = z.object({ items: z.array(CalibrationSession) }).meta({ id: 'CalibrationSessionList' });

export const CalibrationListQuery = z.strictObject({
  ticketId: z.coerce.number().pipe(ZendeskId).optional(),
  status: CalibrationSessionStatus.optional(),
  /** Only sessions the asking user is invited to. */
  mine: z.enum(['true', 'false']).optional(),
});
export type CalibrationListQuery = z.infer<typeof CalibrationListQuery>;

/** `GET /calibration-sessions/{id}/report`. */
export const CalibrationSessionReport = z
  .object({
    session: CalibrationSession,
    report: CalibrationReport,
    evaluations: z.array(z.object({ reviewerId: z.number(), evaluationId: z.string(), finalScore: z.number().nullable() })),
  })
  .meta({ id: 'CalibrationSessionReport' });
export type CalibrationSessionReport = z.infer<typeof CalibrationSessionReport>;

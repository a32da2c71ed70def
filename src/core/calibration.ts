/**
 * Calibration (docs/decisions/010-report-tabs.md, 011-sidebar-calibration-and-coaching.md): several reviewers score
 * the same ticket blind; each is compared with the baseline reviewer, and all with each other through Krippendorff's
 * alpha (ordinal, N/A as missing).
 */
import { z } from 'zod';
import type { Answers } from './answers.ts';
import { allCriteria, scaleOptions, type ScorecardDefinition } from './scorecard.ts';
import { Agreement, krippendorffAlpha } from './stats.ts';
import { IdText, PositiveInt32, safeText, ZendeskId } from './text.ts';

/** One reviewer's calibration evaluation of the session's ticket. */
export interface CalibrationSubmission {
  reviewerId: number;
  answers: Answers;
  finalScore: number | null;
}

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
});
export type ReviewerDeviation = z.infer<typeof ReviewerDeviation>;

export const CriterionSpread = z.object({
  criterionId: z.string(),
  label: z.string(),
  sectionId: z.string(),
  /** Highest minus lowest fraction among reviewers who answered (x 100). */
  spread: z.number().nullable(),
  /** Share of reviewer pairs (both answered) who gave different answers. */
  disagreement: z.number().nullable(),
  pairs: z.number().int(),
});
export type CriterionSpread = z.infer<typeof CriterionSpread>;

export const CalibrationReport = z.object({
  baselineReviewerId: z.number(),
  baselineSubmitted: z.boolean(),
  reviewers: z.array(ReviewerDeviation),
  criteria: z.array(CriterionSpread),
  /** Agreement over the session's criteria (units) between all reviewers. */
  alpha: Agreement,
});
export type CalibrationReport = z.infer<typeof CalibrationReport>;

interface JudgedCriterion {
  id: string;
  label: string;
  sectionId: string;
  fractions: number[];
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
    }));
}

function fractionOf(criterion: JudgedCriterion, answers: Answers): number | null {
  const answer = answers.find((a) => a.criterionId === criterion.id);
  if (!answer || answer.rating === undefined) return null;
  return criterion.fractions[answer.rating] ?? null;
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
  const criteria = judgedCriteria(card);
  const ordered = [...submissions].sort(
    (a, b) => Number(b.reviewerId === baselineReviewerId) - Number(a.reviewerId === baselineReviewerId),
  );
  const matrix = ordered.map((s) => criteria.map((c) => fractionOf(c, s.answers)));
  const baseline = ordered[0]?.reviewerId === baselineReviewerId ? ordered[0] : undefined;
  const baselineRow = baseline ? matrix[0]! : null;

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
    };
  });

  const spreads = criteria.map((c, i): CriterionSpread => {
    const column = matrix.map((row) => row[i]!);
    const present = column.filter((v): v is number => v !== null);
    const { pairs, differing } = pairCounts(column);
    return {
      criterionId: c.id,
      label: c.label,
      sectionId: c.sectionId,
      spread: present.length ? points(Math.max(...present) - Math.min(...present)) : null,
      disagreement: pairs ? differing / pairs : null,
      pairs,
    };
  });

  return {
    baselineReviewerId,
    baselineSubmitted: baseline !== undefined,
    reviewers,
    criteria: spreads,
    alpha: krippendorffAlpha(
      criteria.map((_, i) => matrix.map((row) => row[i])),
      'ordinal',
    ),
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

/** Over sessions: the criteria reviewers disagree on most (first), and each reviewer's lean. */
export function calibrationHistory(sessions: readonly CalibrationHistoryEntry[]): Omit<CalibrationHistory, 'sessions'> {
  const byCriterion = new Map<string, { label: string; units: Array<Array<number | null>>; pairs: number; differing: number }>();
  const byReviewer = new Map<number, { sessions: number; score: number[]; abs: number[] }>();
  for (const session of sessions) {
    const criteria = judgedCriteria(session.card);
    for (const c of criteria) {
      const column = session.submissions.map((s) => fractionOf(c, s.answers));
      const entry = byCriterion.get(c.id) ?? { label: c.label, units: [], pairs: 0, differing: 0 };
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
      alpha: krippendorffAlpha(e.units, 'ordinal'),
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

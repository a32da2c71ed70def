/** Calibration in the sidebar: which session waits for this reviewer, what a calibration submit adds, the report in short. */
import type { CalibrationSession, CalibrationSessionReport } from '../../core/calibration.ts';
import type { Evaluation } from '../../core/evaluation.ts';

/** The open session on this ticket the reviewer has not scored yet (the service lists only sessions they are invited to). */
export const waitingSession = (sessions: readonly CalibrationSession[], userId: number): CalibrationSession | undefined =>
  sessions.find((s) => s.status === 'open' && !s.submitted.includes(userId));

/** The sessions with `userId` counted as submitted to `sessionId`, once the service has their evaluation. */
export const markSubmitted = (sessions: readonly CalibrationSession[], sessionId: string, userId: number): CalibrationSession[] =>
  sessions.map((s) =>
    s.id === sessionId && !s.submitted.includes(userId) ? { ...s, submitted: [...s.submitted, userId].sort((a, b) => a - b) } : s,
  );

/** What a create body adds for a calibration draft: the service then checks the session, ticket and version. */
export const calibrationFields = (draft: {
  calibrationSessionId?: string | undefined;
}): { kind?: 'calibration'; calibrationSessionId?: string } =>
  draft.calibrationSessionId ? { kind: 'calibration', calibrationSessionId: draft.calibrationSessionId } : {};

export const isCalibration = (e: Pick<Evaluation, 'kind'>): boolean => e.kind === 'calibration';

/** The evaluation the ticket's fields should show: the latest review still standing (calibration never counts). */
export const standingReview = (evaluations: readonly Evaluation[]): Evaluation | null =>
  [...evaluations].filter((e) => !isCalibration(e) && e.status !== 'withdrawn').sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0] ??
  null;

export interface ReportRow {
  reviewerId: number;
  you: boolean;
  baseline: boolean;
  finalScore: number | null;
  /** Final score minus the baseline's, in points. */
  deviation: number | null;
}

export interface ReportSummary {
  submitted: number;
  invited: number;
  /** null when it cannot be computed yet (too few answers, or no variation at all). */
  alpha: number | null;
  rows: ReportRow[];
}

/** The report as the sidebar shows it: the baseline first, then you, then the others by id. */
export function summarizeReport(r: CalibrationSessionReport, userId: number): ReportSummary {
  const rows = r.report.reviewers.map((x) => ({
    reviewerId: x.reviewerId,
    you: x.reviewerId === userId,
    baseline: x.baseline,
    finalScore: x.finalScore,
    deviation: x.baseline ? null : x.scoreDeviation,
  }));
  const rank = (x: ReportRow) => (x.baseline ? 0 : x.you ? 1 : 2);
  rows.sort((a, b) => rank(a) - rank(b) || a.reviewerId - b.reviewerId);
  return { submitted: r.session.submitted.length, invited: r.session.reviewerIds.length, alpha: r.report.alpha.alpha, rows };
}

/** Deviation in points with its sign spelled out ("+5", "−12", "0"), so it reads without colour. */
export function signedPoints(points: number | null): string {
  if (points === null) return '–';
  const rounded = Math.round(points * 10) / 10;
  return rounded > 0 ? `+${rounded}` : rounded < 0 ? `−${Math.abs(rounded)}` : '0';
}

/**
 * What the app reads from the service, checked with plain guards: zod classic would triple the sidebar bundle, and
 * the service already validated these shapes with the src/core schemas. Here: the pieces guards are made of, and the
 * shapes the sidebar reads; each nav bar client (./*-api.ts) keeps the guards of its own answers.
 */
import type { CalibrationSession, CalibrationSessionReport } from '../../core/calibration.ts';
import type { CoachingNote } from '../../core/coaching.ts';
import type { StoredDraft } from '../../core/draft.ts';
import type { Evaluation } from '../../core/evaluation.ts';
import type { ScorecardDefinition } from '../../core/scorecard.ts';

export interface PublishedScorecard {
  id: string;
  version: number;
  definition: ScorecardDefinition;
}

/** `GET /api/v1/sidebar?ticketId=`: everything the sidebar needs on load in one request. */
export interface SidebarData {
  scorecards: PublishedScorecard[];
  /** Older versions the listed evaluations were scored with (labels for the agent's cards). */
  versions: PublishedScorecard[];
  evaluations: Evaluation[];
  /** Open calibration sessions on this ticket the user is invited to (absent from older services). */
  calibrationSessions?: CalibrationSession[];
  /** Coaching notes on the listed evaluations the user may read. */
  coachingNotes?: CoachingNote[];
  /** The reviewer's own drafts on this ticket, kept by the service. */
  drafts?: StoredDraft[];
}

// The pieces every guard is made of, here and in the nav bar's clients.
type Loose = Record<string, unknown>;
export type Guard = (v: unknown) => boolean;
export const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isStr = (v: unknown): v is string => typeof v === 'string';
export const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
export const nullable = (guard: Guard) => (v: unknown) => v === null || guard(v);
export const optional = (guard: Guard) => (v: unknown) => v === undefined || guard(v);
const isNumOrNull = nullable(isNum);
export const isList = (each: Guard) => (v: unknown) => Array.isArray(v) && v.every(each);
/** An object whose named fields each pass their guard (other fields are not looked at). */
export const shaped = (v: unknown, fields: Record<string, Guard>): boolean =>
  isObject(v) && Object.entries(fields).every(([k, ok]) => ok(v[k]));

/** What a client accepts of an answer: the value itself, or undefined when its shape is wrong. */
export type Accept<T> = (v: unknown) => T | undefined;
/** The answer itself, when `guard` says it has the shape. */
export const is =
  <T>(guard: (v: unknown) => v is T): Accept<T> =>
  (v) =>
    guard(v) ? v : undefined;
/** The answer's `key` (`{ key: ... }`), when `guard` says it has the shape. */
export const inField =
  <T>(key: string, guard: (v: unknown) => v is T): Accept<T> =>
  (v) =>
    isObject(v) && guard(v[key]) ? v[key] : undefined;

export function isDefinition(v: unknown): v is ScorecardDefinition {
  return (
    isObject(v) &&
    isStr(v.name) &&
    isStr(v.method) &&
    isNum(v.passThreshold) &&
    isObject(v.appliesTo) &&
    Array.isArray(v.sections) &&
    v.sections.every(
      (s) =>
        isObject(s) && isStr(s.id) && Array.isArray(s.criteria) && s.criteria.every((c) => isObject(c) && isStr(c.id) && isObject(c.scale)),
    )
  );
}

export function isPublishedScorecard(v: unknown): v is PublishedScorecard {
  return isObject(v) && isStr(v.id) && isNum(v.version) && isDefinition(v.definition);
}

export function isEvaluation(v: unknown): v is Evaluation {
  return (
    isObject(v) &&
    isStr(v.id) &&
    isNum(v.ticketId) &&
    isNum(v.revieweeId) &&
    isNum(v.reviewerId) &&
    isStr(v.scorecardId) &&
    isNum(v.scorecardVersion) &&
    isStr(v.status) &&
    Array.isArray(v.answers) &&
    isNumOrNull(v.rawScore) &&
    isNumOrNull(v.finalScore) &&
    (v.passed === null || typeof v.passed === 'boolean') &&
    Array.isArray(v.criticalFailures)
  );
}

export const isCalibrationSession = (v: unknown): v is CalibrationSession =>
  shaped(v, {
    id: isStr,
    ticketId: isNum,
    scorecardId: isStr,
    version: isNum,
    reviewerIds: isList(isNum),
    baselineReviewerId: isNum,
    status: isStr,
    submitted: isList(isNum),
  });

export const isCoachingNote = (v: unknown): v is CoachingNote =>
  shaped(v, { id: isStr, evaluationId: isStr, agentId: isNum, body: isStr, acknowledgedAt: nullable(isStr) });

export const isStoredDraft = (v: unknown): v is StoredDraft =>
  shaped(v, {
    ticketId: isNum,
    slot: isStr,
    revision: isNum,
    updatedAt: isStr,
    content: (c) => shaped(c, { evaluationId: isStr, scorecardId: isStr, scorecardVersion: isNum, answers: isObject, savedAt: isNum }),
  });

export function isSidebarData(v: unknown): v is SidebarData {
  return (
    isObject(v) &&
    Array.isArray(v.scorecards) &&
    v.scorecards.every(isPublishedScorecard) &&
    optional(isList(isPublishedScorecard))(v.versions) &&
    Array.isArray(v.evaluations) &&
    v.evaluations.every(isEvaluation) &&
    optional(isList(isCalibrationSession))(v.calibrationSessions) &&
    optional(isList(isCoachingNote))(v.coachingNotes) &&
    optional(isList(isStoredDraft))(v.drafts)
  );
}

/** `GET /calibration-sessions/{id}/report`: the session, each reviewer against the baseline, and alpha. */
export const isCalibrationReport = (v: unknown): v is CalibrationSessionReport =>
  isObject(v) && isCalibrationSession(v.session) && isObject(v.report) && Array.isArray(v.report.reviewers) && isObject(v.report.alpha);

/** The service's error body, read loosely: `{ error: { message, issues } }` or `{ message, issues }` or `{ error: "..." }`. */
export function readErrorBody(text: string): { message?: string; issues?: string[] } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text.trim() ? { message: text.trim().slice(0, 300) } : {};
  }
  if (!isObject(body)) return {};
  const inner = isObject(body.error) ? body.error : body;
  const message = isStr(inner.message) ? inner.message : isStr(body.error) ? body.error : undefined;
  const rawIssues = Array.isArray(inner.issues) ? inner.issues : Array.isArray(body.issues) ? body.issues : undefined;
  const issues = rawIssues?.map((i) =>
    isStr(i)
      ? i
      : isObject(i) && isStr(i.message)
        ? Array.isArray(i.path) && i.path.length
          ? `${i.path.join('.')}: ${i.message}`
          : i.message
        : JSON.stringify(i),
  );
  return { ...(message ? { message } : {}), ...(issues ? { issues } : {}) };
}

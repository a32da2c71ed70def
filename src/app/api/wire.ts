/**
 * How the ticket sidebar checks what the service answers (docs/decisions/024-app-client-from-contracts.md): its
 * budget has no room for zod, so it keeps plain guards, each typed against the output of its route's contract
 * (src/core/contract/). A guard checks the fields it names as the contract's type says them (one that would accept
 * another type fails typecheck); fields it does not name are not looked at; wire.test.ts shows that every answer the
 * contract's schema accepts passes its guard. The nav bar checks its answers with the schemas themselves.
 */
import type { CalibrationSession } from '../../core/calibration.ts';
import type { CoachingNote } from '../../core/coaching.ts';
import type { calibrationReport } from '../../core/contract/calibration.ts';
import type { OutputOf } from '../../core/contract/contract.ts';
import type { saveDraft } from '../../core/contract/drafts.ts';
import type { createEvaluation, loadSidebar } from '../../core/contract/evaluations.ts';
import type { StoredDraft } from '../../core/draft.ts';
import type { Evaluation } from '../../core/evaluation.ts';

type Bundle = OutputOf<typeof loadSidebar>;
/** Lists an older service leaves out of the sidebar's load (read as none). */
type Late = 'versions' | 'calibrationSessions' | 'coachingNotes' | 'drafts';

/** A published scorecard version, as the sidebar's load gives it. */
export type PublishedScorecard = Bundle['scorecards'][number];

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

// The pieces every guard is made of: `Guard<T>` says the value is a T.
export type Guard<T> = (v: unknown) => v is T;
type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isNum: Guard<number> = (v): v is number => typeof v === 'number' && Number.isFinite(v);
export const isStr: Guard<string> = (v): v is string => typeof v === 'string';
export const isBool: Guard<boolean> = (v): v is boolean => typeof v === 'boolean';
export const nullable =
  <T>(guard: Guard<T>): Guard<T | null> =>
  (v): v is T | null =>
    v === null || guard(v);
export const optional =
  <T>(guard: Guard<T>): Guard<T | undefined> =>
  (v): v is T | undefined =>
    v === undefined || guard(v);
export const isList =
  <T>(each: Guard<T>): Guard<T[]> =>
  (v): v is T[] =>
    Array.isArray(v) && v.every(each);
export const oneOf =
  <const T extends string>(...values: T[]): Guard<T> =>
  (v): v is T =>
    values.includes(v as T);
/**
 * An object whose named fields each pass their guard, typed by the field of `T` (other fields are not looked at).
 * `T` comes from where the guard is used or is named, never from the guards given, so none can narrow it.
 */
export const shaped =
  <T>(fields: NoInfer<{ [K in keyof T]?: Guard<T[K]> }>): Guard<T> =>
  (v): v is T =>
    isObject(v) && Object.entries(fields).every(([k, ok]) => (ok as Guard<unknown>)(v[k]));

/** The answer itself, when `guard` says it has the shape. */
export const is =
  <T>(guard: Guard<T>) =>
  (v: unknown): T | undefined =>
    guard(v) ? v : undefined;
/** The answer's `key` (`{ key: ... }`), when `guard` says it has the shape. */
export const inField =
  <T>(key: string, guard: Guard<T>) =>
  (v: unknown): T | undefined =>
    isObject(v) && guard(v[key]) ? v[key] : undefined;

export const isPublishedScorecard = shaped<PublishedScorecard>({
  id: isStr,
  version: isNum,
  definition: shaped({
    name: isStr,
    method: oneOf('weighted-criteria', 'total-points', 'weighted-sections'),
    passThreshold: isNum,
    appliesTo: shaped({}),
    sections: isList(shaped({ id: isStr, criteria: isList(shaped({ id: isStr, scale: shaped({}) })) })),
  }),
});

export const isEvaluation = shaped<OutputOf<typeof createEvaluation>>({
  id: isStr,
  ticketId: isNum,
  revieweeId: isNum,
  reviewerId: isNum,
  scorecardId: isStr,
  scorecardVersion: isNum,
  status: oneOf('submitted', 'acknowledged', 'disputed', 'dispute-resolved', 'withdrawn'),
  answers: isList(shaped({})),
  rawScore: nullable(isNum),
  finalScore: nullable(isNum),
  passed: nullable(isBool),
  criticalFailures: isList(isStr),
});

export const isCalibrationSession = shaped<Bundle['calibrationSessions'][number]>({
  id: isStr,
  ticketId: isNum,
  scorecardId: isStr,
  version: isNum,
  reviewerIds: isList(isNum),
  baselineReviewerId: isNum,
  status: oneOf('open', 'closed'),
  submitted: isList(isNum),
});

export const isCoachingNote = shaped<Bundle['coachingNotes'][number]>({
  id: isStr,
  evaluationId: isStr,
  agentId: isNum,
  body: isStr,
  acknowledgedAt: nullable(isStr),
});

export const isStoredDraft = shaped<OutputOf<typeof saveDraft>['draft']>({
  ticketId: isNum,
  slot: isStr,
  revision: isNum,
  updatedAt: isStr,
  content: shaped({ evaluationId: isStr, scorecardId: isStr, scorecardVersion: isNum, answers: shaped({}), savedAt: isNum }),
});

/** `PUT /drafts/{ticketId}/{slot}`: the draft as stored. */
export const isSavedDraft = shaped<OutputOf<typeof saveDraft>>({ draft: isStoredDraft });

/** The sidebar's load; from an older service without the lists it added later. */
export const isSidebarData = shaped<Omit<Bundle, Late> & Partial<Pick<Bundle, Late>>>({
  scorecards: isList(isPublishedScorecard),
  versions: optional(isList(isPublishedScorecard)),
  evaluations: isList(isEvaluation),
  calibrationSessions: optional(isList(isCalibrationSession)),
  coachingNotes: optional(isList(isCoachingNote)),
  drafts: optional(isList(isStoredDraft)),
});

/** `GET /calibration-sessions/{id}/report`: the session, each reviewer against the baseline, and alpha. */
export const isCalibrationReport = shaped<OutputOf<typeof calibrationReport>>({
  session: isCalibrationSession,
  report: shaped({ reviewers: isList(shaped({})), alpha: shaped({}) }),
});

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

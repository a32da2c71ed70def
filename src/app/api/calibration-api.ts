/** The nav bar's calibration and coaching: sessions (start, list, report, close), disagreement over time, coaching notes. */
import type { CalibrationSession, CalibrationSessionReport, CriterionDisagreement, ReviewerBias } from '../../core/calibration.ts';
import type { CoachingNote } from '../../core/coaching.ts';
import type { Result } from './result.ts';
import { checkedCall, type ServiceCall } from './service-call.ts';
import {
  inField,
  is,
  isCalibrationReport,
  isCalibrationSession,
  isCoachingNote,
  isList,
  isNum,
  isObject,
  isStr,
  nullable,
  shaped,
} from './wire.ts';

export interface CalibrationCreate {
  ticketId: number;
  scorecardId: string;
  version: number;
  reviewerIds: number[];
  baselineReviewerId: number;
  title?: string;
}

export interface CalibrationHistory {
  sessions: number;
  criteria: CriterionDisagreement[];
  reviewers: ReviewerBias[];
}

export interface CalibrationApi {
  sessions(): Promise<Result<CalibrationSession[]>>;
  startSession(body: CalibrationCreate): Promise<Result<CalibrationSession>>;
  sessionReport(id: string): Promise<Result<CalibrationSessionReport>>;
  closeSession(id: string): Promise<Result<CalibrationSession>>;
  history(range: { from: string; to: string }): Promise<Result<CalibrationHistory>>;
  coach(evaluationId: string, body: string): Promise<Result<CoachingNote>>;
}

const isAgreement = (v: unknown) => shaped(v, { alpha: nullable(isNum), units: isNum, values: isNum });
const isSessions = isList(isCalibrationSession) as (v: unknown) => v is CalibrationSession[];

// the sidebar's guard, and the parts only the tab reads: each criterion's spread, each reviewer's criteria
const isFullReport = (v: unknown): v is CalibrationSessionReport =>
  isCalibrationReport(v) &&
  shaped(v.report, {
    baselineSubmitted: (b) => typeof b === 'boolean',
    alpha: isAgreement,
    reviewers: isList((r) => shaped(r, { reviewerId: isNum, finalScore: nullable(isNum), criteria: isList(isObject) })),
    criteria: isList((c) => shaped(c, { criterionId: isStr, label: isStr })),
  }) &&
  isList(isObject)(v.evaluations);

const isHistory = (v: unknown): v is CalibrationHistory =>
  shaped(v, {
    sessions: isNum,
    criteria: isList((c) =>
      shaped(c, { criterionId: isStr, label: isStr, sessions: isNum, disagreement: nullable(isNum), pairs: isNum, alpha: isAgreement }),
    ),
    reviewers: isList((r) =>
      shaped(r, { reviewerId: isNum, sessions: isNum, meanScoreDeviation: nullable(isNum), meanAbsoluteDeviation: nullable(isNum) }),
    ),
  });

const enc = encodeURIComponent;

export function createCalibrationApi(send: ServiceCall): CalibrationApi {
  const call = checkedCall(send);
  return {
    sessions: () => call('GET', '/calibration-sessions', undefined, inField('items', isSessions)),
    startSession: (body) => call('POST', '/calibration-sessions', body, is(isCalibrationSession)),
    sessionReport: (id) => call('GET', `/calibration-sessions/${enc(id)}/report`, undefined, is(isFullReport)),
    closeSession: (id) => call('POST', `/calibration-sessions/${enc(id)}/close`, undefined, is(isCalibrationSession)),
    history: (f) => call('GET', `/calibration-sessions/history?from=${enc(f.from)}&to=${enc(f.to)}`, undefined, is(isHistory)),
    coach: (evaluationId, body) => call('POST', '/coaching-notes', { evaluationId, body }, is(isCoachingNote)),
  };
}

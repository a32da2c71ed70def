/** The nav bar's calibration and coaching: sessions (start, list, report, close), disagreement over time, coaching notes. */
import type { CalibrationSession, CalibrationSessionReport, CriterionDisagreement, ReviewerBias } from '../../core/calibration.ts';
import type { CoachingNote } from '../../core/coaching.ts';
import * as calibration from '../../core/contract/calibration.ts';
import { writeCoachingNote } from '../../core/contract/coaching.ts';
import { contractCall } from './contract-call.ts';
import { mapOk, type Result } from './result.ts';
import type { ServiceCall } from './service-call.ts';

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

export function createCalibrationApi(send: ServiceCall): CalibrationApi {
  const call = contractCall(send);
  return {
    sessions: async () => mapOk(await call(calibration.listCalibrations), (a) => a.items),
    startSession: (body) => call(calibration.startCalibration, { body }),
    sessionReport: (id) => call(calibration.calibrationReport, { params: { id } }),
    closeSession: (id) => call(calibration.closeCalibration, { params: { id } }),
    history: ({ from, to }) => call(calibration.calibrationHistory, { query: { from, to } }),
    coach: (evaluationId, body) => call(writeCoachingNote, { body: { evaluationId, body } }),
  };
}

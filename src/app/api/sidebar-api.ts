/**
 * What the ticket sidebar (and the background instance) ask the service: the sidebar's one load, evaluations and their
 * status changes, drafts, a calibration report and coaching notes. Views only see this interface.
 */
import type { z } from 'zod';
import type { CalibrationSessionReport } from '../../core/calibration.ts';
import type { CoachingNote } from '../../core/coaching.ts';
import type { DraftContent, StoredDraft } from '../../core/draft.ts';
import type { Dispute, DisputeResolution, Evaluation, EvaluationAmend, EvaluationCreate } from '../../core/evaluation.ts';
import type { Result } from './result.ts';
import { checkedCall, type ServiceCall } from './service-call.ts';
import { inField, is, isCalibrationReport, isCoachingNote, isEvaluation, isSidebarData, isStoredDraft, type SidebarData } from './wire.ts';

export type EvaluationCreateBody = z.input<typeof EvaluationCreate>;
export type EvaluationAmendBody = z.input<typeof EvaluationAmend>;
export type DisputeBody = z.input<typeof Dispute>;
export type DisputeResolutionBody = z.input<typeof DisputeResolution>;

export interface SidebarApi {
  /** Published scorecards plus this ticket's evaluations the user may see: the sidebar's one request on load. */
  loadSidebar(ticketId: number): Promise<Result<SidebarData>>;
  /** Idempotent by `body.id`: a retry returns the stored evaluation, never a second one. */
  createEvaluation(body: EvaluationCreateBody): Promise<Result<Evaluation>>;
  amendEvaluation(id: string, body: EvaluationAmendBody): Promise<Result<Evaluation>>;
  withdrawEvaluation(id: string): Promise<Result<Evaluation>>;
  acknowledge(id: string): Promise<Result<Evaluation>>;
  dispute(id: string, body: DisputeBody): Promise<Result<Evaluation>>;
  /** A lead or admin, neither reviewer nor reviewee: upheld carries the new answers of the disputed criteria. */
  resolveDispute(id: string, body: DisputeResolutionBody): Promise<Result<Evaluation>>;
  /** The session's comparison; 403 until the user has submitted their own calibration evaluation. */
  calibrationReport(sessionId: string): Promise<Result<CalibrationSessionReport>>;
  acknowledgeCoachingNote(id: string): Promise<Result<CoachingNote>>;
  /** Saves a draft from the revision it started at (null: new); a conflict's `error.body.current` is the stored copy. */
  saveDraft(ticketId: number, slot: string, baseRevision: number | null, content: DraftContent): Promise<Result<StoredDraft>>;
  discardDraft(ticketId: number, slot: string): Promise<Result<null>>;
}

export function createSidebarApi(send: ServiceCall): SidebarApi {
  const call = checkedCall(send);
  // routes answer the evaluation itself or `{ evaluation }`
  const evaluation = (v: unknown) => is(isEvaluation)(v) ?? inField('evaluation', isEvaluation)(v);
  const sidebar = (v: unknown) =>
    isSidebarData(v)
      ? {
          ...v,
          versions: v.versions ?? [],
          calibrationSessions: v.calibrationSessions ?? [],
          coachingNotes: v.coachingNotes ?? [],
          drafts: v.drafts ?? [],
        }
      : undefined;
  const draftPath = (ticketId: number, slot: string) => `/drafts/${ticketId}/${encodeURIComponent(slot)}`;
  const path = (id: string, action = '') => `/evaluations/${encodeURIComponent(id)}${action}`;

  return {
    loadSidebar: (ticketId) => call('GET', `/sidebar?ticketId=${ticketId}`, undefined, sidebar),
    createEvaluation: (body) => call('POST', '/evaluations', body, evaluation),
    amendEvaluation: (id, body) => call('PUT', path(id), body, evaluation),
    withdrawEvaluation: (id) => call('POST', path(id, '/withdraw'), {}, evaluation),
    acknowledge: (id) => call('POST', path(id, '/acknowledge'), {}, evaluation),
    dispute: (id, body) => call('POST', path(id, '/dispute'), body, evaluation),
    resolveDispute: (id, body) => call('POST', path(id, '/resolve'), body, evaluation),
    calibrationReport: (id) => call('GET', `/calibration-sessions/${encodeURIComponent(id)}/report`, undefined, is(isCalibrationReport)),
    saveDraft: (ticketId, slot, baseRevision, content) =>
      call('PUT', draftPath(ticketId, slot), { baseRevision, content }, inField('draft', isStoredDraft)),
    discardDraft: (ticketId, slot) => call('DELETE', draftPath(ticketId, slot), undefined, () => null),
    acknowledgeCoachingNote: (id) => call('POST', `/coaching-notes/${encodeURIComponent(id)}/acknowledge`, {}, is(isCoachingNote)),
  };
}

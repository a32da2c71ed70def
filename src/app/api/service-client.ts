/**
 * The sidebar's door to the reporting service (docs/decisions/015-identity-from-zendesk.md), over the shared
 * transport in service-call.ts (same-origin fetch with the page's session). Views only see this interface.
 */
import type { z } from 'zod';
import type { CalibrationSessionReport } from '../../core/calibration.ts';
import type { CoachingNote } from '../../core/coaching.ts';
import type { DraftContent, StoredDraft } from '../../core/draft.ts';
import type { Dispute, DisputeResolution, Evaluation, EvaluationAmend, EvaluationCreate } from '../../core/evaluation.ts';
import { fail, ok, type Result } from './result.ts';
import type { Method, ServiceCall } from './service-call.ts';
import { isCalibrationSession, isCoachingNote, isEvaluation, isObject, isSidebarData, isStoredDraft, type SidebarData } from './wire.ts';

export type EvaluationCreateBody = z.input<typeof EvaluationCreate>;
export type EvaluationAmendBody = z.input<typeof EvaluationAmend>;
export type DisputeBody = z.input<typeof Dispute>;
export type DisputeResolutionBody = z.input<typeof DisputeResolution>;

export interface ServiceClient {
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

export function createServiceClient(send: ServiceCall): ServiceClient {
  async function call<T>(method: Method, path: string, body: unknown, accept: (v: unknown) => T | undefined): Promise<Result<T>> {
    const r = await send(method, path, body);
    if (r.status !== 'ok') return r;
    const value = accept(r.value);
    return value === undefined ? fail('server', 'the service answered in an unexpected shape') : ok(value);
  }

  // routes answer the evaluation itself or `{ evaluation }`
  const evaluation = (v: unknown) => (isEvaluation(v) ? v : isObject(v) && isEvaluation(v.evaluation) ? v.evaluation : undefined);
  const sidebar = (v: unknown) =>
    isSidebarData(v) ? { ...v, versions: v.versions ?? [], calibrationSessions: v.calibrationSessions ?? [], coachingNotes: v.coachingNotes ?? [], drafts: v.drafts ?? [] } : undefined;
  // the sidebar reads only the session, the reviewers' final scores and alpha from a report
  const report = (v: unknown) =>
    isObject(v) && isCalibrationSession(v.session) && isObject(v.report) && Array.isArray(v.report.reviewers) && isObject(v.report.alpha)
      ? (v as unknown as CalibrationSessionReport)
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
    calibrationReport: (id) => call('GET', `/calibration-sessions/${encodeURIComponent(id)}/report`, undefined, report),
    saveDraft: (ticketId, slot, baseRevision, content) =>
      call('PUT', draftPath(ticketId, slot), { baseRevision, content }, (v) => (isObject(v) && isStoredDraft(v.draft) ? v.draft : undefined)),
    discardDraft: (ticketId, slot) => call('DELETE', draftPath(ticketId, slot), undefined, () => null),
    acknowledgeCoachingNote: (id) => call('POST', `/coaching-notes/${encodeURIComponent(id)}/acknowledge`, {}, (v) => (isCoachingNote(v) ? v : undefined)),
  };
}

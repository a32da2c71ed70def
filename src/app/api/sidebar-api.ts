/**
 * What the ticket sidebar (and the background instance) ask the service: the sidebar's one load, evaluations and their
 * status changes, drafts, a calibration report and coaching notes. Views only see this interface.
 */
import type { z } from 'zod';
import type { OutputOf } from '../../core/contract/contract.ts';
import type { CalibrationSessionReport } from '../../core/calibration.ts';
import type { CoachingNote } from '../../core/coaching.ts';
import type { DraftContent, StoredDraft } from '../../core/draft.ts';
import type { Dispute, DisputeResolution, Evaluation, EvaluationAmend, EvaluationCreate } from '../../core/evaluation.ts';
import type * as autoqa from '../../core/contract/autoqa.ts';
import type * as calibration from '../../core/contract/calibration.ts';
import type * as coaching from '../../core/contract/coaching.ts';
import type * as drafts from '../../core/contract/drafts.ts';
import type * as evaluations from '../../core/contract/evaluations.ts';
import { mapOk, type Result } from './result.ts';
import { guardedCall, route, type Accept, type ServiceCall } from './service-call.ts';
import { inField, is, isCalibrationReport, isCoachingNote, isEvaluation, isSavedDraft, isSidebarData, type SidebarData } from './wire.ts';

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
  /**
   * The ticket's automatic results and the suggested ratings of a scorecard version's pre-rated criteria, accepted
   * by the guard that comes with the view reading them (api/autoqa-wire.ts, fetched on first use).
   */
  ticketAutoQa(ticketId: number, scorecardId: string, version: number, accept: Accept<TicketAutoQa>): Promise<Result<TicketAutoQa>>;
}

type TicketAutoQa = OutputOf<typeof autoqa.ticketAutoQa>;

// the contracts' methods and paths, held to them by the compiler; their schemas stay out of the sidebar's bundle
const LOAD = route<typeof evaluations.loadSidebar>('get', '/sidebar');
const CREATE = route<typeof evaluations.createEvaluation>('post', '/evaluations');
const AMEND = route<typeof evaluations.amendEvaluation>('put', '/evaluations/{id}');
const WITHDRAW = route<typeof evaluations.withdrawEvaluation>('post', '/evaluations/{id}/withdraw');
const ACKNOWLEDGE = route<typeof evaluations.acknowledgeEvaluation>('post', '/evaluations/{id}/acknowledge');
const DISPUTE = route<typeof evaluations.disputeEvaluation>('post', '/evaluations/{id}/dispute');
const RESOLVE = route<typeof evaluations.resolveDispute>('post', '/evaluations/{id}/resolve');
const REPORT = route<typeof calibration.calibrationReport>('get', '/calibration-sessions/{id}/report');
const ACKNOWLEDGE_NOTE = route<typeof coaching.acknowledgeCoachingNote>('post', '/coaching-notes/{id}/acknowledge');
const SAVE_DRAFT = route<typeof drafts.saveDraft>('put', '/drafts/{ticketId}/{slot}');
const DISCARD_DRAFT = route<typeof drafts.discardDraft>('delete', '/drafts/{ticketId}/{slot}');
const AUTOQA = route<typeof autoqa.ticketAutoQa>('get', '/autoqa/tickets/{ticketId}');

export function createSidebarApi(send: ServiceCall): SidebarApi {
  const call = guardedCall(send);
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

  return {
    loadSidebar: (ticketId) => call(LOAD, { query: { ticketId } }, sidebar),
    createEvaluation: (body) => call(CREATE, { body }, evaluation),
    amendEvaluation: (id, body) => call(AMEND, { params: { id }, body }, evaluation),
    withdrawEvaluation: (id) => call(WITHDRAW, { params: { id }, body: {} }, evaluation),
    acknowledge: (id) => call(ACKNOWLEDGE, { params: { id }, body: {} }, evaluation),
    dispute: (id, body) => call(DISPUTE, { params: { id }, body }, evaluation),
    resolveDispute: (id, body) => call(RESOLVE, { params: { id }, body }, evaluation),
    calibrationReport: (id) => call(REPORT, { params: { id } }, is(isCalibrationReport)),
    saveDraft: async (ticketId, slot, baseRevision, content) =>
      mapOk(await call(SAVE_DRAFT, { params: { ticketId, slot }, body: { baseRevision, content } }, is(isSavedDraft)), (a) => a.draft),
    discardDraft: (ticketId, slot) => call(DISCARD_DRAFT, { params: { ticketId, slot } }, () => null),
    acknowledgeCoachingNote: (id) => call(ACKNOWLEDGE_NOTE, { params: { id } }, is(isCoachingNote)),
    ticketAutoQa: (ticketId, scorecardId, version, accept) =>
      call(AUTOQA, { params: { ticketId }, query: { scorecardId, version } }, accept),
  };
}

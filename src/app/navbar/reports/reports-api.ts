/** The nav bar's report, plan and calibration calls to the service, over the same proxy call as the scorecards tab. */
import type { CalibrationSession, CalibrationSessionReport, CriterionDisagreement, ReviewerBias } from '../../../core/calibration.ts';
import type { CoverageResponse, MonitoringPlan, MonitoringPlanInput, SuggestionsRequestInput, SuggestionsResponse } from '../../../core/coverage.ts';
import type { Breakdown, BreakdownDimension, RootCauses, Summary, Trend } from '../../../core/reports.ts';
import type { CoachingNote } from '../../../core/coaching.ts';
import type { Target, TargetCreateInput } from '../../../core/targets.ts';
import type { QaVsMetrics, TicketRow } from '../../../core/ticket-reports.ts';
import { ok, type Result } from '../../api/result.ts';
import type { ServiceCall } from '../../api/service-call.ts';
import { reportQuery, type Filters } from './filters.ts';

export interface PlanState {
  plan: MonitoringPlan;
  updatedAt: string | null;
  updatedBy: number | null;
}

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

export interface ReportsApi {
  summary(f: Filters, range?: { from: string; to: string }): Promise<Result<Summary>>;
  trend(f: Filters): Promise<Result<Trend>>;
  breakdown(f: Filters, dimension: BreakdownDimension): Promise<Result<Breakdown>>;
  rootCauses(f: Filters, criterionId?: string): Promise<Result<RootCauses>>;
  tickets(f: Filters, criterionId?: string): Promise<Result<TicketRow[]>>;
  qaVsMetrics(f: Filters): Promise<Result<QaVsMetrics>>;
  /** The streamed evaluations CSV (one row per answer), as text. */
  evaluationsCsv(f: Filters): Promise<Result<string>>;
  plan(): Promise<Result<PlanState>>;
  savePlan(plan: MonitoringPlanInput): Promise<Result<PlanState>>;
  coverage(week: string, agentIds: number[]): Promise<Result<CoverageResponse>>;
  suggestions(body: SuggestionsRequestInput): Promise<Result<SuggestionsResponse>>;
  targets(): Promise<Result<Target[]>>;
  createTarget(body: TargetCreateInput): Promise<Result<Target>>;
  sessions(): Promise<Result<CalibrationSession[]>>;
  startSession(body: CalibrationCreate): Promise<Result<CalibrationSession>>;
  sessionReport(id: string): Promise<Result<CalibrationSessionReport>>;
  closeSession(id: string): Promise<Result<CalibrationSession>>;
  calibrationHistory(f: Pick<Filters, 'from' | 'to'>): Promise<Result<CalibrationHistory>>;
  coach(evaluationId: string, body: string): Promise<Result<CoachingNote>>;
}

// the service validated these shapes with the src/core schemas; here they are only unwrapped
const as = <T>(r: Result<unknown>): Result<T> => (r.status === 'ok' ? ok(r.value as T) : r);
const items = <T>(r: Result<unknown>): Result<T[]> =>
  r.status === 'ok' ? ok(((r.value as { items?: T[] } | null)?.items ?? []) as T[]) : r;
const enc = encodeURIComponent;

export function createReportsApi(call: ServiceCall): ReportsApi {
  return {
    summary: async (f, range) => as(await call('GET', `/reports/summary?${reportQuery({ ...f, ...range })}`)),
    trend: async (f) => as(await call('GET', `/reports/trend?${reportQuery(f, { period: f.period })}`)),
    breakdown: async (f, dimension) => as(await call('GET', `/reports/breakdown?${reportQuery(f, { dimension })}`)),
    rootCauses: async (f, criterionId) => as(await call('GET', `/reports/root-causes?${reportQuery(f, { criterionId })}`)),
    tickets: async (f, criterionId) =>
      items(await call('GET', `/reports/tickets?${reportQuery(f, { criterionId, failed: 'true', limit: 200 })}`)),
    qaVsMetrics: async (f) => as(await call('GET', `/reports/qa-vs-metrics?${reportQuery(f)}`)),
    evaluationsCsv: async (f) => {
      const r = await call('GET', `/exports/evaluations.csv?${reportQuery(f)}`);
      return r.status === 'ok' ? ok(typeof r.value === 'string' ? r.value : String(r.value ?? '')) : r;
    },
    plan: async () => as(await call('GET', '/plan')),
    savePlan: async (plan) => as(await call('PUT', '/plan', plan)),
    coverage: async (week, agentIds) =>
      as(await call('GET', `/reports/coverage?week=${enc(week)}${agentIds.length ? `&agentIds=${agentIds.join(',')}` : ''}`)),
    suggestions: async (body) => as(await call('POST', '/suggestions', body)),
    targets: async () => items(await call('GET', '/targets')),
    createTarget: async (body) => as(await call('POST', '/targets', body)),
    sessions: async () => items(await call('GET', '/calibration-sessions')),
    startSession: async (body) => as(await call('POST', '/calibration-sessions', body)),
    sessionReport: async (id) => as(await call('GET', `/calibration-sessions/${enc(id)}/report`)),
    closeSession: async (id) => as(await call('POST', `/calibration-sessions/${enc(id)}/close`)),
    calibrationHistory: async (f) => as(await call('GET', `/calibration-sessions/history?from=${enc(f.from)}&to=${enc(f.to)}`)),
    coach: async (evaluationId, body) => as(await call('POST', '/coaching-notes', { evaluationId, body })),
  };
}

/** The nav bar's reports: summary, trend, breakdowns, root causes, the tickets behind a figure, QA beside the tickets' own numbers, the CSV. */
import type { Breakdown, BreakdownDimension, ReportPeriod, RootCauses, Summary, Trend } from '../../core/reports.ts';
import type { QaVsMetrics, TicketRow } from '../../core/ticket-reports.ts';
import * as api from '../../core/contract/reports.ts';
import { contractCall } from './contract-call.ts';
import { mapOk, type Result } from './result.ts';
import { queryString, type ServiceCall } from './service-call.ts';

/** What a report is about (the service's `ReportFilters`, src/core/reports.ts); `period` counts only for the trend. */
export interface Filters {
  from: string;
  to: string;
  scorecardId?: string;
  groupId?: number;
  channel?: string;
  revieweeId?: number;
  reviewerId?: number;
  period: ReportPeriod;
}

/** The report filters as a query (period left out: only the trend takes it). */
const filters = ({ period: _period, ...rest }: Filters) => rest;

/** The service's report query string, with `extra` parameters (also written beside the figures of a screen CSV). */
export const reportQuery = (f: Filters, extra: Record<string, string | number | undefined> = {}): string =>
  queryString({ ...filters(f), ...extra });

export interface ReportsApi {
  summary(f: Filters, range?: { from: string; to: string }): Promise<Result<Summary>>;
  trend(f: Filters): Promise<Result<Trend>>;
  breakdown(f: Filters, dimension: BreakdownDimension): Promise<Result<Breakdown>>;
  rootCauses(f: Filters, criterionId?: string): Promise<Result<RootCauses>>;
  tickets(f: Filters, criterionId?: string): Promise<Result<TicketRow[]>>;
  qaVsMetrics(f: Filters): Promise<Result<QaVsMetrics>>;
  /** The streamed evaluations CSV (one row per answer), as text. */
  evaluationsCsv(f: Filters): Promise<Result<string>>;
}

export function createReportsApi(send: ServiceCall): ReportsApi {
  const call = contractCall(send);
  return {
    summary: (f, range) => call(api.summary, { query: filters({ ...f, ...range }) }),
    trend: (f) => call(api.trend, { query: { ...filters(f), period: f.period } }),
    breakdown: (f, dimension) => call(api.breakdown, { query: { ...filters(f), dimension } }),
    rootCauses: (f, criterionId) => call(api.rootCauses, { query: { ...filters(f), criterionId } }),
    tickets: async (f, criterionId) =>
      mapOk(await call(api.ticketsBehind, { query: { ...filters(f), criterionId, failed: 'true', limit: 200 } }), (a) => a.items),
    qaVsMetrics: (f) => call(api.qaVsMetrics, { query: filters(f) }),
    evaluationsCsv: (f) => call(api.evaluationsCsv, { query: filters(f) }),
  };
}

/** The nav bar's reports: summary, trend, breakdowns, root causes, the tickets behind a figure, QA beside the tickets' own numbers, the CSV. */
import type { Breakdown, BreakdownDimension, Figure, ReportPeriod, RootCauses, Summary, Trend } from '../../core/reports.ts';
import type { QaVsMetrics, TicketRow } from '../../core/ticket-reports.ts';
import type { Result } from './result.ts';
import { checkedCall, type ServiceCall } from './service-call.ts';
import { inField, is, isBool, isList, isNum, isObject, isStr, nullable, optional, shaped, type Guard } from './wire.ts';

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

/** The service's report query string (period left out: only the trend takes it). */
export function reportQuery(f: Filters, extra: Record<string, string | number | undefined> = {}): string {
  const p = new URLSearchParams();
  const { period: _period, ...rest } = f;
  for (const [k, v] of Object.entries({ ...rest, ...extra })) if (v !== undefined && v !== '') p.set(k, String(v));
  return p.toString();
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
}

export const isFigure = (v: unknown): v is Figure =>
  shaped(v, { value: nullable(isNum), n: isNum, low: nullable(isNum), high: nullable(isNum) });
const SUMMARY: Record<string, Guard> = { count: isNum, averageScore: isFigure, passRate: isFigure, criticalFailRate: isFigure };
const isSummary = (v: unknown): v is Summary => shaped(v, SUMMARY);
const isTrend = (v: unknown): v is Trend => shaped(v, { period: isStr, points: isList((p) => shaped(p, { ...SUMMARY, start: isStr })) });

const isCriterionRow: Guard = (v) =>
  shaped(v, {
    key: isStr,
    scorecardId: isStr,
    label: optional(isStr),
    count: isNum,
    naCount: isNum,
    averageFraction: isFigure,
    failRate: isFigure,
    reviewees: isNum,
    revieweesFailing: isNum,
    systemic: isBool,
  });
const isBreakdown = (v: unknown): v is Breakdown =>
  isObject(v) &&
  isList(v.dimension === 'criterion' ? isCriterionRow : (row) => shaped(row, { ...SUMMARY, key: isStr, label: optional(isStr) }))(v.rows);

const isRootCauses = (v: unknown): v is RootCauses =>
  shaped(v, { items: isList((c) => shaped(c, { cause: isStr, kind: optional(isStr), count: isNum })) });

const isTicketRow = (v: unknown): v is TicketRow =>
  shaped(v, {
    evaluationId: isStr,
    ticketId: isNum,
    revieweeId: isNum,
    reviewerId: isNum,
    groupId: nullable(isNum),
    channel: nullable(isStr),
    scorecardId: isStr,
    finalScore: nullable(isNum),
    passed: nullable(isBool),
    csat: nullable(isStr),
    createdAt: isStr,
    criterion: optional((c) => shaped(c, { fraction: nullable(isNum), comment: nullable(isStr), rootCauses: isList(isStr) })),
  });
const isTicketRows = isList(isTicketRow) as (v: unknown) => v is TicketRow[];

const isMetricFigures: Guard = (m) =>
  shaped(m, { firstReplyMinutes: isFigure, fullResolutionMinutes: isFigure, reopenRate: isFigure, csatGoodRate: isFigure });
const isQaVsMetrics = (v: unknown): v is QaVsMetrics =>
  shaped(v, {
    byCsat: isList((b) => shaped(b, { csat: isStr, summary: isSummary })),
    byResult: isList((b) => shaped(b, { result: isStr, metrics: isMetricFigures })),
    disagreements: isList((d) => isTicketRow(d) && shaped(d, { kind: isStr })),
  });

// a CSV comes back as text; an empty one as null
const csvText = (v: unknown) => (isStr(v) ? v : v === null ? '' : undefined);

export function createReportsApi(send: ServiceCall): ReportsApi {
  const call = checkedCall(send);
  const get = <T>(path: string, accept: (v: unknown) => T | undefined) => call('GET', path, undefined, accept);
  return {
    summary: (f, range) => get(`/reports/summary?${reportQuery({ ...f, ...range })}`, is(isSummary)),
    trend: (f) => get(`/reports/trend?${reportQuery(f, { period: f.period })}`, is(isTrend)),
    breakdown: (f, dimension) => get(`/reports/breakdown?${reportQuery(f, { dimension })}`, is(isBreakdown)),
    rootCauses: (f, criterionId) => get(`/reports/root-causes?${reportQuery(f, { criterionId })}`, is(isRootCauses)),
    tickets: (f, criterionId) =>
      get(`/reports/tickets?${reportQuery(f, { criterionId, failed: 'true', limit: 200 })}`, inField('items', isTicketRows)),
    qaVsMetrics: (f) => get(`/reports/qa-vs-metrics?${reportQuery(f)}`, is(isQaVsMetrics)),
    evaluationsCsv: (f) => get(`/exports/evaluations.csv?${reportQuery(f)}`, csvText),
  };
}

/**
 * `/reports` and `/exports`: aggregate figures, each with n and a 95% interval (decision 008), the tickets behind them
 * and the CSV of what they count; an agent's are their own work only.
 */
import { CoverageQuery, CoverageResponse } from '../coverage.ts';
import { STAFF } from '../permissions.ts';
import { Breakdown, BreakdownQuery, ReportFilters, RootCauseQuery, RootCauses, Summary, Trend, TrendQuery } from '../reports.ts';
import { QaVsMetrics, TicketList, TicketListQuery } from '../ticket-reports.ts';
import { ANYONE, contract, json, text } from './contract.ts';

const report = { method: 'get', tag: 'reports', roles: ANYONE, access: 'an agent gets the figures of their own work only' } as const;
const tickets = { method: 'get', tag: 'reports', roles: ANYONE, access: 'an agent gets their own work only' } as const;

export const summary = contract({
  ...report,
  path: '/reports/summary',
  summary: 'Count, average score, pass rate and critical-fail rate, each with n and a 95% interval',
  request: { query: ReportFilters },
  responses: { 200: json(Summary) },
});

export const trend = contract({
  ...report,
  path: '/reports/trend',
  summary: 'The summary figures per week (from Monday, UTC) or month, empty periods included',
  request: { query: TrendQuery },
  responses: { 200: json(Trend) },
});

export const breakdown = contract({
  ...report,
  path: '/reports/breakdown',
  summary: 'The figures by reviewee, group, channel, scorecard or criterion, weakest first',
  request: { query: BreakdownQuery },
  responses: { 200: json(Breakdown) },
});

export const rootCauses = contract({
  ...report,
  path: '/reports/root-causes',
  summary: 'Root-cause counts with their kinds, most frequent first',
  request: { query: RootCauseQuery },
  responses: { 200: json(RootCauses) },
});

/** Evaluations per agent against the monitoring plan (the current week by default). */
export const coverage = contract({
  method: 'get',
  path: '/reports/coverage',
  tag: 'reports',
  summary: 'Evaluations per agent in an ISO week against the monitoring plan',
  roles: STAFF,
  request: { query: CoverageQuery },
  responses: { 200: json(CoverageResponse) },
});

export const ticketsBehind = contract({
  ...tickets,
  path: '/reports/tickets',
  summary: 'The evaluated tickets behind a figure, with their QA scores and ticket metrics',
  request: { query: TicketListQuery },
  responses: { 200: json(TicketList) },
});

export const qaVsMetrics = contract({
  ...tickets,
  path: '/reports/qa-vs-metrics',
  summary: 'QA scores beside reply and resolution times, reopens and CSAT, and where QA and CSAT disagree',
  request: { query: ReportFilters },
  responses: { 200: json(QaVsMetrics) },
});

/** CSV downloads of what the reports count, streamed a batch at a time. */
export const evaluationsCsv = contract({
  method: 'get',
  path: '/exports/evaluations.csv',
  tag: 'reports',
  summary: 'CSV (RFC 4180), one row per answer, streamed; cells a spreadsheet would run as formulas get a leading quote',
  roles: ANYONE,
  access: 'an agent exports their own work only',
  request: { query: ReportFilters },
  responses: {
    200: text(
      'text/csv',
      'CSV with a header row: evaluation_id, created_at, ticket_id, reviewee_id, reviewee_name, reviewer_id, reviewer_name, scorecard_id, ..., criterion_id, rating, fraction, na, ...',
    ),
  },
});

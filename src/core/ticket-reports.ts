/**
 * Reports that lead back to tickets (DESIGN.md §7): the evaluations behind a figure, and QA beside the
 * ticket's own numbers (reply and resolution times, reopens, CSAT), with the tickets where they disagree.
 */
import { z } from 'zod';
import { ReportFilters, type Figure, type Summary } from './reports.ts';

export const TicketListQuery = ReportFilters.extend({
  criterionId: z.string().min(1).max(200).optional(),
  /** With criterionId: only evaluations that failed it (below half marks); without: failed evaluations. */
  failed: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TicketListQuery = z.infer<typeof TicketListQuery>;

export interface TicketRow {
  evaluationId: string;
  ticketId: number;
  revieweeId: number;
  reviewerId: number;
  groupId: number | null;
  channel: string | null;
  scorecardId: string;
  finalScore: number | null;
  passed: boolean | null;
  csat: string | null;
  createdAt: string;
  /** With criterionId: that criterion's answer (null fraction = N/A). */
  criterion?: { fraction: number | null; comment: string | null; rootCauses: string[] };
}

export interface MetricFigures {
  firstReplyMinutes: Figure;
  fullResolutionMinutes: Figure;
  /** Share of tickets reopened at least once, of those with a known count. */
  reopenRate: Figure;
  /** Share of good ratings among good and bad ones. */
  csatGoodRate: Figure;
}

export const DisagreementKind = z.enum(['qa-pass-csat-bad', 'qa-fail-csat-good']);
export type DisagreementKind = z.infer<typeof DisagreementKind>;

export interface QaVsMetrics {
  /** QA figures per CSAT outcome ('none' = not rated). */
  byCsat: Array<{ csat: 'good' | 'bad' | 'none'; summary: Summary }>;
  /** The tickets' numbers for evaluations that passed QA and those that did not. */
  byResult: Array<{ result: 'passed' | 'failed'; metrics: MetricFigures }>;
  /** QA and the customer disagree: worth a look (newest first). */
  disagreements: Array<TicketRow & { kind: DisagreementKind }>;
}

/**
 * Reports that lead back to tickets: the evaluations behind a figure, and QA beside the
 * ticket's own numbers (reply and resolution times, reopens, CSAT), with the tickets where they disagree.
 */
import { z } from 'zod';
import { Figure, ReportFilters, Summary, summaryFromSums, type EvaluationSums } from './reports.ts';
import { metricFigures, type MetricSums } from './metric-sums.ts';
import { PopulationMetrics } from './synced-population.ts';
import { IdText } from './text.ts';

export const TicketListQuery = ReportFilters.extend({
  criterionId: IdText.optional(),
  /** With criterionId: only evaluations whose answer to it failed (its stored outcome, decision 027); without: failed evaluations. */
  failed: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TicketListQuery = z.infer<typeof TicketListQuery>;

export const TicketRow = z.object({
  evaluationId: z.string(),
  ticketId: z.number(),
  revieweeId: z.number(),
  reviewerId: z.number(),
  groupId: z.number().nullable(),
  channel: z.string().nullable(),
  scorecardId: z.string(),
  finalScore: z.number().nullable(),
  passed: z.boolean().nullable(),
  csat: z.string().nullable(),
  createdAt: z.string(),
  /** With criterionId: that criterion's answer (null fraction = N/A). */
  criterion: z.object({ fraction: z.number().nullable(), comment: z.string().nullable(), rootCauses: z.array(z.string()) }).optional(),
});
export type TicketRow = z.infer<typeof TicketRow>;

export const TicketList = z.object({ items: z.array(TicketRow) }).meta({ id: 'TicketList' });

export const MetricFigures = z.object({
  firstReplyMinutes: Figure,
  fullResolutionMinutes: Figure,
  /** Share of tickets reopened at least once, of those with a known count. */
  reopenRate: Figure,
  /** Share of good ratings among good and bad ones. */
  csatGoodRate: Figure,
});
export type MetricFigures = z.infer<typeof MetricFigures>;

export const DisagreementKind = z.enum(['qa-pass-csat-bad', 'qa-fail-csat-good']);
export type DisagreementKind = z.infer<typeof DisagreementKind>;

export const QaVsMetrics = z
  .object({
    /** QA figures per CSAT outcome ('none' = not rated). */
    byCsat: z.array(z.object({ csat: z.enum(['good', 'bad', 'none']), summary: Summary })),
    /** The tickets' numbers for evaluations that passed QA and those that did not. */
    byResult: z.array(z.object({ result: z.enum(['passed', 'failed']), metrics: MetricFigures })),
    /** QA and the customer disagree: worth a look (newest first). */
    disagreements: z.array(TicketRow.extend({ kind: DisagreementKind })),
    /** Every synced ticket of the period, reviewed or not, beside the QA figures of the reviewed ones (never mixed). */
    population: PopulationMetrics,
  })
  .meta({ id: 'QaVsMetrics' });
export type QaVsMetrics = z.infer<typeof QaVsMetrics>;

/** Sums of one (CSAT outcome, QA result) cell, as one grouped SQL scan returns them. */
export interface QaMetricCell extends EvaluationSums, MetricSums {
  csat: 'good' | 'bad' | 'none';
  result: 'passed' | 'failed' | 'none';
}

const CSAT_ORDER = ['bad', 'good', 'none'] as const;
const RESULT_ORDER = ['passed', 'failed'] as const;

function add<T extends object>(a: T, b: T): T {
  const out = { ...a } as Record<string, unknown>;
  for (const [k, v] of Object.entries(b)) if (typeof v === 'number') out[k] = ((out[k] as number) ?? 0) + v;
  return out as T;
}

/** Both views from one scan: sums are additive, so each is the other dimension summed out. */
export function foldQaMetrics(cells: readonly QaMetricCell[]): Pick<QaVsMetrics, 'byCsat' | 'byResult'> {
  const byCsat = CSAT_ORDER.flatMap((csat) => {
    const mine = cells.filter((c) => c.csat === csat);
    return mine.length ? [{ csat, summary: summaryFromSums(mine.reduce(add)) }] : [];
  });
  const byResult = RESULT_ORDER.flatMap((result) => {
    const mine = cells.filter((c) => c.result === result);
    if (!mine.length) return [];
    const s = mine.reduce(add);
    return [{ result, metrics: metricFigures(s) }];
  });
  return { byCsat, byResult };
}

import { instantRange, type ReportFilters } from '../../core/reports.ts';
import { foldQaMetrics, type QaVsMetrics, type TicketListQuery, type TicketRow } from '../../core/ticket-reports.ts';
import type { Db } from '../db/db.ts';
import { disagreements, qaMetricCells, ticketRows } from '../store/tickets.ts';

/** From a figure back to the tickets behind it: the evaluations the filters select. */
export async function ticketsBehind(db: Db, account: string, q: TicketListQuery): Promise<TicketRow[]> {
  return ticketRows(db, account, q, instantRange(q));
}

/** QA beside the tickets' own numbers: both views folded from one scan, and the tickets where QA and CSAT disagree. */
export async function qaVsMetrics(db: Db, account: string, f: ReportFilters): Promise<QaVsMetrics> {
  const range = instantRange(f);
  const cells = await qaMetricCells(db, account, f, range);
  return { ...foldQaMetrics(cells), disagreements: await disagreements(db, account, f, range) };
}

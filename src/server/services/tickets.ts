import { instantRange, type ReportFilters } from '../../core/reports.ts';
import { foldQaMetrics, type QaVsMetrics, type TicketListQuery, type TicketRow } from '../../core/ticket-reports.ts';
import { NOTHING_SYNCED, populationRows, PopulationDimension, type PopulationMetrics } from '../../core/synced-population.ts';
import type { Db } from '../db/db.ts';
import { sumsBy } from '../store/reports/queries.ts';
import { syncedState, ticketSums } from '../store/synced-population.ts';
import { disagreements, qaMetricCells, ticketRows } from '../store/tickets.ts';

/** From a figure back to the tickets behind it: the evaluations the filters select. */
export async function ticketsBehind(db: Db, account: string, q: TicketListQuery): Promise<TicketRow[]> {
  return ticketRows(db, account, q, instantRange(q));
}

/** QA beside the tickets' own numbers: both views folded from one scan, and the tickets where QA and CSAT disagree. */
export async function qaVsMetrics(db: Db, account: string, f: ReportFilters): Promise<QaVsMetrics> {
  const range = instantRange(f);
  const cells = await qaMetricCells(db, account, f, range);
  return {
    ...foldQaMetrics(cells),
    disagreements: await disagreements(db, account, f, range),
    population: await population(db, account, f),
  };
}

/**
 * Every synced ticket solved in the period (reviewed or not): its CSAT, reply and resolution times, in all and by agent,
 * group and channel, each row beside the QA figures of the evaluations with the same key (decision 028).
 */
async function population(db: Db, account: string, f: ReportFilters): Promise<PopulationMetrics> {
  const synced = await syncedState(db, account);
  if (!synced) return NOTHING_SYNCED;
  const sums = await ticketSums(db, account, f, instantRange(f));
  const of = (d: PopulationDimension | null) => sums.filter((s) => s.dimension === d);
  const [total, ...by] = await Promise.all([
    sumsBy(db, account, f, 'total'),
    ...PopulationDimension.options.map((dimension) => sumsBy(db, account, f, { dimension })),
  ]);
  const rows = (d: PopulationDimension, i: number) => populationRows(of(d), by[i]!);
  return {
    source: 'synced',
    lastSyncAt: synced.lastSyncAt?.toISOString() ?? null,
    total:
      populationRows(
        of(null),
        total.map((s) => ({ ...s, key: '' })),
      )[0] ?? null,
    by: { reviewee: rows('reviewee', 0), group: rows('group', 1), channel: rows('channel', 2) },
  };
}

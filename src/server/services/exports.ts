/**
 * The CSV export of what the reports count: one row per answer, read and written a batch at a time (decision 018),
 * with the reviewee's and reviewer's names beside their ids (people-names.ts: never waits on Zendesk twice when it is down).
 */
import { csvCell, csvRow, type Cell } from '../../core/csv.ts';
import type { ReportFilters } from '../../core/reports.ts';
import type { Db } from '../db/db.ts';
import { nextBatch, yieldToEventLoop, type AdaptiveBatch } from '../limits/batches.ts';
import { exportAnswers, exportEvaluations, type ExportAnswer, type ExportEvaluation } from '../store/exports.ts';
import type { Cursor } from '../store/reports/pages.ts';
import { storedNames, type NameSource } from './people-names.ts';

/** An evaluation as the CSV writes it: the row, and the names its people had (empty when unknown). */
type Row = ExportEvaluation & { reviewee_name: string | undefined; reviewer_name: string | undefined };

/** The export's columns in order: one row per answer, the evaluation's facts repeated on each. */
const COLUMNS: Array<[string, (e: Row, a: ExportAnswer | undefined) => Cell]> = [
  ['evaluation_id', (e) => e.id],
  ['created_at', (e) => e.created_at],
  ['ticket_id', (e) => e.ticket_id],
  ['reviewee_id', (e) => e.reviewee_id],
  ['reviewee_name', (e) => e.reviewee_name],
  ['reviewer_id', (e) => e.reviewer_id],
  ['reviewer_name', (e) => e.reviewer_name],
  ['scorecard_id', (e) => e.scorecard_id],
  ['scorecard_version', (e) => e.scorecard_version],
  ['kind', (e) => e.kind],
  ['status', (e) => e.status],
  ['channel', (e) => e.channel],
  ['group_id', (e) => e.group_id],
  ['brand_id', (e) => e.brand_id],
  ['raw_score', (e) => e.raw_score],
  ['final_score', (e) => e.final_score],
  ['passed', (e) => e.passed],
  ['critical_failures', (e) => e.critical_failures.join(';')],
  ['section_id', (_e, a) => a?.section_id],
  ['criterion_id', (_e, a) => a?.criterion_id],
  ['rating', (_e, a) => a?.rating],
  ['fraction', (_e, a) => a?.fraction],
  ['na', (_e, a) => a?.na],
  ['weight', (_e, a) => a?.weight],
  ['critical_failed', (_e, a) => a?.critical_failed],
  ['root_causes', (_e, a) => a?.root_causes.join(';')],
  ['comment', (_e, a) => a?.comment],
  ['overall_comment', (e) => e.overall_comment],
];

/** Evaluations read per query when the caller fixes it (tests); memory stays flat however long the range. */
export const EXPORT_BATCH = 500;

/**
 * Batches sized by time (decision 018): each batch (its two statements and its CSV text) should take about
 * `targetMs`, so on PGlite, where a statement holds the only connection and this thread, health checks and submits
 * get their turn between batches whatever the scorecard's size or the machine's speed.
 */
export const ADAPTIVE_BATCH: AdaptiveBatch = { first: 100, min: 50, max: 2000, targetMs: 20 };

// an evaluation's cells come before and after its answer's: written once per evaluation, not once per answer
const ANSWER_FROM = COLUMNS.findIndex(([name]) => name === 'section_id');
const ANSWER_TO = COLUMNS.findIndex(([name]) => name === 'overall_comment');
const cells = (e: Row, a: ExportAnswer | undefined, from: number, to: number) =>
  COLUMNS.slice(from, to)
    .map(([, cell]) => csvCell(cell(e, a)))
    .join(',');

export interface ExportOptions {
  /** Evaluations per batch; by default batches are sized by time (`ADAPTIVE_BATCH`). The text does not depend on it. */
  batch?: number | AdaptiveBatch;
  /** Where the names come from (default: the people table alone; `zendeskNames` also asks Zendesk for missing ones). */
  names?: NameSource;
}

/**
 * The names of the batch's people not met in an earlier batch, added to `known` (an id without a name maps to
 * undefined, so it is not asked again).
 */
async function learnNames(
  db: Db,
  account: string,
  source: NameSource,
  evaluations: readonly ExportEvaluation[],
  known: Map<number, string | undefined>,
): Promise<void> {
  const ids = [...new Set(evaluations.flatMap((e) => [e.reviewee_id, e.reviewer_id]))].filter((id) => !known.has(id));
  if (ids.length === 0) return;
  const names = await source.namesOf(db, account, ids);
  for (const id of ids) known.set(id, names.get(id));
}

/** The CSV text of the matching evaluations, one keyset-paged batch at a time, in (created_at, id) order. */
export async function* exportCsv(db: Db, account: string, filters: ReportFilters, options: ExportOptions = {}): AsyncGenerator<string> {
  const { batch = ADAPTIVE_BATCH, names = storedNames } = options;
  yield csvRow(COLUMNS.map(([name]) => name));
  let after: Cursor | null = null;
  let size = typeof batch === 'number' ? batch : batch.first;
  const known = new Map<number, string | undefined>();
  for (;;) {
    if (after) await yieldToEventLoop();
    let started = performance.now();
    const evaluations = await exportEvaluations(db, account, filters, after, size);
    if (evaluations.length === 0) return;
    // time spent waiting on Zendesk for names is not the database's: it does not shrink the batches
    const asking = performance.now();
    await learnNames(db, account, names, evaluations, known);
    started += performance.now() - asking;
    const answers = await exportAnswers(
      db,
      account,
      evaluations.map((e) => e.id),
    );
    const byEvaluation = new Map<string, ExportAnswer[]>();
    for (const a of answers) {
      const list = byEvaluation.get(a.evaluation_id);
      if (list) list.push(a);
      else byEvaluation.set(a.evaluation_id, [a]);
    }
    let chunk = '';
    for (const evaluation of evaluations) {
      const e: Row = { ...evaluation, reviewee_name: known.get(evaluation.reviewee_id), reviewer_name: known.get(evaluation.reviewer_id) };
      const head = cells(e, undefined, 0, ANSWER_FROM);
      const tail = cells(e, undefined, ANSWER_TO, COLUMNS.length);
      // an evaluation without answers still gets its row
      for (const a of byEvaluation.get(e.id) ?? [undefined]) chunk += `${head},${cells(e, a, ANSWER_FROM, ANSWER_TO)},${tail}\r\n`;
    }
    yield chunk;
    if (evaluations.length < size) return;
    const last = evaluations.at(-1)!;
    after = { cursor: last.cursor, id: last.id };
    if (typeof batch !== 'number') size = nextBatch(size, performance.now() - started, batch);
  }
}

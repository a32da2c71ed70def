import { Hono } from 'hono';
import { routePath } from 'hono/route';
import { ReportFilters, instantRange } from '../../core/reports.ts';
import { actorOf, type AppEnv } from '../auth.ts';
import type { Db } from '../db/db.ts';
import type { AppDeps } from '../deps.ts';
import { consoleLogger, errorFields, type LogFields, type Logger } from '../log.ts';
import { parseOrThrow } from '../errors.ts';
import { csvCell, csvRow, type Cell } from '../../core/csv.ts';
import { scopeFilters } from '../reports/scope.ts';
import type { EvaluationRow } from '../store/evaluations.ts';
import { afterCursor, CURSOR_COLUMN, nextBatch, yieldToEventLoop, type AdaptiveBatch, type Cursor } from '../reports/pages.ts';
import { evaluationConditions, Params } from '../reports/sql.ts';

/** An evaluations row as the export selects it: times as UTC text (the cursor keeps microseconds). */
type ExportEvaluation = Pick<
  EvaluationRow,
  | 'id' | 'ticket_id' | 'reviewee_id' | 'reviewer_id' | 'scorecard_id' | 'scorecard_version' | 'kind' | 'status' | 'channel'
  | 'group_id' | 'brand_id' | 'raw_score' | 'final_score' | 'passed' | 'critical_failures' | 'overall_comment'
> & { created_at: string; cursor: string };

interface ExportAnswer {
  evaluation_id: string;
  section_id: string;
  criterion_id: string;
  rating: number | null;
  fraction: number | null;
  na: boolean;
  weight: number;
  critical_failed: boolean;
  root_causes: string[];
  comment: string | null;
}

/** The export's columns in order: one row per answer, the evaluation's facts repeated on each. */
const COLUMNS: Array<[string, (e: ExportEvaluation, a: ExportAnswer | undefined) => Cell]> = [
  ['evaluation_id', (e) => e.id],
  ['created_at', (e) => e.created_at],
  ['ticket_id', (e) => e.ticket_id],
  ['reviewee_id', (e) => e.reviewee_id],
  ['reviewer_id', (e) => e.reviewer_id],
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
const cells = (e: ExportEvaluation, a: ExportAnswer | undefined, from: number, to: number) =>
  COLUMNS.slice(from, to).map(([, cell]) => csvCell(cell(e, a))).join(',');

/**
 * The CSV text of the matching evaluations, one keyset-paged batch at a time, in (created_at, id) order; `batch`
 * fixes the evaluations per batch, else batches are sized by time (`ADAPTIVE_BATCH`). The text does not depend on it.
 */
export async function* exportCsv(
  db: Db,
  account: string,
  filters: ReportFilters,
  batch: number | AdaptiveBatch = ADAPTIVE_BATCH,
): AsyncGenerator<string> {
  yield csvRow(COLUMNS.map(([name]) => name));
  let after: Cursor | null = null;
  let size = typeof batch === 'number' ? batch : batch.first;
  for (;;) {
    if (after) await yieldToEventLoop();
    const started = performance.now();
    const p = new Params();
    const where = evaluationConditions(p, account, filters, instantRange(filters));
    if (after) where.push(afterCursor(p, after));
    const evaluations: ExportEvaluation[] = await db.query<ExportEvaluation>(
      `SELECT e.id, ${CURSOR_COLUMN},
         to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
         e.ticket_id, e.reviewee_id, e.reviewer_id, e.scorecard_id, e.scorecard_version, e.kind, e.status, e.channel,
         e.group_id, e.brand_id, e.raw_score, e.final_score, e.passed, e.critical_failures, e.overall_comment
       FROM evaluations e WHERE ${where.join(' AND ')}
       ORDER BY e.created_at, e.id LIMIT ${p.add(size)}`,
      p.values,
    );
    if (evaluations.length === 0) return;
    const answers = await db.query<ExportAnswer>(
      `SELECT evaluation_id, section_id, criterion_id, rating, fraction, na, weight, critical_failed, root_causes, comment
       FROM evaluation_answers WHERE account = $1 AND evaluation_id = ANY($2::uuid[]) ORDER BY evaluation_id, position`,
      [account, evaluations.map((e) => e.id)],
    );
    const byEvaluation = new Map<string, ExportAnswer[]>();
    for (const a of answers) {
      const list = byEvaluation.get(a.evaluation_id);
      if (list) list.push(a);
      else byEvaluation.set(a.evaluation_id, [a]);
    }
    let chunk = '';
    for (const e of evaluations) {
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

/** A byte stream that pulls one batch per read, so a slow client slows the database reads down. */
function streamOf(chunks: AsyncGenerator<string>, logger: Logger, where: LogFields): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cancelled = false;
  return new ReadableStream({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (cancelled) return;
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (err) {
        // the client went away while a batch was read: nothing failed
        if (cancelled) return;
        // the status is already sent: cut the body short so the client sees a failed download
        logger.error('CSV export failed mid-stream', { ...where, ...errorFields(err) });
        controller.error(err);
      }
    },
    async cancel() {
      cancelled = true;
      await chunks.return(undefined);
    },
  });
}

/** `/api/v1/exports`: CSV downloads of what the reports count (DESIGN.md §7), streamed. */
export function exportsRouter({ db, logger = consoleLogger('[service]') }: AppDeps): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/evaluations.csv', async (c) => {
    const actor = actorOf(c);
    const filters = scopeFilters(actor, parseOrThrow(ReportFilters, c.req.query()));
    const chunks = exportCsv(db, actor.account, filters);
    // the header and the first batch are read before the status is sent: a failing query is still a 500
    const head: string[] = [];
    for (let i = 0; i < 2; i++) {
      const next = await chunks.next();
      if (!next.done) head.push(next.value);
    }
    async function* all(): AsyncGenerator<string> {
      yield head.join('');
      yield* chunks;
    }
    return new Response(streamOf(all(), logger, { requestId: c.get('requestId'), method: 'GET', route: routePath(c), status: 200 }), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="evaluations.csv"',
        'Cache-Control': 'no-store',
      },
    });
  });
}

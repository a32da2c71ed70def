/**
 * Heavy reads in pages of evaluations (decision 018). On PGlite an aggregate over many evaluations runs page by page,
 * keyset pages in (created_at, id) order sized so that a page takes about `targetMs` (limits/batches.ts), with the
 * event loop let through between pages; callers merge the pages' partial results. PostgreSQL runs the same statement
 * once over everything ('whole').
 */
import type { InstantRange, ReportFilters } from '../../../core/reports.ts';
import type { Db } from '../../db/db.ts';
import { nextBatch, pagePolicyFor, yieldToEventLoop, type PagePolicy } from '../../limits/batches.ts';
import { evaluationConditions, Params } from './sql.ts';

/** An evaluation's place in (created_at, id) order; the time as UTC text with microseconds, so nothing is lost. */
export interface Cursor {
  cursor: string;
  id: string;
}

export const CURSOR_COLUMN = `to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor`;

export const afterCursor = (p: Params, c: Cursor) => `(e.created_at, e.id) > (${p.add(c.cursor)}::timestamptz, ${p.add(c.id)}::uuid)`;
const upToCursor = (p: Params, c: Cursor) => `(e.created_at, e.id) <= (${p.add(c.cursor)}::timestamptz, ${p.add(c.id)}::uuid)`;

/**
 * The rows of `statement` for each page of the evaluations matching the filters, a page at a time. `statement` gets
 * the parameters, the filters' conditions on `evaluations e` plus the page's bounds (to AND together), and whether
 * it runs in pages (a join to answers is then best an index lookup per evaluation, see `answersOf`). A page's time
 * counts the consumer's work on it too, so a consumer that parses or scores the rows gets smaller pages.
 */
export async function* pagedQuery<T>(
  db: Db,
  account: string,
  filters: ReportFilters,
  range: InstantRange,
  statement: (p: Params, where: string[], paged: boolean) => string,
  policy: PagePolicy = pagePolicyFor(db),
): AsyncGenerator<T[]> {
  if (policy === 'whole') {
    const p = new Params();
    yield await db.query<T>(statement(p, evaluationConditions(p, account, filters, range), false), p.values);
    return;
  }
  let after: Cursor | null = null;
  let size = policy.first;
  let busy = 0;
  let mark = performance.now();
  const pause = async () => {
    busy += performance.now() - mark;
    await yieldToEventLoop();
    mark = performance.now();
  };
  for (;;) {
    if (after) {
      await pause();
      size = nextBatch(size, busy, policy);
      busy = 0;
    }
    // the page's last evaluation, by the index on (account, created_at, id)
    const b = new Params();
    const bounds = evaluationConditions(b, account, filters, range);
    if (after) bounds.push(afterCursor(b, after));
    const [end] = await db.query<Cursor>(
      `SELECT ${CURSOR_COLUMN}, e.id FROM evaluations e WHERE ${bounds.join(' AND ')} ORDER BY e.created_at, e.id OFFSET ${b.add(size - 1)} LIMIT 1`,
      b.values,
    );
    await pause();
    const p = new Params();
    const where = evaluationConditions(p, account, filters, range);
    if (after) where.push(afterCursor(p, after));
    if (end) where.push(upToCursor(p, end));
    yield await db.query<T>(statement(p, where, true), p.values);
    if (!end) return;
    after = end;
  }
}

/** All rows of `pagedQuery`, for callers that merge the pages' partial results. */
export async function pagedRows<T>(...args: Parameters<typeof pagedQuery<T>>): Promise<T[]> {
  const out: T[] = [];
  for await (const rows of pagedQuery<T>(...args)) for (const row of rows) out.push(row);
  return out;
}

/**
 * `evaluations e` joined to its answers `a`: a plain join over everything; per page an index lookup per evaluation
 * (a lateral subquery the planner keeps as it is), or it would scan every answer of the account for each page.
 */
export const answersOf = (paged: boolean) =>
  paged
    ? 'evaluations e CROSS JOIN LATERAL (SELECT * FROM evaluation_answers x WHERE x.account = e.account AND x.evaluation_id = e.id OFFSET 0) a'
    : 'evaluations e JOIN evaluation_answers a ON a.account = e.account AND a.evaluation_id = e.id';

/**
 * Work in batches sized by time (decision 018). PGlite runs each statement on its one connection and in this thread,
 * so a heavy read or a long piece of JavaScript holds every health check and submit for as long as it runs. Heavy
 * work is cut into batches of about `targetMs` each, with the event loop let through between them; on PostgreSQL
 * aggregates run once over everything ('whole'): its statements run on the server, bounded by `statement_timeout`.
 */
import type { Db } from '../db/db.ts';

/** Sizes by time: about `targetMs` per batch, starting at `first`, between `min` and `max` items. */
export interface AdaptiveBatch {
  first: number;
  min: number;
  max: number;
  targetMs: number;
}

export type PagePolicy = AdaptiveBatch | 'whole';

/** Evaluations per aggregate page on PGlite: an aggregate reads a few thousand answer rows in ~20 ms there. */
export const PGLITE_PAGES: AdaptiveBatch = { first: 500, min: 100, max: 20_000, targetMs: 20 };

export const pagePolicyFor = (db: Db): PagePolicy => (db.kind === 'pglite' ? PGLITE_PAGES : 'whole');

/** The next batch size: towards `targetMs`, at most doubling or halving at a time. */
export function nextBatch(size: number, elapsedMs: number, policy: AdaptiveBatch): number {
  const scaled = size * (policy.targetMs / Math.max(elapsedMs, 0.1));
  return Math.round(Math.min(policy.max, Math.max(policy.min, size / 2, Math.min(scaled, size * 2))));
}

/** Lets I/O and timers run: on PGlite the next statement then queues behind those that arrived meanwhile. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

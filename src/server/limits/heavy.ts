/**
 * Bounded heavy work (decision 018): reports, CSV exports, what-if, coverage and suggestions read many rows. Each
 * account may run a few of them at once in this process, all accounts together a few more; a short queue absorbs a
 * page that asks for six reports at once, and beyond it the answer is 429 with Retry-After. The gates are in memory
 * and per instance on purpose: they bound this process's own work (its event loop, its connections), which is what
 * an instance behind a load balancer has to protect; nothing about them needs to be shared.
 */
import type { MiddlewareHandler } from 'hono';
import { actorOf, type AppEnv } from '../auth.ts';
import type { Db } from '../db/db.ts';
import { ApiError, tooManyRequests } from '../errors.ts';

export interface HeavyLimits {
  /** Heavy requests of one account running at once in this instance. */
  perAccount: number;
  /** Heavy requests of all accounts running at once in this instance. */
  total: number;
  /** Heavy requests of one account waiting for a slot; one more is answered 429 at once. */
  queuePerAccount: number;
  /** Longest wait in the queue; then 429. */
  maxWaitMs: number;
  /** The Retry-After of those 429s, in seconds. */
  retryAfterSeconds: number;
  /** A streamed answer (the CSV) the client has not read for this long is cut, so a stalled download frees its slot. */
  streamIdleMs: number;
}

/**
 * PGlite is one connection in this process: one heavy request at a time, or a second one's statements would queue
 * between the first one's and every light request behind both. PostgreSQL: heavy requests get a pool of their own
 * (`total` connections), so light requests never wait for a connection behind them.
 */
export const DEFAULT_HEAVY_LIMITS: Record<Db['kind'], HeavyLimits> = {
  pglite: { perAccount: 1, total: 1, queuePerAccount: 8, maxWaitMs: 15_000, retryAfterSeconds: 2, streamIdleMs: 30_000 },
  pg: { perAccount: 2, total: 4, queuePerAccount: 8, maxWaitMs: 15_000, retryAfterSeconds: 2, streamIdleMs: 30_000 },
};

/**
 * The heavy routes under /api/v1 ([method, path] as Hono matches them): each reads or folds many evaluations, or
 * runs one query per item of a list (targets' progress, calibration history).
 */
export const HEAVY_ROUTES: ReadonlyArray<readonly [method: string, path: string]> = [
  ['GET', '/reports/*'],
  ['GET', '/exports/*'],
  ['POST', '/suggestions'],
  ['POST', '/scorecards/:id/what-if'],
  ['GET', '/targets'],
  ['GET', '/calibration-sessions/history'],
  ['GET', '/autoqa/summary'],
  ['GET', '/autoqa/spotlight'],
];

export const heavyLimitsFor = (kind: Db['kind'], over: Partial<HeavyLimits> = {}): HeavyLimits => ({
  ...DEFAULT_HEAVY_LIMITS[kind],
  ...over,
});

const busy = (limits: HeavyLimits) =>
  tooManyRequests('too many reports and exports are running for your account: try again in a moment', limits.retryAfterSeconds);
// the client went away while it waited: nobody reads this answer, it only must not count as a server error
const cancelled = () => new ApiError(503, 'the request was cancelled while it waited for a slot');

interface Waiter {
  account: string;
  grant(release: () => void): void;
  refuse(err: unknown): void;
}

export interface HeavyGate {
  /**
   * A slot for `account`: at once when one is free, else after a wait in the account's queue. Rejects with a 429
   * `ApiError` when the queue is full or the wait exceeds `maxWaitMs`, with a 503 one when `signal` aborts.
   * Resolves to `release`, which frees the slot (calling it again does nothing).
   */
  acquire(account: string, signal?: AbortSignal): Promise<() => void>;
  /** Whether a request of `account` would be refused at once (its queue is full). */
  full(account: string): boolean;
  /** What runs and waits now (tests, and a figure worth logging). */
  stats(): { running: number; waiting: number; byAccount: Record<string, { running: number; waiting: number }> };
}

/** Per-account and total concurrency with per-account FIFO queues, served round-robin across accounts. */
export function createHeavyGate(limits: HeavyLimits): HeavyGate {
  const running = new Map<string, number>();
  let total = 0;
  // insertion order is the round-robin order; an account leaves the map when its queue empties
  const queues = new Map<string, Waiter[]>();
  let lastServed: string | undefined;

  const canRun = (account: string) => total < limits.total && (running.get(account) ?? 0) < limits.perAccount;

  function start(account: string): () => void {
    total++;
    running.set(account, (running.get(account) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      total--;
      const left = running.get(account)! - 1;
      if (left > 0) running.set(account, left);
      else running.delete(account);
      dispatch();
    };
  }

  /** Hands free slots to waiters: the next account after the last one served first, so one account cannot hog them. */
  function dispatch(): void {
    while (total < limits.total && queues.size > 0) {
      const accounts = [...queues.keys()];
      const from = lastServed === undefined ? 0 : accounts.indexOf(lastServed) + 1;
      let next: string | undefined;
      for (let i = 0; i < accounts.length && next === undefined; i++) {
        const a = accounts[(from + i) % accounts.length]!;
        if (canRun(a)) next = a;
      }
      if (next === undefined) return;
      const queue = queues.get(next)!;
      const waiter = queue.shift()!;
      if (queue.length === 0) queues.delete(next);
      lastServed = next;
      waiter.grant(start(next));
    }
  }

  function remove(waiter: Waiter): void {
    const queue = queues.get(waiter.account);
    const at = queue?.indexOf(waiter) ?? -1;
    if (!queue || at < 0) return;
    queue.splice(at, 1);
    if (queue.length === 0) queues.delete(waiter.account);
  }

  return {
    acquire(account, signal) {
      if (signal?.aborted) return Promise.reject(cancelled());
      if (!queues.has(account) && canRun(account)) return Promise.resolve(start(account));
      const queue = queues.get(account) ?? [];
      if (queue.length >= limits.queuePerAccount) return Promise.reject(busy(limits));
      return new Promise((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
        };
        const waiter: Waiter = {
          account,
          grant: (release) => {
            done();
            resolve(release);
          },
          refuse: (err) => {
            done();
            remove(waiter);
            reject(err);
          },
        };
        const timer = setTimeout(() => waiter.refuse(busy(limits)), limits.maxWaitMs);
        const onAbort = () => waiter.refuse(cancelled());
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(waiter);
        queues.set(account, queue);
      });
    },
    full(account) {
      const waiting = queues.get(account)?.length ?? 0;
      return (waiting > 0 || !canRun(account)) && waiting >= limits.queuePerAccount;
    },
    stats() {
      const byAccount: Record<string, { running: number; waiting: number }> = {};
      for (const [a, n] of running) byAccount[a] = { running: n, waiting: 0 };
      for (const [a, q] of queues) byAccount[a] = { running: byAccount[a]?.running ?? 0, waiting: q.length };
      return { running: total, waiting: [...queues.values()].reduce((n, q) => n + q.length, 0), byAccount };
    },
  };
}

/**
 * The body of `res` passed through, with `release` called once it ends, fails or is cancelled, and the download
 * cut when the client reads nothing for `idleMs`.
 */
function releasedAtEnd(body: ReadableStream<Uint8Array>, release: () => void, idleMs: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let idle: ReturnType<typeof setTimeout> | undefined;
  const finish = () => {
    clearTimeout(idle);
    release();
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      clearTimeout(idle);
      try {
        const next = await reader.read();
        if (next.done) {
          finish();
          controller.close();
          return;
        }
        controller.enqueue(next.value);
        idle = setTimeout(() => {
          finish();
          controller.error(new Error('download stalled'));
          void reader.cancel('download stalled').catch(() => {});
        }, idleMs);
      } catch (err) {
        finish();
        controller.error(err);
      }
    },
    async cancel(reason) {
      finish();
      await reader.cancel(reason);
    },
  });
}

/**
 * Middleware for heavy routes before `authenticate`: when the account the credential names already has a full queue,
 * 429 at once, without the database work of authenticating a request that would be refused anyway (a client that
 * ignores Retry-After then costs next to nothing). Nothing is granted on the unverified name: admission is
 * `heavyWork`'s, after authentication.
 */
export function refuseWhenFull(
  gate: HeavyGate,
  limits: HeavyLimits,
  accountOf: (authorization: string | undefined) => string | undefined,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const account = accountOf(c.req.header('authorization'));
    if (account !== undefined && gate.full(account)) throw busy(limits);
    await next();
  };
}

/**
 * Middleware for heavy routes (after `authenticate`): waits for a slot of the caller's account or answers 429; the
 * slot is held until the answer is produced, and for a streamed answer (anything but JSON) until it is read to the end.
 */
export function heavyWork(gate: HeavyGate, limits: HeavyLimits): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const release = await gate.acquire(actorOf(c).account, c.req.raw.signal);
    let handedOver = false;
    try {
      await next();
      const body = c.res.body;
      const type = c.res.headers.get('content-type') ?? '';
      if (body && !c.error && !type.includes('json')) {
        c.res = new Response(releasedAtEnd(body, release, limits.streamIdleMs), c.res);
        handedOver = true;
      }
    } finally {
      if (!handedOver) release();
    }
  };
}

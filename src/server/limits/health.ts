/**
 * `/healthz` answered by the process from the latest database check, never waiting behind a report (decision 018).
 * On PGlite every statement queues on the one connection: a `SELECT 1` per probe would wait for whatever heavy
 * statement runs. So a probe starts a check when the last one is older than `refreshMs` (one at a time) and answers
 * at once from the last finished one: healthy while the database answered a check within `staleMs`.
 */
import type { Queryable } from '../db/db.ts';
import { pingDatabase } from '../store/health.ts';

export interface HealthOptions {
  /** A probe starts a new check when the last one finished longer ago than this. */
  refreshMs: number;
  /** Unhealthy when no check succeeded for this long (the database is down or wedged). */
  staleMs: number;
}

export const DEFAULT_HEALTH: HealthOptions = { refreshMs: 1_000, staleMs: 10_000 };

export interface HealthState {
  ok: boolean;
  /** Milliseconds since the database last answered a check (null: never). */
  lastOkAgoMs: number | null;
}

export function createHealth(db: Queryable, options: HealthOptions = DEFAULT_HEALTH, now: () => number = () => performance.now()) {
  let lastOkAt: number | null = null;
  let lastCheckAt: number | null = null;
  let lastFailed = false;
  let inFlight: Promise<void> | null = null;

  function check(): Promise<void> {
    const started = now();
    inFlight ??= pingDatabase(db)
      .then(
        () => {
          lastOkAt = now();
          lastFailed = false;
        },
        () => {
          lastFailed = true;
        },
      )
      .finally(() => {
        lastCheckAt = started;
        inFlight = null;
      });
    return inFlight;
  }

  return {
    /** The state to answer with; waits only for the very first check (a process that never reached its database). */
    async state(): Promise<HealthState> {
      if (!inFlight && (lastCheckAt === null || now() - lastCheckAt >= options.refreshMs)) void check();
      if (lastCheckAt === null && inFlight) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([inFlight, new Promise((resolve) => (timer = setTimeout(resolve, options.staleMs)))]);
        clearTimeout(timer);
      }
      const ago = lastOkAt === null ? null : now() - lastOkAt;
      return { ok: !lastFailed && ago !== null && ago <= options.staleMs, lastOkAgoMs: ago === null ? null : Math.round(ago) };
    },
  };
}

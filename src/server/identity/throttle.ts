/** Failed authentication, counted in PostgreSQL per client address and per account in one-minute windows. */
import type { Db } from '../db/db.ts';
import type { Clock } from '../deps.ts';
import { tooManyRequests } from '../errors.ts';
import { failuresIn, recordFailure } from '../store/auth-failures.ts';

const WINDOW_MS = 60_000;

export interface Throttle {
  /** 429 with Retry-After when any of the keys has used up its failures in this window. */
  check(client: string, account?: string): Promise<void>;
  /** One more failure for the client and, when known, the account. */
  fail(client: string, account?: string): Promise<void>;
}

export function createThrottle(db: Db, clock: Clock, limits: { perClient: number; perAccount: number }): Throttle {
  const keysOf = (client: string, account?: string) => [`client:${client}`, ...(account ? [`account:${account}`] : [])];
  const windowOf = (now: Date) => new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
  return {
    async check(client, account) {
      const now = clock.now();
      const start = windowOf(now);
      const counts = await failuresIn(db, keysOf(client, account), start);
      const over =
        (counts.get(`client:${client}`) ?? 0) >= limits.perClient ||
        (account !== undefined && (counts.get(`account:${account}`) ?? 0) >= limits.perAccount);
      if (over) {
        const retryAfter = Math.max(1, Math.ceil((start.getTime() + WINDOW_MS - now.getTime()) / 1000));
        throw tooManyRequests('too many failed sign-ins: wait and try again', retryAfter);
      }
    },
    async fail(client, account) {
      const now = clock.now();
      await recordFailure(db, keysOf(client, account), windowOf(now), new Date(now.getTime() - 10 * WINDOW_MS));
    },
  };
}

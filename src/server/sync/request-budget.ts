/**
 * How many requests the sync may make: at most `perMinute` in any 60 seconds (a sliding window, so also in each of
 * Zendesk's clock minutes), counted. The account's API limit is shared with every other app and integration, so the
 * sync takes only a share of it; the incremental exports have a lower limit of their own (10 a minute).
 */

const WINDOW_MS = 60_000;

/** Time as the sync sees it: real by default, virtual in tests (sleep moves the clock). */
export interface Timer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTimer: Timer = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
};

export interface RequestBudget {
  /** Requests allowed in any 60 s. */
  readonly perMinute: number;
  /** Milliseconds to wait before one more request fits (0: now). */
  waitMs(now: number): number;
  /** Counts a request made at `now`. */
  record(now: number): void;
  /** Changes the allowance (the account's limit became known); what was recorded stays counted. */
  setPerMinute(perMinute: number): void;
}

export function requestBudget(perMinute: number): RequestBudget {
  let allowed = Math.max(1, Math.floor(perMinute));
  // the send times of the requests of the last 60 s, oldest first
  const sent: number[] = [];
  const forget = (now: number) => {
    while (sent.length > 0 && sent[0]! <= now - WINDOW_MS) sent.shift();
  };
  return {
    get perMinute() {
      return allowed;
    },
    waitMs(now) {
      forget(now);
      // the request that must leave the window first for one more to fit
      return sent.length < allowed ? 0 : sent[sent.length - allowed]! + WINDOW_MS - now;
    },
    record(now) {
      forget(now);
      sent.push(now);
    },
    setPerMinute(next) {
      allowed = Math.max(1, Math.floor(next));
    },
  };
}

/** Waits until every budget has room, then counts one request in each; returns how long it waited. */
export async function takeFrom(budgets: readonly RequestBudget[], timer: Timer): Promise<number> {
  let waited = 0;
  for (;;) {
    const now = timer.now();
    const wait = Math.max(0, ...budgets.map((b) => b.waitMs(now)));
    if (wait === 0) {
      for (const b of budgets) b.record(now);
      return waited;
    }
    await timer.sleep(wait);
    waited += wait;
  }
}

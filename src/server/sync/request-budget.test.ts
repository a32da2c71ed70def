/** The request budget: at most N requests in any 60 s, waiting as little as that allows. */
import { describe, expect, it } from 'vitest';
import { requestBudget, takeFrom, type Timer } from './request-budget.ts';

function virtualTimer(start = 0): Timer & { at: number } {
  const t = {
    at: start,
    now: () => t.at,
    sleep: async (ms: number) => {
      t.at += ms;
    },
  };
  return t;
}

describe('requestBudget', () => {
  it('lets N requests through at once, then one each time the oldest leaves the 60 s window', async () => {
    const timer = virtualTimer();
    const budget = requestBudget(3);
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      timer.at += 1000;
      await takeFrom([budget], timer);
      times.push(timer.at);
    }
    expect(times).toEqual([1000, 2000, 3000, 61_000, 62_000, 63_000, 121_000]);
  });

  it('waits for the slowest of several budgets and counts the request in each', async () => {
    const timer = virtualTimer();
    const exports = requestBudget(2);
    const account = requestBudget(70);
    for (let i = 0; i < 5; i++) await takeFrom([exports, account], timer);
    // two at 0, two at 60 s, the fifth at 120 s; the sixth fits at 120 s too, the seventh waits a minute
    expect(timer.at).toBe(120_000);
    await takeFrom([exports, account], timer);
    expect(timer.at).toBe(120_000);
    expect(exports.waitMs(timer.now())).toBe(60_000);
    expect(account.waitMs(timer.now())).toBe(0);
  });

  it('allows at least one request a minute, and a new allowance counts what was sent', () => {
    expect(requestBudget(0.4).perMinute).toBe(1);
    const budget = requestBudget(10);
    for (let i = 0; i < 5; i++) budget.record(i);
    budget.setPerMinute(5);
    expect(budget.waitMs(10)).toBe(60_000 - 10);
    budget.setPerMinute(6);
    expect(budget.waitMs(10)).toBe(0);
  });
});

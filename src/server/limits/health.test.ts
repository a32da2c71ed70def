import { describe, expect, it } from 'vitest';
import type { Queryable } from '../db/db.ts';
import { createHealth } from './health.ts';

/** A database whose checks answer when the test says so. */
function slowDb() {
  const pending: Array<{ ok: () => void; fail: () => void }> = [];
  const db: Queryable = {
    query: () => new Promise((resolve, reject) => pending.push({ ok: () => resolve([]), fail: () => reject(new Error('down')) })) as never,
    exec: async () => {},
  };
  return { db, pending };
}

describe('health', () => {
  it('waits for the first check only; then answers at once from the last one, one check at a time', async () => {
    const { db, pending } = slowDb();
    let now = 0;
    const health = createHealth(db, { refreshMs: 100, staleMs: 1_000 }, () => now);
    const first = health.state();
    expect(pending).toHaveLength(1);
    pending[0]!.ok();
    expect(await first).toEqual({ ok: true, lastOkAgoMs: 0 });
    // a check is due, and stays pending behind a long statement: probes do not wait for it
    now = 150;
    expect(await health.state()).toEqual({ ok: true, lastOkAgoMs: 150 });
    now = 600;
    expect(await health.state()).toEqual({ ok: true, lastOkAgoMs: 600 });
    expect(pending).toHaveLength(2);
    // nothing answered for longer than staleMs: unhealthy
    now = 1_200;
    expect((await health.state()).ok).toBe(false);
    pending[1]!.ok();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await health.state()).toEqual({ ok: true, lastOkAgoMs: 0 });
  });

  it('is unhealthy as soon as a check fails', async () => {
    const { db, pending } = slowDb();
    let now = 0;
    const health = createHealth(db, { refreshMs: 100, staleMs: 10_000 }, () => now);
    const first = health.state();
    pending[0]!.ok();
    await first;
    now = 200;
    await health.state();
    pending[1]!.fail();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await health.state()).toEqual({ ok: false, lastOkAgoMs: 200 });
  });
});

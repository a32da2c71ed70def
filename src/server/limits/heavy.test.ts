import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppEnv } from '../auth.ts';
import { ApiError } from '../errors.ts';
import { createHeavyGate, DEFAULT_HEAVY_LIMITS, heavyLimitsFor, heavyWork, refuseWhenFull, type HeavyLimits } from './heavy.ts';

const limits = (over: Partial<HeavyLimits> = {}): HeavyLimits => ({
  perAccount: 1,
  total: 2,
  queuePerAccount: 2,
  maxWaitMs: 1_000,
  retryAfterSeconds: 3,
  streamIdleMs: 1_000,
  ...over,
});

/** Resolves with the order in which acquisitions were granted. */
function tracker() {
  const granted: string[] = [];
  const releases = new Map<string, () => void>();
  return {
    granted,
    take: (gate: ReturnType<typeof createHeavyGate>, account: string, name: string, signal?: AbortSignal) =>
      gate.acquire(account, signal).then((release) => {
        granted.push(name);
        releases.set(name, release);
      }),
    release: (name: string) => releases.get(name)!(),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => vi.useRealTimers());

describe('heavy gate', () => {
  it('runs perAccount at once per account and total in all; the rest wait in order', async () => {
    const gate = createHeavyGate(limits({ perAccount: 2, total: 3, queuePerAccount: 5 }));
    const t = tracker();
    for (const name of ['a1', 'a2', 'a3', 'a4']) void t.take(gate, 'a', name);
    void t.take(gate, 'b', 'b1');
    void t.take(gate, 'b', 'b2');
    await settle();
    expect(t.granted).toEqual(['a1', 'a2', 'b1']);
    expect(gate.stats()).toMatchObject({ running: 3, waiting: 3 });
    t.release('a1');
    await settle();
    // one slot free, waiters in a and b: a's queue is first in turn
    expect(t.granted).toEqual(['a1', 'a2', 'b1', 'a3']);
    t.release('b1');
    await settle();
    expect(t.granted.at(-1)).toBe('b2');
  });

  it('serves accounts round-robin, so one account with a long queue does not starve another', async () => {
    const gate = createHeavyGate(limits({ perAccount: 5, total: 1, queuePerAccount: 5 }));
    const t = tracker();
    void t.take(gate, 'a', 'a1');
    for (const name of ['a2', 'a3', 'a4']) void t.take(gate, 'a', name);
    void t.take(gate, 'b', 'b1');
    await settle();
    for (const name of ['a1', 'a2', 'b1', 'a3']) {
      t.release(name);
      await settle();
    }
    expect(t.granted).toEqual(['a1', 'a2', 'b1', 'a3', 'a4']);
  });

  it('refuses with 429 and Retry-After once the account queue is full, and frees nothing twice', async () => {
    const gate = createHeavyGate(limits({ queuePerAccount: 1 }));
    const release = await gate.acquire('a');
    const waiting = gate.acquire('a');
    const refused = await gate.acquire('a').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 429, headers: { 'Retry-After': '3' } });
    expect((refused as ApiError).message).toMatch(/too many reports and exports/);
    // another account has its own queue
    await expect(gate.acquire('b')).resolves.toBeTypeOf('function');
    release();
    release();
    const second = await waiting;
    expect(gate.stats()).toMatchObject({ running: 2, waiting: 0 });
    second();
    expect(gate.stats().byAccount.a).toBeUndefined();
  });

  it('gives up after maxWaitMs with a 429, and drops a waiter whose client went away with a 503', async () => {
    vi.useFakeTimers();
    const gate = createHeavyGate(limits({ queuePerAccount: 3, maxWaitMs: 500 }));
    await gate.acquire('a');
    const late = gate.acquire('a').catch((e: unknown) => e);
    const client = new AbortController();
    const gone = gate.acquire('a', client.signal).catch((e: unknown) => e);
    client.abort();
    expect(await gone).toMatchObject({ status: 503 });
    expect(gate.stats().waiting).toBe(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(await late).toMatchObject({ status: 429 });
    expect(gate.stats()).toMatchObject({ running: 1, waiting: 0 });
  });

  it('says when an account is full: every slot taken and its queue at its length', async () => {
    const gate = createHeavyGate(limits({ perAccount: 1, total: 2, queuePerAccount: 1 }));
    expect(gate.full('a')).toBe(false);
    await gate.acquire('a');
    expect(gate.full('a')).toBe(false);
    void gate.acquire('a');
    expect(gate.full('a')).toBe(true);
    expect(gate.full('b')).toBe(false);
    const none = createHeavyGate(limits({ perAccount: 1, queuePerAccount: 0 }));
    await none.acquire('a');
    expect(none.full('a')).toBe(true);
  });

  it('has defaults by storage: one at a time on PGlite, its own few on PostgreSQL', () => {
    expect(heavyLimitsFor('pglite')).toMatchObject({ perAccount: 1, total: 1 });
    expect(heavyLimitsFor('pg', { total: 8 })).toEqual({ ...DEFAULT_HEAVY_LIMITS.pg, total: 8 });
  });
});

describe('heavyWork middleware', () => {
  function appWith(l: HeavyLimits) {
    const gate = createHeavyGate(l);
    const app = new Hono<AppEnv>();
    let authenticated = 0;
    app.use(
      '/heavy/*',
      refuseWhenFull(gate, l, (authorization) => authorization ?? 'a'),
    );
    app.use(async (c, next) => {
      authenticated++;
      c.set('actor', {
        account: c.req.header('authorization') ?? 'a',
        userId: 1,
        role: 'lead',
        name: 'L',
        via: 'session',
        credentialId: 'x',
      });
      await next();
    });
    app.use('/heavy/*', heavyWork(gate, l));
    app.get('/heavy/json', (c) => c.json({ ok: true }));
    app.get('/heavy/fails', () => {
      throw new ApiError(400, 'bad');
    });
    app.get('/heavy/csv', () => {
      let n = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (n++ < 3) controller.enqueue(new TextEncoder().encode(`row ${n}\n`));
          else controller.close();
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/csv' } });
    });
    app.onError((err, c) =>
      err instanceof ApiError ? c.json({ error: err.message }, err.status, err.headers) : c.json({ error: 'internal' }, 500),
    );
    return { app, gate, authenticated: () => authenticated };
  }

  it('frees the slot when a JSON answer or an error is made, a streamed one when it is read to its end', async () => {
    const { app, gate } = appWith(limits());
    expect((await app.request('/heavy/json')).status).toBe(200);
    expect((await app.request('/heavy/fails')).status).toBe(400);
    expect(gate.stats().running).toBe(0);
    const csv = await app.request('/heavy/csv');
    expect(gate.stats().running).toBe(1);
    // the same account's next heavy request waits for the download, then runs
    const next = app.request('/heavy/json');
    await settle();
    expect(gate.stats()).toMatchObject({ running: 1, waiting: 1 });
    expect(await csv.text()).toBe('row 1\nrow 2\nrow 3\n');
    expect((await next).status).toBe(200);
    expect(gate.stats()).toMatchObject({ running: 0, waiting: 0 });
  });

  it('answers 429 with Retry-After and a JSON error beyond the queue', async () => {
    const { app, authenticated } = appWith(limits({ queuePerAccount: 0 }));
    const held = await app.request('/heavy/csv');
    const refused = await app.request('/heavy/json');
    expect(refused.status).toBe(429);
    // refused before authentication: no database work for it
    expect(authenticated()).toBe(1);
    expect(refused.headers.get('retry-after')).toBe('3');
    expect(await refused.json()).toEqual({ error: expect.stringMatching(/try again/) });
    expect((await app.request('/heavy/json', { headers: { authorization: 'b' } })).status).toBe(200);
    await held.body!.cancel();
    expect((await app.request('/heavy/json')).status).toBe(200);
  });

  it('cuts a download nobody reads for streamIdleMs and frees its slot', async () => {
    const { app, gate } = appWith(limits({ streamIdleMs: 30 }));
    const csv = await app.request('/heavy/csv');
    const reader = csv.body!.getReader();
    await reader.read();
    expect(gate.stats().running).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(gate.stats().running).toBe(0);
    await expect(reader.read()).rejects.toThrow(/stalled/);
  });
});

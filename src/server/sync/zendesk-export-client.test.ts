/**
 * The sync's Zendesk client against the local Zendesk over HTTP (a real server; the clock is virtual, shared by both:
 * the client's waits move it): pages and cursors, its request budget, retry-after on 429, retries on 5xx, timeouts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busiestMinute, useVirtualZendesk } from '../../../tests/support/virtual-zendesk.ts';
import { type ExportClientOptions, type ExportFrom, exportClient, retryAfterSeconds, ZendeskSyncError } from './zendesk-export-client.ts';

const zd = useVirtualZendesk();
const client = (options: ExportClientOptions = {}) =>
  exportClient(zd().account, { fetch: zd().fetch, timer: zd().timer, random: () => 1, ...options });

async function allTickets(c: ReturnType<typeof exportClient>, from: ExportFrom = { startTime: 0 }) {
  const ids: number[] = [];
  const metrics: number[] = [];
  let page = await c.tickets(from);
  for (;;) {
    ids.push(...page.items.map((t) => t.id));
    metrics.push(...page.metricSets.map((m) => m.ticket_id));
    if (page.endOfStream) return { ids, metrics, cursor: page.afterCursor };
    page = await c.tickets({ cursor: page.afterCursor! });
  }
}

const sortedIds = () =>
  zd()
    .state.tickets()
    .map((t) => t.id)
    .sort((a, b) => a - b);

describe('the export client', () => {
  it('reads every ticket once with its metrics, a page a request, and resumes from the cursor it returned', async () => {
    const c = client({ perPage: 50 });
    const { ids, metrics, cursor } = await allTickets(c);
    expect([...ids].sort((a, b) => a - b)).toEqual(sortedIds());
    expect(metrics).toEqual(ids);
    expect(c.spent()).toMatchObject({ requests: Math.ceil(ids.length / 50), rateLimited: 0, retries: 0 });

    // a change, then the next export from the stored cursor: only the changed ticket
    const ticket = zd()
      .state.tickets()
      .find((t) => t.status === 'open')!;
    zd().state.touch(ticket);
    zd().advance(61_000);
    const next = await allTickets(client(), { cursor: cursor! });
    expect(next.ids).toEqual([ticket.id]);
  });

  it('reads every comment from the ticket events, and users and groups', async () => {
    const c = client();
    const comments = new Map<number, { ticketId: number; body: string }>();
    let page = await c.ticketEvents(0);
    for (;;) {
      for (const comment of page.comments) comments.set(comment.id, comment);
      if (page.endOfStream) break;
      page = await c.ticketEvents(page.nextStartTime);
    }
    const expected = zd()
      .state.tickets()
      .flatMap((t) => t.comments.map((x) => [x.id, t.id, x.body] as const));
    expect(comments.size).toBe(expected.length);
    for (const [id, ticketId, body] of expected) expect(comments.get(id)).toMatchObject({ ticketId, body });

    const users = await c.users({ startTime: 0 });
    expect(users.items.length).toBe(zd().state.data.users.length);
    expect(users.endOfStream).toBe(true);
    expect((await c.groups()).map((g) => g.name)).toEqual(zd().state.data.groups.map((g) => g.name));
  });

  it("keeps to the exports' 10 requests a minute by itself: Zendesk never has to refuse one", async () => {
    const c = client({ perPage: 10 });
    const { ids } = await allTickets(c);
    expect(ids.length).toBe(zd().state.tickets().length);
    expect(c.spent().rateLimited).toBe(0);
    expect(busiestMinute(zd().sent)).toBe(10);
    expect(zd().sent.at(-1)! - zd().sent[0]!).toBeGreaterThanOrEqual(3 * 60_000);
  });

  it("spends at most its share of the account's limit, which it learns from Zendesk's x-rate-limit", async () => {
    zd().state.setFaults({ budgetPerMinute: 300 });
    // 2% of 300: 6 a minute, below the exports' 10
    const c = client({ perPage: 25, share: 0.02 });
    await allTickets(c);
    expect(c.spent().allowedPerMinute).toBe(6);
    // the first request went out under the default limit (700: 14 a minute); after it, 6
    expect(busiestMinute(zd().sent.slice(1))).toBeLessThanOrEqual(6);
    expect(c.spent().requests).toBe(zd().sent.length);
  });

  it("waits the retry-after of the account's 429 (plain text), and goes on", async () => {
    zd().state.setFaults({ rateLimitedFor: 7 });
    zd().onSleep = () => zd().state.setFaults({ rateLimitedFor: null });
    const c = client();
    const page = await c.tickets({ startTime: 0 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(zd().sleeps).toEqual([7000]);
    expect(c.spent()).toMatchObject({ requests: 2, rateLimited: 1, retryAfterWaitMs: 7000 });
  });

  it('slows down through a 429 storm of the exports (JSON bodies) without an error, reading every ticket once', async () => {
    // a client told the exports allow 100 a minute: Zendesk refuses the 11th in a minute, with retry-after
    const c = client({ perPage: 20, exportsPerMinute: 100 });
    const { ids } = await allTickets(c);
    expect([...ids].sort((a, b) => a - b)).toEqual(sortedIds());
    expect(c.spent().rateLimited).toBeGreaterThan(0);
    expect(c.spent().retryAfterWaitMs).toBeGreaterThan(0);
  });

  it('retries a 5xx after a jittered back-off, and stops with a plain error when Zendesk stays down', async () => {
    zd().state.setFaults({ serverErrors: 2 });
    const c = client({ random: () => 0 });
    expect((await c.tickets({ startTime: 0 })).items.length).toBeGreaterThan(0);
    // 1 s then 2 s, each between half and all of it: half with this randomness
    expect(zd().sleeps).toEqual([500, 1000]);
    expect(c.spent()).toMatchObject({ requests: 3, retries: 2 });

    zd().state.setFaults({ serverErrors: 100 });
    const down = client({ retries: 3 });
    const error = await down.tickets({ startTime: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZendeskSyncError);
    expect(error).toMatchObject({ kind: 'unreachable', message: expect.stringContaining('answered 503') });
    expect(down.spent().requests).toBe(4);
  });

  it('stops at once, in words an admin can act on, when Zendesk refuses the credential', async () => {
    const c = exportClient({ ...zd().account, apiToken: 'not-the-token-of-this-account' }, { timer: zd().timer });
    const error = await c.tickets({ startTime: 0 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'credential', message: expect.stringContaining('check the API token') });
    expect(c.spent().requests).toBe(1);
  });

  it("says what Zendesk refused, with Zendesk's description", async () => {
    const error = await client()
      .tickets({ startTime: Math.floor(zd().timer.now() / 1000) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'refused', message: expect.stringContaining('start_time') });
  });
});

describe('timeouts', () => {
  let silent: Server;
  let url: string;
  beforeAll(async () => {
    // a server that accepts the request and never answers
    silent = createServer(() => {});
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    silent.closeAllConnections();
    silent.close();
  });

  it('gives a request up after its timeout and retries it, then stops with an error', async () => {
    const c = exportClient({ ...zd().account, zendeskUrl: url }, { timer: zd().timer, timeoutMs: 50, retries: 1 });
    const error = await c.groups().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unreachable', message: expect.stringContaining('could not be reached after 2 tries') });
    expect(c.spent()).toMatchObject({ requests: 2, retries: 1 });
  });
});

describe('retryAfterSeconds', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    expect(retryAfterSeconds('30', now)).toBe(30);
    expect(retryAfterSeconds('Tue, 10 Mar 2026 12:00:45 GMT', now)).toBe(45);
    expect(retryAfterSeconds(null, now)).toBeNull();
    expect(retryAfterSeconds('soon', now)).toBeNull();
  });
});

/**
 * The sync's Zendesk client against the local Zendesk over HTTP (a real server; the clock is virtual, shared by both:
 * the client's waits move it): pages and cursors, its request budget, retry-after on 429, retries on 5xx, timeouts.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDevhost, type Manifest, type RunningDevhost } from '../../devhost/devhost.ts';
import { createZendeskState, type ZendeskState } from '../../devhost/zendesk-state.ts';
import type { AccountConfig, Fetch } from '../deps.ts';
import type { Timer } from './request-budget.ts';
import { type ExportClientOptions, type ExportFrom, exportClient, retryAfterSeconds, ZendeskSyncError } from './zendesk-export-client.ts';

const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '../../../manifest.json'), 'utf8')) as Manifest;

let virtual = Date.parse('2026-03-10T12:00:30Z');
let onSleep: (ms: number) => void = () => {};
const sleeps: number[] = [];
const timer: Timer = {
  now: () => virtual,
  sleep: async (ms) => {
    sleeps.push(ms);
    virtual += ms;
    onSleep(ms);
  },
};
let state: ZendeskState;
let devhost: RunningDevhost;
let account: AccountConfig;
/** When each request was sent (virtual ms), as the local Zendesk received them. */
let sent: number[];
const observed: Fetch = (url, init) => {
  sent.push(virtual);
  return fetch(url, init);
};

beforeAll(async () => {
  state = createZendeskState({ now: () => new Date(virtual) });
  devhost = await createDevhost({ state, manifest, bundle: { files: new Map() } }).listen(0);
  account = {
    subdomain: 'acme',
    appId: state.appId,
    apiUser: state.apiCredential.apiUser,
    apiToken: state.apiCredential.apiToken,
    zendeskUrl: devhost.hostOrigin,
  };
});
afterAll(() => devhost.close());
beforeEach(() => {
  // a new minute, no faults, no requests counted
  virtual = (Math.floor(virtual / 60_000) + 2) * 60_000 + 30_000;
  state.reset();
  sent = [];
  sleeps.length = 0;
  onSleep = () => {};
});

const client = (options: ExportClientOptions = {}) => exportClient(account, { fetch: observed, timer, random: () => 1, ...options });

/** The most requests sent in any 60 s. */
function busiestMinute(times: readonly number[]): number {
  return Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + 60_000).length));
}

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
  state
    .tickets()
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
    const ticket = state.tickets().find((t) => t.status === 'open')!;
    state.touch(ticket);
    virtual += 61_000;
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
    const expected = state.tickets().flatMap((t) => t.comments.map((x) => [x.id, t.id, x.body] as const));
    expect(comments.size).toBe(expected.length);
    for (const [id, ticketId, body] of expected) expect(comments.get(id)).toMatchObject({ ticketId, body });

    const users = await c.users({ startTime: 0 });
    expect(users.items.length).toBe(state.data.users.length);
    expect(users.endOfStream).toBe(true);
    expect((await c.groups()).map((g) => g.name)).toEqual(state.data.groups.map((g) => g.name));
  });

  it("keeps to the exports' 10 requests a minute by itself: Zendesk never has to refuse one", async () => {
    const c = client({ perPage: 10 });
    const { ids } = await allTickets(c);
    expect(ids.length).toBe(state.tickets().length);
    expect(c.spent().rateLimited).toBe(0);
    expect(busiestMinute(sent)).toBe(10);
    expect(sent.at(-1)! - sent[0]!).toBeGreaterThanOrEqual(3 * 60_000);
  });

  it("spends at most its share of the account's limit, which it learns from Zendesk's x-rate-limit", async () => {
    state.setFaults({ budgetPerMinute: 300 });
    // 2% of 300: 6 a minute, below the exports' 10
    const c = client({ perPage: 25, share: 0.02 });
    await allTickets(c);
    expect(c.spent().allowedPerMinute).toBe(6);
    // the first request went out under the default limit (700: 14 a minute); after it, 6
    expect(busiestMinute(sent.slice(1))).toBeLessThanOrEqual(6);
    expect(c.spent().requests).toBe(sent.length);
  });

  it("waits the retry-after of the account's 429 (plain text), and goes on", async () => {
    state.setFaults({ rateLimitedFor: 7 });
    onSleep = () => state.setFaults({ rateLimitedFor: null });
    const c = client();
    const page = await c.tickets({ startTime: 0 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(sleeps).toEqual([7000]);
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
    state.setFaults({ serverErrors: 2 });
    const c = client({ random: () => 0 });
    expect((await c.tickets({ startTime: 0 })).items.length).toBeGreaterThan(0);
    // 1 s then 2 s, each between half and all of it: half with this randomness
    expect(sleeps).toEqual([500, 1000]);
    expect(c.spent()).toMatchObject({ requests: 3, retries: 2 });

    state.setFaults({ serverErrors: 100 });
    const down = client({ retries: 3 });
    const error = await down.tickets({ startTime: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZendeskSyncError);
    expect(error).toMatchObject({ kind: 'unreachable', message: expect.stringContaining('answered 503') });
    expect(down.spent().requests).toBe(4);
  });

  it('stops at once, in words an admin can act on, when Zendesk refuses the credential', async () => {
    const c = exportClient({ ...account, apiToken: 'not-the-token-of-this-account' }, { timer });
    const error = await c.tickets({ startTime: 0 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'credential', message: expect.stringContaining('check the API token') });
    expect(c.spent().requests).toBe(1);
  });

  it("says what Zendesk refused, with Zendesk's description", async () => {
    const error = await client()
      .tickets({ startTime: Math.floor(virtual / 1000) })
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
    const c = exportClient({ ...account, zendeskUrl: url }, { timer, timeoutMs: 50, retries: 1 });
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

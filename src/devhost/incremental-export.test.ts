/** The incremental exports of the local Zendesk: pages, cursors, end-of-stream and the per-minute limit, as documented. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDevhost, type Manifest } from './devhost.ts';
import { EXPORT_LIMIT_BODY } from './incremental-export.ts';
import { createZendeskState, type ZendeskState } from './zendesk-state.ts';

const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '../../manifest.json'), 'utf8')) as Manifest;

let state: ZendeskState;
let clock: Date;
let get: (path: string) => Promise<Response>;
let put: (path: string, body: unknown) => Promise<Response>;

beforeEach(() => {
  clock = new Date('2026-03-10T12:00:30Z');
  state = createZendeskState({ now: () => clock });
  // walking a whole export takes more than the documented 10 requests a minute; the limit has its own test
  state.setFaults({ exportsPerMinute: 10_000 });
  const { app } = createDevhost({ state, manifest, bundle: { files: new Map() } });
  const authorization = `Basic ${Buffer.from(`${state.apiCredential.apiUser}/token:${state.apiCredential.apiToken}`).toString('base64')}`;
  get = async (path) => app.request(path.startsWith('http') ? path : `http://localhost${path}`, { headers: { authorization } });
  put = async (path, body) =>
    app.request(`http://localhost${path}`, {
      method: 'PUT',
      body: JSON.stringify(body),
      headers: { authorization, 'content-type': 'application/json' },
    });
});

const later = (seconds: number) => {
  clock = new Date(clock.getTime() + seconds * 1000);
};

interface CursorPage {
  tickets?: Array<Record<string, unknown> & { id: number; generated_timestamp: number }>;
  users?: Array<{ id: number }>;
  metric_sets?: Array<{ ticket_id: number }>;
  after_url: string | null;
  after_cursor: string | null;
  before_cursor: string | null;
  end_of_stream: boolean;
}

async function page<T>(path: string): Promise<T> {
  const res = await get(path);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

/** Every page of a cursor export from `first`, until end_of_stream. */
async function walk(first: string): Promise<CursorPage[]> {
  const pages = [await page<CursorPage>(first)];
  while (!pages.at(-1)!.end_of_stream) pages.push(await page<CursorPage>(pages.at(-1)!.after_url!));
  return pages;
}

describe('incremental ticket export, cursor based', () => {
  it('gives every ticket once, in the order of its last change, a page of per_page at a time', async () => {
    const pages = await walk('/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=100');
    const tickets = pages.flatMap((p) => p.tickets!);
    expect(pages.length).toBe(Math.ceil(state.tickets().length / 100));
    expect(pages.slice(0, -1).every((p) => p.tickets!.length === 100 && !p.end_of_stream)).toBe(true);
    expect(tickets.map((t) => t.id).sort((a, b) => a - b)).toEqual(
      state
        .tickets()
        .map((t) => t.id)
        .sort((a, b) => a - b),
    );
    const stamps = tickets.map((t) => t.generated_timestamp);
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(pages[0]!.before_cursor).toBeNull();
    expect(pages.at(-1)!.after_cursor).toEqual(expect.any(String));
    expect(pages.at(-1)!.after_url).toContain('/api/v2/incremental/tickets/cursor.json?');
  });

  it('sends the fields a sync reads, with the metric sets when asked', async () => {
    const rated = state.tickets().find((t) => t.satisfaction?.score === 'good')!;
    const start = Math.floor(Date.parse(rated.updated_at) / 1000);
    const body = await page<CursorPage>(`/api/v2/incremental/tickets/cursor.json?start_time=${start}&include=metric_sets`);
    const ticket = body.tickets!.find((t) => t.id === rated.id)!;
    expect(ticket).toMatchObject({
      via: { channel: rated.channel },
      group_id: rated.group_id,
      brand_id: rated.brand_id,
      ticket_form_id: rated.ticket_form_id,
      assignee_id: rated.assignee_id,
      status: rated.status,
      tags: rated.tags,
      created_at: rated.created_at,
      updated_at: rated.updated_at,
      satisfaction_rating: { id: rated.satisfaction!.id, score: 'good' },
      generated_timestamp: start,
    });
    expect(body.metric_sets!.map((m) => m.ticket_id)).toEqual(body.tickets!.map((t) => t.id));
  });

  it('brings a ticket changed after the export began again, once the minute it was changed in has passed', async () => {
    const pages = await walk('/api/v2/incremental/tickets/cursor.json?start_time=0');
    const stored = pages.at(-1)!.after_cursor!;
    const first = pages.flatMap((p) => p.tickets!).find((t) => t.status !== 'closed')!;
    expect((await put(`/api/v2/tickets/${first.id}.json`, { ticket: { tags: ['resynced'] } })).status).toBe(200);

    // changed within the last minute: not exported yet, and the cursor stays where it was
    const now = await page<CursorPage>(`/api/v2/incremental/tickets/cursor.json?cursor=${stored}`);
    expect(now).toMatchObject({ tickets: [], end_of_stream: true, after_cursor: stored });

    later(61);
    const next = await page<CursorPage>(`/api/v2/incremental/tickets/cursor.json?cursor=${stored}`);
    expect(next.tickets!.map((t) => [t.id, t.tags])).toEqual([[first.id, ['resynced']]]);
    expect(next.end_of_stream).toBe(true);
    expect(next.after_cursor).not.toBe(stored);
  });

  it('refuses a start_time within the last minute or none, and a cursor it did not give', async () => {
    const now = Math.floor(clock.getTime() / 1000);
    for (const query of [`start_time=${now - 30}`, '', 'start_time=yesterday', 'cursor=bm90LWEtY3Vyc29y']) {
      const res = await get(`/api/v2/incremental/tickets/cursor.json?${query}`);
      expect(res.status, query).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'InvalidValue' });
    }
    expect((await get(`/api/v2/incremental/tickets/cursor.json?start_time=${now - 61}`)).status).toBe(200);
  });
});

describe('incremental user export, cursor based', () => {
  it('gives every user once', async () => {
    const pages = await walk('/api/v2/incremental/users/cursor.json?start_time=0&per_page=7');
    const ids = pages.flatMap((p) => p.users!.map((u) => u.id));
    expect(ids.sort((a, b) => a - b)).toEqual(state.data.users.map((u) => u.id).sort((a, b) => a - b));
  });
});

interface EventsPage {
  ticket_events: Array<{
    id: number;
    ticket_id: number;
    timestamp: number;
    event_type: string;
    child_events: Array<{
      event_type: string;
      id?: number;
      body?: string;
      author_id?: number;
      public?: boolean;
      comment_present?: boolean;
    }>;
  }>;
  next_page: string;
  count: number;
  end_time: number;
  end_of_stream: boolean;
}

async function walkEvents(first: string): Promise<EventsPage[]> {
  const pages = [await page<EventsPage>(first)];
  while (!pages.at(-1)!.end_of_stream) pages.push(await page<EventsPage>(pages.at(-1)!.next_page));
  return pages;
}

describe('incremental ticket event export, time based', () => {
  it('gives every comment of every ticket with its text, author and visibility, in pages of at most 1000', async () => {
    const pages = await walkEvents('/api/v2/incremental/ticket_events.json?start_time=0&include=comment_events');
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) {
      expect(p.count).toBe(p.ticket_events.length);
      expect(p.end_time).toBe(p.ticket_events.at(-1)!.timestamp);
      expect(new URL(p.next_page).searchParams.get('start_time')).toBe(String(p.end_time));
      expect(new URL(p.next_page).searchParams.get('include')).toBe('comment_events');
    }
    expect(pages.slice(0, -1).every((p) => p.count >= 1000)).toBe(true);
    // time-based pages repeat the events of their last second: the ids tell them apart
    const events = new Map(pages.flatMap((p) => p.ticket_events).map((e) => [e.id, e]));
    const comments = [...events.values()].flatMap((e) =>
      e.child_events.filter((c) => c.event_type === 'Comment').map((c) => ({ ...c, ticket_id: e.ticket_id })),
    );
    const expected = state
      .tickets()
      .flatMap((t) => t.comments.map((c) => ({ id: c.id, ticket_id: t.id, body: c.body, author_id: c.author_id, public: c.public })));
    const byId = (a: { id: unknown }, b: { id: unknown }) => Number(a.id) - Number(b.id);
    expect(
      comments.map(({ id, ticket_id, body, author_id, public: p }) => ({ id, ticket_id, body, author_id, public: p })).sort(byId),
    ).toEqual(expected.sort(byId));
  });

  it('says only that a comment is there without the comment_events sideload', async () => {
    const body = await page<EventsPage>('/api/v2/incremental/ticket_events.json?start_time=0');
    const children = body.ticket_events.flatMap((e) => e.child_events);
    expect(children.some((c) => c.event_type === 'Comment')).toBe(false);
    expect(children.some((c) => c.comment_present === true)).toBe(true);
    expect(body.ticket_events[0]).toMatchObject({ event_type: 'Audit', child_events: expect.any(Array) });
  });

  it('ends the stream at what changed a minute ago, with a next_page to poll from', async () => {
    const now = Math.floor(clock.getTime() / 1000);
    const body = await page<EventsPage>(`/api/v2/incremental/ticket_events.json?start_time=${now - 61}`);
    expect(body).toMatchObject({ ticket_events: [], count: 0, end_of_stream: true, end_time: now - 61 });
    expect(body.next_page).toContain(`start_time=${now - 61}`);
  });
});

describe('the per-minute limit of the incremental exports', () => {
  it('answers 429 with a lower-case retry-after after 10 requests in a minute, and again the next minute', async () => {
    state.setFaults({ exportsPerMinute: 10 });
    const path = '/api/v2/incremental/ticket_events.json?start_time=0';
    for (let i = 0; i < 10; i++) expect((await get(path)).status).toBe(200);
    const refused = await get(path);
    expect(refused.status).toBe(429);
    // the minute ends 30 s after the clock's 12:00:30
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(await refused.json()).toEqual(EXPORT_LIMIT_BODY);
    // the rest of the API is not held back by the exports' limit
    expect((await get('/api/v2/groups.json')).status).toBe(200);
    later(30);
    expect((await get(path)).status).toBe(200);
  });

  it('spends the account budget too, which answers with its plain text', async () => {
    state.setFaults({ budgetPerMinute: 1 });
    expect((await get('/api/v2/incremental/users/cursor.json?start_time=0')).status).toBe(200);
    const refused = await get('/api/v2/incremental/users/cursor.json?start_time=0');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('text/plain');
    expect(refused.headers.get('retry-after')).toEqual(expect.any(String));
  });
});

/** The REST emulation over HTTP, checked against the shapes of real Zendesk responses (statuses, headers, bodies). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDevhost, type Manifest } from './devhost.ts';
import { IDS } from './sample-data.ts';
import { importSPKI, jwtVerify } from 'jose';
import { callZendeskApi, RATE_LIMIT_TEXT, TICKET_UPDATE_LIMIT_TEXT } from './zendesk-api.ts';
import { createZendeskState, type ZendeskState } from './zendesk-state.ts';

const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '../../manifest.json'), 'utf8')) as Manifest;

let state: ZendeskState;
let clock: Date;
let api: (path: string, init?: RequestInit & { user?: number }) => Promise<Response>;

beforeEach(() => {
  clock = new Date('2026-03-10T12:00:30Z');
  state = createZendeskState({ now: () => clock });
  const { app } = createDevhost({ state, manifest, bundle: { files: new Map() } });
  const credential = `Basic ${Buffer.from(`${state.apiCredential.apiUser}/token:${state.apiCredential.apiToken}`).toString('base64')}`;
  api = async (path, init = {}) => {
    if (init.user !== undefined) {
      // another user's call, as the app makes it through the proxy (the HTTP API acts as the credential's user)
      const r = callZendeskApi(state, {
        method: init.method ?? 'GET',
        path,
        ...(typeof init.body === 'string' ? { body: init.body } : {}),
        userId: init.user,
        baseUrl: 'http://localhost',
      });
      return new Response(r.body, { status: r.status, headers: r.headers });
    }
    return app.request(`http://localhost${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: credential, ...init.headers },
    });
  };
});

const put = (id: number, ticket: Record<string, unknown>, user?: number) =>
  api(`/api/v2/tickets/${id}.json`, { method: 'PUT', body: JSON.stringify({ ticket }), ...(user ? { user } : {}) });
const openTicket = () => state.tickets().find((t) => t.status === 'open')!;
const closedTicket = () => state.tickets().find((t) => t.status === 'closed')!;

describe('tickets', () => {
  it('shows a ticket with the fields Zendesk sends', async () => {
    const t = openTicket();
    const res = await api(`/api/v2/tickets/${t.id}.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const { ticket } = (await res.json()) as { ticket: Record<string, unknown> };
    expect(ticket).toMatchObject({
      id: t.id,
      via: { channel: t.channel, source: { from: {}, to: {}, rel: null } },
      status: 'open',
      updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      custom_fields: expect.arrayContaining([{ id: IDS.fields.qaScore, value: null }]),
      ticket_form_id: t.ticket_form_id,
      brand_id: t.brand_id,
    });
  });

  it('answers 404 RecordNotFound for an unknown ticket', async () => {
    const res = await api('/api/v2/tickets/999999.json');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'RecordNotFound', description: 'Not found' });
  });

  it('updates custom fields; a drop-down value becomes a tag, replacing the other options', async () => {
    const t = openTicket();
    let res = await put(t.id, {
      custom_fields: [
        { id: IDS.fields.qaScore, value: 87.5 },
        { id: IDS.fields.qaResult, value: 'qa_fail' },
      ],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ticket: { custom_fields: unknown[]; tags: string[] }; audit: { events: unknown[] } };
    expect(body.ticket.custom_fields).toContainEqual({ id: IDS.fields.qaScore, value: 87.5 });
    expect(body.ticket.tags).toContain('qa_fail');
    expect(body.audit.events).toHaveLength(2);
    res = await put(t.id, { custom_fields: [{ id: IDS.fields.qaResult, value: 'qa_pass' }] });
    const after = (await res.json()) as { ticket: { tags: string[] } };
    expect(after.ticket.tags).toContain('qa_pass');
    expect(after.ticket.tags).not.toContain('qa_fail');
  });

  it('refuses a value that is not an option of the drop-down with 422 RecordInvalid', async () => {
    const res = await put(openTicket().id, { custom_fields: [{ id: IDS.fields.qaResult, value: 'excellent' }] });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: 'RecordInvalid', description: 'Record validation errors' });
  });
});

describe('closed tickets', () => {
  it('answer 422 with "closed prevents ticket update" in details', async () => {
    const res = await put(closedTicket().id, { custom_fields: [{ id: IDS.fields.qaScore, value: 90 }] });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: string; description: string; details: Record<string, Array<{ description: string }>> };
    expect(body.error).toBe('RecordInvalid');
    expect(body.description).toBe('Record validation errors');
    expect(JSON.stringify(body.details)).toContain('closed prevents ticket update');
    expect(state.fieldValue(closedTicket(), IDS.fields.qaScore)).toBeNull();
  });

  it('the closed-ticket fault makes any ticket answer so', async () => {
    state.setFaults({ closedTicket: true });
    const res = await put(openTicket().id, { custom_fields: [{ id: IDS.fields.qaScore, value: 90 }] });
    expect(res.status).toBe(422);
  });
});

describe('safe_update', () => {
  it('answers 409 when updated_stamp is not the ticket updated_at, and writes nothing', async () => {
    const t = openTicket();
    const res = await put(t.id, {
      safe_update: true,
      updated_stamp: '2020-01-01T00:00:00Z',
      custom_fields: [{ id: IDS.fields.qaScore, value: 50 }],
    });
    expect(res.status).toBe(409);
    expect(state.fieldValue(t, IDS.fields.qaScore)).toBeNull();
  });

  it('accepts the current stamp and moves updated_at on', async () => {
    const t = openTicket();
    const before = t.updated_at;
    const res = await put(t.id, { safe_update: true, updated_stamp: before, custom_fields: [{ id: IDS.fields.qaScore, value: 50 }] });
    expect(res.status).toBe(200);
    const { ticket } = (await res.json()) as { ticket: { updated_at: string } };
    expect(ticket.updated_at > before).toBe(true);
  });

  it('the stale fault: the next safe write conflicts, a re-read and retry succeeds', async () => {
    const t = openTicket();
    state.setFaults({ staleSafeUpdates: 1 });
    const stamp = t.updated_at;
    expect((await put(t.id, { safe_update: true, updated_stamp: stamp, custom_fields: [] })).status).toBe(409);
    const fresh = ((await (await api(`/api/v2/tickets/${t.id}.json`)).json()) as { ticket: { updated_at: string } }).ticket.updated_at;
    expect(fresh).not.toBe(stamp);
    expect((await put(t.id, { safe_update: 'true', updated_stamp: fresh, custom_fields: [] })).status).toBe(200);
  });
});

describe('rate limits', () => {
  it('answer 429 in plain text with a lower-case retry-after once the minute budget is spent', async () => {
    state.setFaults({ budgetPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await api('/api/v2/users/me.json')).status).toBe(200);
    const res = await api('/api/v2/users/me.json');
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(await res.text()).toBe(RATE_LIMIT_TEXT);
    // seconds left in the current minute (the clock stands at :30)
    expect(res.headers.get('retry-after')).toBe('30');
    expect([...res.headers.keys()]).toContain('retry-after');
    clock = new Date(clock.getTime() + 30_000);
    expect((await api('/api/v2/users/me.json')).status).toBe(200);
  });

  it('the rate-limit fault answers 429 with the chosen Retry-After', async () => {
    state.setFaults({ rateLimitedFor: 7 });
    const res = await put(openTicket().id, { custom_fields: [] });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
  });

  it('allows 30 updates of one ticket by one user in 10 minutes, then answers the documented 429', async () => {
    const t = openTicket();
    for (let i = 0; i < 30; i++) expect((await put(t.id, { custom_fields: [] })).status).toBe(200);
    const res = await put(t.id, { custom_fields: [] });
    expect(res.status).toBe(429);
    expect(await res.text()).toBe(TICKET_UPDATE_LIMIT_TEXT);
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await put(t.id, { custom_fields: [] }, IDS.users.lee)).status).toBe(200);
  });

  it('successful answers carry the remaining budget', async () => {
    const res = await api('/api/v2/groups.json');
    expect(res.headers.get('x-rate-limit')).toBe('700');
    expect(res.headers.get('x-rate-limit-remaining')).toBe('699');
  });
});

describe('reset', () => {
  it('brings back the sample tickets and clears faults', async () => {
    const t = openTicket();
    await put(t.id, { custom_fields: [{ id: IDS.fields.qaScore, value: 10 }] });
    state.setFaults({ serviceDown: true });
    await api('/__devhost/reset', { method: 'POST' });
    expect(state.fieldValue(state.ticket(t.id)!, IDS.fields.qaScore)).toBeNull();
    expect(state.faults().serviceDown).toBe(false);
  });
});

describe('other resources', () => {
  it('ticket metrics: the documented one-element array with {calendar, business} minutes', async () => {
    const t = state.tickets().find((x) => x.status === 'solved')!;
    const res = await api(`/api/v2/tickets/${t.id}/metrics.json`);
    const body = (await res.json()) as { ticket_metric: Array<Record<string, unknown>> };
    expect(body.ticket_metric).toHaveLength(1);
    expect(body.ticket_metric[0]).toMatchObject({
      ticket_id: t.id,
      reopens: expect.any(Number),
      replies: expect.any(Number),
      reply_time_in_minutes: { calendar: expect.any(Number), business: expect.any(Number) },
      full_resolution_time_in_minutes: { calendar: expect.any(Number), business: expect.any(Number) },
      reply_time_in_seconds: { calendar: expect.any(Number) },
    });
  });

  it("users/me is the credential's user; groups, brands, forms and fields list with counts", async () => {
    const me = (await (await api('/api/v2/users/me.json')).json()) as { user: { name: string; role: string } };
    expect(me.user).toMatchObject({ name: 'Ada Admin', role: 'admin' });
    const groups = (await (await api('/api/v2/groups.json')).json()) as { groups: unknown[]; count: number; next_page: null };
    expect(groups.count).toBe(groups.groups.length);
    expect(groups.next_page).toBeNull();
    const brands = (await (await api('/api/v2/brands.json')).json()) as { brands: Array<{ default: boolean }> };
    expect(brands.brands.filter((b) => b.default)).toHaveLength(1);
    const forms = (await (await api('/api/v2/ticket_forms.json')).json()) as { ticket_forms: unknown[] };
    expect(forms.ticket_forms).toHaveLength(2);
    const fields = (await (await api('/api/v2/ticket_fields.json')).json()) as {
      ticket_fields: Array<{ type: string; custom_field_options?: Array<{ value: string }> }>;
    };
    const tagger = fields.ticket_fields.find((f) => f.type === 'tagger');
    expect(tagger?.custom_field_options?.map((o) => o.value)).toEqual(['qa_pass', 'qa_fail', 'qa_critical_fail']);
  });

  it('lists users filtered by role', async () => {
    const body = (await (await api('/api/v2/users.json?role[]=agent&role[]=admin')).json()) as { users: Array<{ role: string }> };
    const roles = body.users.map((u) => u.role);
    expect(new Set(roles)).toEqual(new Set(['admin', 'agent']));
    expect(roles).toHaveLength(state.data.users.filter((u) => u.role !== 'end-user').length);
    const all = (await (await api('/api/v2/users.json')).json()) as { users: Array<{ role: string }> };
    expect(all.users.some((u) => u.role === 'end-user')).toBe(true);
  });

  it("lists tickets newest first a page at a time, with their metric sets sideloaded on request (the plan's candidates)", async () => {
    const sorted = [...state.tickets()].sort((a, b) => b.updated_at.localeCompare(a.updated_at) || a.id - b.id);
    const first = (await (await api('/api/v2/tickets.json?sort_by=updated_at&sort_order=desc&per_page=3&include=metric_sets')).json()) as {
      tickets: Array<{ id: number }>;
      metric_sets: Array<{ ticket_id: number }>;
      next_page: string;
      count: number;
    };
    expect(first.tickets.map((t) => t.id)).toEqual(sorted.slice(0, 3).map((t) => t.id));
    expect(first.metric_sets.map((m) => m.ticket_id)).toEqual(first.tickets.map((t) => t.id));
    expect(first.count).toBe(sorted.length);
    const next = new URL(first.next_page);
    const second = (await (await api(next.pathname + next.search)).json()) as typeof first;
    expect(second.tickets.map((t) => t.id)).toEqual(sorted.slice(3, 6).map((t) => t.id));
    const byId = (await (await api('/api/v2/tickets.json?per_page=100')).json()) as typeof first;
    expect(byId.tickets.map((t) => t.id)).toEqual(
      state
        .tickets()
        .map((t) => t.id)
        .sort((a, b) => a - b)
        .slice(0, 100),
    );
    expect(byId).not.toHaveProperty('metric_sets');
  });

  it('satisfaction ratings use the documented scores', async () => {
    const body = (await (await api('/api/v2/satisfaction_ratings.json')).json()) as {
      satisfaction_ratings: Array<{ score: string; ticket_id: number }>;
    };
    expect(body.satisfaction_ratings.length).toBeGreaterThan(0);
    for (const r of body.satisfaction_ratings) expect(['offered', 'unoffered', 'good', 'bad']).toContain(r.score);
  });

  it('an endpoint it does not emulate answers 404 and is reported, not swallowed', async () => {
    const res = await api('/api/v2/macros.json');
    expect(res.status).toBe(404);
    expect(
      state
        .reports()
        .map((r) => r.message)
        .join('\n'),
    ).toContain('GET /api/v2/macros.json');
  });
});

describe('the calls the QA service makes with its credential', () => {
  const raw = (path: string, headers: Record<string, string> = {}) =>
    createDevhost({ state, manifest, bundle: { files: new Map() } }).app.request(`http://localhost${path}`, { headers });

  it('refuses a call without the configured credential as Zendesk does, whoever it claims to be', async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      { 'x-devhost-user': String(IDS.users.ada) },
      { authorization: `Basic ${Buffer.from(`${state.apiCredential.apiUser}/token:wrong`).toString('base64')}` },
    ];
    for (const headers of attempts) {
      const res = await raw(`/api/v2/users/${IDS.users.rita}.json`, headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: "Couldn't authenticate you" });
    }
  });

  it('shows a user and their group memberships in the documented shapes (cursor pagination)', async () => {
    const { user } = (await (await api(`/api/v2/users/${IDS.users.lee}.json`)).json()) as { user: Record<string, unknown> };
    expect(user).toMatchObject({ id: IDS.users.lee, name: 'Lee Lead', role: 'agent', active: true, suspended: false });
    const page = (await (await api(`/api/v2/users/${IDS.users.lee}/group_memberships.json?page[size]=1`)).json()) as {
      group_memberships: Array<Record<string, unknown>>;
      meta: { has_more: boolean };
      links: { next: string | null };
    };
    expect(page.group_memberships).toEqual([
      expect.objectContaining({
        user_id: IDS.users.lee,
        group_id: IDS.groups.qaLeads,
        default: true,
        id: expect.any(Number),
        url: expect.any(String),
        created_at: expect.any(String),
      }),
    ]);
    expect(page.meta.has_more).toBe(true);
    const next = (await (await api(new URL(page.links.next!).pathname + new URL(page.links.next!).search)).json()) as typeof page;
    expect(next.group_memberships.map((m) => m.group_id)).toEqual([IDS.groups.qaReviewers]);
    expect(next.meta.has_more).toBe(false);
    expect(next.links.next).toBeNull();
    expect((await api('/api/v2/users/999999/group_memberships.json')).status).toBe(404);
  });

  it('lists the app installations, and shows one as a bare object', async () => {
    const { installations } = (await (await api('/api/v2/apps/installations.json')).json()) as {
      installations: Array<Record<string, unknown>>;
    };
    expect(installations).toEqual([
      expect.objectContaining({
        id: state.installationId,
        app_id: state.appId,
        product: 'support',
        enabled: true,
        settings: expect.any(Object),
      }),
    ]);
    const one = (await (await api(`/api/v2/apps/installations/${state.installationId}.json`)).json()) as Record<string, unknown>;
    expect(one).toMatchObject({ id: state.installationId, app_id: state.appId });
    expect(one).not.toHaveProperty('installation');
  });

  it('publishes the app public key anonymously: it verifies the tokens the local Zendesk signs', async () => {
    const res = await raw(`/api/v2/apps/${state.appId}/public_key.pem`);
    expect(res.status).toBe(200);
    const pem = await res.text();
    expect(pem).toContain('BEGIN PUBLIC KEY');
    const token = await state.signLoad(IDS.users.rita, 'ticket_sidebar');
    const { payload } = await jwtVerify(token, await importSPKI(pem, 'RS256'), { issuer: 'acme.zendesk.com' });
    expect(payload.sub).toBe(`https://acme.zendesk.com/api/v2/users/${IDS.users.rita}.json`);
    expect((await raw('/api/v2/apps/4242/public_key.pem')).status).toBe(404);
  });
});

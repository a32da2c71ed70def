import { describe, expect, it, vi } from 'vitest';
import { createTranslator } from '../i18n/translate.ts';
import { createServiceCall, retryAfterSeconds } from './service-call.ts';
import { createSidebarApi } from './sidebar-api.ts';
import { errorMessage, withTranslatedErrors } from './translated-errors.ts';

const evaluation = {
  id: '6f1c1d8e-51a4-4a36-9a0e-1f4b1d1d1d1d',
  ticketId: 7,
  revieweeId: 11,
  reviewerId: 22,
  scorecardId: 'email',
  scorecardVersion: 1,
  kind: 'review',
  status: 'submitted',
  channel: 'email',
  groupId: null,
  brandId: null,
  answers: [{ criterionId: 'a', rating: 1 }],
  overallComment: '',
  rawScore: 100,
  finalScore: 100,
  passed: true,
  criticalFailures: [],
  metrics: null,
  dispute: null,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
};
const scorecard = {
  id: 'email',
  version: 1,
  definition: {
    name: 'Email',
    description: '',
    method: 'weighted-criteria',
    passThreshold: 80,
    naPolicy: 'exclude',
    appliesTo: { channels: [], groupIds: [], brandIds: [], formIds: [], tags: [] },
    sections: [{ id: 's', name: 'S', weight: 1, criteria: [{ id: 'a', label: 'A', scale: { preset: 'binary' }, weight: 1 }] }],
  },
};

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  credentials: string | undefined;
}

const json = (value: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json', ...headers } });

/** The transport over a fake fetch that records what the app sent. */
function setup(answer: (sent: Sent) => Response | Promise<Response>, options: { base?: string; timeoutMs?: number } = {}) {
  const sent: Sent[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const s: Sent = {
      url: String(url),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body: init?.body as string | undefined,
      credentials: init?.credentials,
    };
    sent.push(s);
    if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    return answer(s);
  });
  const call = createServiceCall({
    session: 's1.acme.secret',
    base: options.base ?? '/qa',
    fetch: fetch as typeof globalThis.fetch,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  return { sent, call, client: createSidebarApi(call) };
}

describe('the service transport: same-origin fetch with the boot session', () => {
  it('calls <base>/api/v1<path> with the session as a bearer token, and no identity headers', async () => {
    const { sent, client } = setup(() => json({ scorecards: [scorecard], evaluations: [evaluation] }));
    const r = await client.loadSidebar(7);
    expect(r).toEqual({
      status: 'ok',
      value: { scorecards: [scorecard], versions: [], evaluations: [evaluation], calibrationSessions: [], coachingNotes: [], drafts: [] },
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('/qa/api/v1/sidebar?ticketId=7');
    expect(sent[0]!.headers).toEqual({ Authorization: 'Bearer s1.acme.secret', Accept: 'application/json' });
    expect(sent[0]!.credentials).toBe('omit');
    expect(JSON.stringify(sent[0]!.headers)).not.toMatch(/x-qa|setting\./i);
  });

  it('at the origin root the base is empty', async () => {
    const { sent, call } = setup(() => json({ ok: true }), { base: '' });
    await call('GET', '/me');
    expect(sent[0]!.url).toBe('/api/v1/me');
  });

  it('posts a create as JSON and accepts the evaluation or { evaluation }', async () => {
    const { sent, client } = setup((s) => json(s.method === 'POST' ? { evaluation } : evaluation));
    const body = { id: evaluation.id, ticketId: 7, revieweeId: 11, scorecardId: 'email', scorecardVersion: 1, answers: [] };
    expect(await client.createEvaluation(body)).toEqual({ status: 'ok', value: evaluation });
    expect(sent[0]).toMatchObject({ method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
    expect((await client.acknowledge(evaluation.id)).status).toBe('ok');
  });

  it('resolves a dispute with a POST to /evaluations/{id}/resolve carrying the outcome and amended answers', async () => {
    const { sent, client } = setup(() => json({ ...evaluation, status: 'dispute-resolved' }));
    const body = { outcome: 'upheld' as const, note: 'Fair point', answers: [{ criterionId: 'a', rating: 1 }] };
    expect(await client.resolveDispute(evaluation.id, body)).toMatchObject({ status: 'ok', value: { status: 'dispute-resolved' } });
    expect(sent[0]).toMatchObject({ method: 'POST', url: `/qa/api/v1/evaluations/${evaluation.id}/resolve`, body: JSON.stringify(body) });
  });

  it('gives text bodies (CSV) as text and an empty 204 as null', async () => {
    const csv = setup(() => new Response('a,b\n1,2\n', { headers: { 'content-type': 'text/csv' } }));
    expect(await csv.call('GET', '/reports/export.csv')).toEqual({ status: 'ok', value: 'a,b\n1,2\n' });
    const none = setup(() => new Response(null, { status: 204 }));
    expect(await none.call('DELETE', '/sessions/current')).toEqual({ status: 'ok', value: null });
  });

  it('refuses a body in an unexpected shape as a server error', async () => {
    const { client } = setup(() => json({ scorecards: 'nope' }));
    expect(await client.loadSidebar(7)).toMatchObject({ status: 'error', error: { kind: 'server' } });
  });

  it.each([
    [502, 'unreachable'],
    [503, 'unreachable'],
    [403, 'forbidden'],
    [400, 'invalid'],
    [404, 'not-found'],
    [409, 'conflict'],
    [422, 'rule'],
    [500, 'server'],
  ] as const)('HTTP %i is a %s error value with the service message and issues', async (status, kind) => {
    const { client } = setup(() => json({ error: 'invalid request', issues: ['answers[0].rating: must be >= 0'] }, status));
    const r = await client.loadSidebar(7);
    expect(r).toMatchObject({ status: 'error', error: { kind, message: 'invalid request' } });
    if (r.status === 'error') expect(r.error.issues).toEqual(['answers[0].rating: must be >= 0']);
  });

  it('a 401 means the session ended: the message says to reopen the app or reload Zendesk', async () => {
    const { client } = setup(() => json({ error: 'session expired' }, 401));
    const r = await client.loadSidebar(7);
    expect(r).toMatchObject({ status: 'error', error: { kind: 'session-ended' } });
    if (r.status === 'error') expect(r.error.message).toMatch(/session has ended \(session expired\).*reload Zendesk/);
  });

  it('a 429 honours Retry-After, in seconds or as a date', async () => {
    const { client } = setup(() => json({ error: 'too many attempts' }, 429, { 'retry-after': '30' }));
    const r = await client.loadSidebar(7);
    expect(r).toMatchObject({
      status: 'error',
      error: { kind: 'throttled', retryAfter: 30, message: 'too many requests: try again in 30 s' },
    });
    expect(retryAfterSeconds(new Date(Date.parse('2026-01-01T00:00:00Z') + 90_500).toUTCString(), Date.parse('2026-01-01T00:00:00Z'))).toBe(
      90,
    );
    expect(retryAfterSeconds(null)).toBeUndefined();
    expect(retryAfterSeconds('soon')).toBeUndefined();
    const bare = setup(() => json({ error: 'slow down' }, 429));
    expect(await bare.call('GET', '/me')).toMatchObject({
      status: 'error',
      error: { kind: 'throttled', message: 'too many requests: try again shortly' },
    });
  });

  it('a fetch that rejects (no answer) is unreachable', async () => {
    const { call } = setup(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(await call('GET', '/me')).toEqual({ status: 'error', error: { kind: 'unreachable', message: 'Failed to fetch' } });
  });

  it('gives up after the timeout (aborting the request) and says unreachable', async () => {
    let signal: AbortSignal | undefined;
    const sent: string[] = [];
    const hanging = ((url: string, init?: RequestInit) => {
      sent.push(url);
      signal = init?.signal ?? undefined;
      return new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    }) as unknown as typeof fetch;
    vi.useFakeTimers();
    try {
      const pending = createServiceCall({ session: 's', base: '', fetch: hanging })('GET', '/me');
      await vi.advanceTimersByTimeAsync(15_000);
      expect(await pending).toEqual({ status: 'error', error: { kind: 'unreachable', message: 'no answer within 15 s' } });
      expect(signal?.aborted).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('errors the user acts on, in their words', () => {
  const t = createTranslator({ ui: { common: { sessionEnded: 'Reload Zendesk', throttled: 'Busy', throttledFor: 'Wait {{seconds}} s' } } });
  it('translates an ended session and throttling; other errors keep the service message', async () => {
    expect(errorMessage(t, { kind: 'session-ended', message: 'x' })).toBe('Reload Zendesk');
    expect(errorMessage(t, { kind: 'throttled', message: 'x', retryAfter: 12 })).toBe('Wait 12 s');
    expect(errorMessage(t, { kind: 'throttled', message: 'x' })).toBe('Busy');
    expect(errorMessage(t, { kind: 'conflict', message: 'stale' })).toBe('stale');
    const { call } = setup(() => json({ error: 'revoked' }, 401));
    expect(await withTranslatedErrors(call, t)('GET', '/me')).toMatchObject({
      status: 'error',
      error: { kind: 'session-ended', message: 'Reload Zendesk' },
    });
  });
});

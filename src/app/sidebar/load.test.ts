import { describe, expect, it } from 'vitest';
import type { Boot, BootRead } from '../api/boot.ts';
import { createServiceCall } from '../api/service-call.ts';
import { createSidebarApi } from '../api/sidebar-api.ts';
import { createFakeZaf } from '../zaf/fake-zaf.ts';
import { LOAD_PATHS, loadSidebar, loadTicketNumbers, startSidebarLoad, type MakeService } from './load.ts';

const definition = (name: string, channels: string[]) => ({
  name,
  description: '',
  method: 'weighted-criteria',
  passThreshold: 80,
  naPolicy: 'exclude',
  appliesTo: { channels, groupIds: [], brandIds: [], formIds: [], tags: [] },
  sections: [{ id: 's', name: 'S', weight: 1, criteria: [{ id: 'a', label: 'A', scale: { preset: 'binary' }, weight: 1 }] }],
});

const BOOT: Boot = {
  session: 's1.acme.secret',
  expiresAt: '2026-03-02T10:00:00Z',
  hardExpiresAt: '2026-03-02T18:00:00Z',
  account: 'acme',
  user: { id: 5, name: 'Rita', role: 'reviewer' },
};
const published = {
  scorecards: [
    { id: 'chat', version: 1, definition: definition('Chat', ['chat']) },
    { id: 'any', version: 2, definition: definition('Any', []) },
    { id: 'email', version: 3, definition: definition('Email', ['email']) },
  ],
  evaluations: [],
};

function zafWith(over: { settings?: Record<string, unknown>; locale?: string } = {}) {
  return createFakeZaf({
    // the settings Zendesk gives carry no identity: a stale role setting must change nothing
    metadata: { settings: { reviewerGroupIds: '999', ...over.settings } },
    context: { ticketId: 42 },
    values: {
      'currentUser.locale': over.locale ?? 'de',
      ticket: {
        id: 42,
        assignee: { user: { id: 9, name: 'Alex' }, group: { id: 3 } },
        via: { channel: 'email' },
        tags: [],
        updatedAt: '2025-01-01T00:00:00Z',
      },
      'requirement:qa_score': { requirement_id: 101 },
      'requirement:qa_result': { requirement_id: 102 },
    },
  });
}

/** The real client over a fake fetch: what the sidebar sends to the service and what it hears back. */
function serviceAnswering(answer: (url: string) => Response) {
  const urls: string[] = [];
  const auth: string[] = [];
  const make: MakeService = (boot) =>
    createSidebarApi(
      createServiceCall({
        session: boot.session,
        base: '/qa',
        fetch: (async (url: string, init?: RequestInit) => {
          urls.push(url);
          auth.push((init!.headers as Record<string, string>).Authorization!);
          return answer(url);
        }) as typeof fetch,
      }),
    );
  return { make, urls, auth };
}
const json = (value: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json', ...headers } });

async function session(zaf: ReturnType<typeof zafWith>, boot: BootRead = { status: 'ok', boot: BOOT }) {
  return { zaf, metadata: await zaf.metadata(), context: await zaf.context(), boot };
}

describe('sidebar load', () => {
  it('takes one get and one service request, with the role from the boot, and matches scorecards most specific first', async () => {
    const zaf = zafWith();
    let gets = 0;
    const get = zaf.get.bind(zaf);
    zaf.get = async (paths) => {
      gets++;
      expect(paths).toEqual(LOAD_PATHS);
      return get(paths);
    };
    const service = serviceAnswering(() => json(published));
    const roles: string[] = [];
    const r = await loadSidebar(await session(zaf), service.make, (role) => roles.push(role));
    expect(gets).toBe(1);
    expect(service.urls).toEqual(['/qa/api/v1/sidebar?ticketId=42']);
    expect(service.auth).toEqual(['Bearer s1.acme.secret']);
    // no Zendesk proxy request to the service any more
    expect(zaf.requests).toEqual([]);
    expect(roles).toEqual(['reviewer']);
    if (r.status !== 'ready') throw new Error(r.status);
    expect(r.model.applicable.map((s) => s.id)).toEqual(['email', 'any']);
    expect(r.model).toMatchObject({
      account: 'acme',
      user: { id: 5, name: 'Rita' },
      role: 'reviewer',
      fields: { scoreFieldId: 101, resultFieldId: 102 },
      writeBack: true,
      ticket: { assigneeId: 9, channel: 'email' },
    });
  });

  it("hears the user's locale from the same get", async () => {
    const started = startSidebarLoad(await session(zafWith({ locale: 'de-CH' })), serviceAnswering(() => json(published)).make);
    expect(await started.locale).toBe('de-CH');
    expect((await started.outcome).status).toBe('ready');
  });

  it('an agent boot gives the agent role whatever the settings say', async () => {
    const service = serviceAnswering(() => json(published));
    const r = await loadSidebar(
      await session(zafWith({ settings: { leadGroupIds: '3' } }), {
        status: 'ok',
        boot: { ...BOOT, user: { id: 9, name: 'Alex', role: 'agent' } },
      }),
      service.make,
    );
    expect(r).toMatchObject({ status: 'ready', model: { role: 'agent', user: { id: 9 } } });
  });

  it('without a boot (or with a broken one) asks to open it from Zendesk, and calls nobody', async () => {
    const service = serviceAnswering(() => json(published));
    expect(await loadSidebar(await session(zafWith(), { status: 'missing' }), service.make)).toEqual({
      status: 'problem',
      problem: 'outside-zendesk',
      message: '',
    });
    expect(await loadSidebar(await session(zafWith(), { status: 'malformed', reason: 'user' }), service.make)).toEqual({
      status: 'problem',
      problem: 'outside-zendesk',
      message: 'boot: user',
    });
    expect(service.urls).toEqual([]);
  });

  it('names what is wrong: an ended session, throttling, an unreachable service', async () => {
    const ended = serviceAnswering(() => json({ error: 'session expired' }, 401));
    expect(await loadSidebar(await session(zafWith()), ended.make)).toMatchObject({ status: 'problem', problem: 'session-ended' });
    const busy = serviceAnswering(() => json({ error: 'slow down' }, 429, { 'retry-after': '20' }));
    expect(await loadSidebar(await session(zafWith()), busy.make)).toMatchObject({
      status: 'problem',
      problem: 'throttled',
      retryAfter: 20,
    });
    const down = serviceAnswering(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(await loadSidebar(await session(zafWith()), down.make)).toMatchObject({
      status: 'problem',
      problem: 'unreachable',
      message: 'Failed to fetch',
    });
    const proxyDown = serviceAnswering(() => new Response('Bad Gateway', { status: 502 }));
    expect(await loadSidebar(await session(zafWith()), proxyDown.make)).toMatchObject({ status: 'problem', problem: 'unreachable' });
  });

  it('reads the ticket numbers after load, CSAT from the ticket', async () => {
    const zaf = createFakeZaf({
      request: async (o) => ({
        status: 200,
        headers: {},
        responseJSON: o.url.includes('metrics')
          ? { ticket_metric: { reply_time_in_minutes: { calendar: 5 }, full_resolution_time_in_minutes: { calendar: 60 }, reopens: 0 } }
          : { ticket: { id: 42, satisfaction_rating: { score: 'bad' } } },
      }),
    });
    expect(await loadTicketNumbers(zaf, 42, null)).toEqual({ firstReplyMinutes: 5, fullResolutionMinutes: 60, reopens: 0, csat: 'bad' });
  });
});

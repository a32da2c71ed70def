import { describe, expect, it } from 'vitest';
import { createFakeZaf } from '../zaf/fake-zaf.ts';
import { ZafRequestError } from '../zaf/port.ts';
import { LOAD_PATHS, loadSidebar, loadTicketNumbers } from './load.ts';

const definition = (name: string, channels: string[]) => ({
  name,
  description: '',
  method: 'weighted-criteria',
  passThreshold: 80,
  naPolicy: 'exclude',
  appliesTo: { channels, groupIds: [], brandIds: [], formIds: [], tags: [] },
  sections: [{ id: 's', name: 'S', weight: 1, criteria: [{ id: 'a', label: 'A', scale: { preset: 'binary' }, weight: 1 }] }],
});

function zafWith(over: { settings?: Record<string, unknown>; user?: unknown; service?: (url: string) => unknown } = {}) {
  return createFakeZaf({
    metadata: { settings: { serviceUrl: 'https://qa.example.com', reviewerGroupIds: '7', ...over.settings } },
    context: { ticketId: 42 },
    values: {
      currentUser: over.user ?? { id: 5, name: 'Rita', role: 'agent', groups: [{ id: 7 }] },
      ticket: { id: 42, assignee: { user: { id: 9, name: 'Alex' }, group: { id: 3 } }, via: { channel: 'email' }, tags: [], updatedAt: '2025-01-01T00:00:00Z' },
      'requirement:qa_score': { requirement_id: 101 },
      'requirement:qa_result': { requirement_id: 102 },
    },
    request: async (o) => {
      const body = over.service ? over.service(o.url) : { scorecards: [{ id: 'chat', version: 1, definition: definition('Chat', ['chat']) }, { id: 'any', version: 2, definition: definition('Any', []) }, { id: 'email', version: 3, definition: definition('Email', ['email']) }], evaluations: [] };
      return { status: 200, headers: {}, responseJSON: body };
    },
  });
}

async function session(zaf: ReturnType<typeof zafWith>) {
  return { zaf, metadata: await zaf.metadata(), context: await zaf.context() };
}

describe('sidebar load', () => {
  it('takes one get and one service request, and matches scorecards to the ticket, most specific first', async () => {
    const zaf = zafWith();
    let gets = 0;
    const get = zaf.get.bind(zaf);
    zaf.get = async (paths) => {
      gets++;
      expect(paths).toEqual(LOAD_PATHS);
      return get(paths);
    };
    const r = await loadSidebar(await session(zaf));
    expect(gets).toBe(1);
    expect(zaf.requests.map((q) => q.url)).toEqual(['https://qa.example.com/api/v1/sidebar?ticketId=42']);
    expect(zaf.requests[0]!.headers).toMatchObject({ 'X-QA-User-Id': '5', 'X-QA-Role': 'reviewer' });
    if (r.status !== 'ready') throw new Error(r.status);
    expect(r.model.applicable.map((s) => s.id)).toEqual(['email', 'any']);
    expect(r.model).toMatchObject({ role: 'reviewer', fields: { scoreFieldId: 101, resultFieldId: 102 }, writeBack: true, ticket: { assigneeId: 9, channel: 'email' } });
  });

  it('names what is wrong: no service URL, no user, a refused token, an unreachable service', async () => {
    expect(await loadSidebar(await session(zafWith({ settings: { serviceUrl: '' } })))).toMatchObject({ status: 'problem', problem: 'not-configured' });
    expect(await loadSidebar(await session(zafWith({ user: {} })))).toMatchObject({ status: 'problem', problem: 'no-user' });
    const refused = zafWith({ service: () => { throw new ZafRequestError(401, {}, JSON.stringify({ error: 'invalid token' })); } });
    expect(await loadSidebar(await session(refused))).toMatchObject({ status: 'problem', problem: 'unauthorized', message: 'invalid token' });
    const down = zafWith({ service: () => { throw new ZafRequestError(502, {}, 'Bad Gateway'); } });
    expect(await loadSidebar(await session(down))).toMatchObject({ status: 'problem', problem: 'unreachable' });
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

import { describe, expect, it } from 'vitest';
import { createFakeZaf } from '../zaf/fake-zaf.ts';
import { ZafRequestError, type ZafRequestOptions } from '../zaf/port.ts';
import { canReview, parseIdList, qaRoleOf } from './qa-role.ts';
import { createZafServiceClient } from './service-client.ts';

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

function setup(handler: (o: ZafRequestOptions) => unknown) {
  const zaf = createFakeZaf({
    request: async (o) => ({ status: 200, headers: {}, responseJSON: await handler(o) }),
  });
  const client = createZafServiceClient(zaf, { serviceUrl: 'http://127.0.0.1:3030/', identity: { userId: 22, role: 'reviewer' } });
  return { zaf, client };
}

describe('service client over ZAF request', () => {
  it('sends the secure token placeholder, the acting user and role through the proxy', async () => {
    const { zaf, client } = setup(() => ({ scorecards: [scorecard], evaluations: [evaluation] }));
    const r = await client.loadSidebar(7);
    expect(r).toEqual({ status: 'ok', value: { scorecards: [scorecard], versions: [], evaluations: [evaluation], calibrationSessions: [], coachingNotes: [] } });
    const sent = zaf.requests[0]!;
    expect(sent.url).toBe('http://127.0.0.1:3030/api/v1/sidebar?ticketId=7');
    expect(sent.secure).toBe(true);
    expect(sent.headers).toEqual({ Authorization: 'Bearer {{setting.serviceToken}}', 'X-QA-User-Id': '22', 'X-QA-Role': 'reviewer' });
  });

  it('posts a create as JSON and accepts the evaluation or { evaluation }', async () => {
    const { zaf, client } = setup((o) => (o.type === 'POST' ? { evaluation } : evaluation));
    const body = { id: evaluation.id, ticketId: 7, revieweeId: 11, scorecardId: 'email', scorecardVersion: 1, answers: [] };
    expect(await client.createEvaluation(body)).toEqual({ status: 'ok', value: evaluation });
    expect(zaf.requests[0]).toMatchObject({ type: 'POST', contentType: 'application/json', data: JSON.stringify(body) });
    expect((await client.acknowledge(evaluation.id)).status).toBe('ok');
  });

  it('refuses a body in an unexpected shape as a server error', async () => {
    const { client } = setup(() => ({ scorecards: 'nope' }));
    expect(await client.loadSidebar(7)).toMatchObject({ status: 'error', error: { kind: 'server' } });
  });

  it.each([
    [0, 'unreachable'],
    [502, 'unreachable'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [400, 'invalid'],
    [404, 'not-found'],
    [409, 'conflict'],
    [422, 'rule'],
    [500, 'server'],
  ] as const)('HTTP %i is a %s error value', async (status, kind) => {
    const { client } = setup(() => {
      throw new ZafRequestError(status, {}, JSON.stringify({ error: 'invalid request', issues: ['answers[0].rating: must be >= 0'] }));
    });
    const r = await client.loadSidebar(7);
    expect(r).toMatchObject({ status: 'error', error: { kind, message: 'invalid request' } });
    if (r.status === 'error') expect(r.error.issues).toEqual(['answers[0].rating: must be >= 0']);
  });
});

describe('QA role', () => {
  const settings = { leadGroupIds: '5', reviewerGroupIds: ' 7, 8 ' };
  it.each([
    [{ role: 'admin', groups: [] }, 'admin'],
    [{ role: 'agent', groups: [{ id: 5 }] }, 'lead'],
    [{ role: 'agent', groups: [{ id: 8 }] }, 'reviewer'],
    [{ role: 'agent', groups: [{ id: 9 }] }, 'agent'],
  ] as const)('%j -> %s', (user, role) => {
    expect(qaRoleOf({ role: user.role, groups: [...user.groups] }, settings)).toBe(role);
  });
  it('reads id lists typed by admins', () => {
    expect(parseIdList('1, 2;3 x 0')).toEqual([1, 2, 3]);
    expect(parseIdList(undefined)).toEqual([]);
    expect(canReview('agent')).toBe(false);
    expect(canReview('lead')).toBe(true);
  });
});

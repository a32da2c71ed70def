import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSidebarData } from '../../app/api/wire.ts';
import type { createApp } from '../app.ts';
import { createPgliteDb, type Db } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import type { QaRole } from '../../core/evaluation.ts';
import { tenants, type Tenant } from '../../../tests/support/db-client.ts';

let db: Db;
let app: ReturnType<typeof createApp>;
let accounts: Record<'acme-token' | 'globex-token', Tenant>;
/** A session of `userId` in account acme (or globex), whom Zendesk gives `role`; 'nope' is no session at all. */
const headers = async (userId: number, role: string, token: 'acme-token' | 'globex-token' | 'nope' = 'acme-token') => ({
  Authorization: `Bearer ${token === 'nope' ? 's1.acme.nope' : await accounts[token].session(role as QaRole, userId)}`,
  'Content-Type': 'application/json',
});
const card = (name: string, channels: string[]) => ({
  name,
  method: 'weighted-criteria',
  appliesTo: { channels },
  sections: [{ id: 's', name: 'S', criteria: [{ id: 'a', label: 'A', weight: 1, scale: { preset: 'binary' } }] }],
});

async function publish(definition: unknown, token?: 'acme-token' | 'globex-token' | 'nope'): Promise<string> {
  const res = await app.request('/api/v1/scorecards', {
    method: 'POST',
    headers: await headers(1, 'admin', token),
    body: JSON.stringify(definition),
  });
  const { id } = (await res.json()) as { id: string };
  await app.request(`/api/v1/scorecards/${id}/publish`, { method: 'POST', headers: await headers(1, 'admin', token) });
  return id;
}

async function evaluate(
  scorecardId: string,
  ticketId: number,
  revieweeId: number,
  token?: 'acme-token' | 'globex-token' | 'nope',
): Promise<string> {
  const id = randomUUID();
  const body = { id, ticketId, revieweeId, scorecardId, scorecardVersion: 1, answers: [{ criterionId: 'a', rating: 1 }] };
  const res = await app.request('/api/v1/evaluations', {
    method: 'POST',
    headers: await headers(2, 'reviewer', token),
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return id;
}

interface Body {
  scorecards: Array<{ id: string; version: number }>;
  versions: Array<{ id: string; version: number }>;
  evaluations: Array<{ id: string; revieweeId: number; kind: string }>;
  calibrationSessions: Array<{ id: string; version: number; submitted: number[] }>;
  coachingNotes: Array<{ id: string; evaluationId: string; body: string }>;
}

const sidebar = async (ticketId: number, userId: number, role: string, token?: 'acme-token' | 'globex-token' | 'nope') => {
  const res = await app.request(`/api/v1/sidebar?ticketId=${ticketId}`, { headers: await headers(userId, role, token) });
  return { status: res.status, body: (await res.json()) as Body };
};

async function post<T>(path: string, userId: number, role: string, body: unknown, status = 201): Promise<T> {
  const res = await app.request(`/api/v1${path}`, { method: 'POST', headers: await headers(userId, role), body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
}

beforeAll(async () => {
  db = await createPgliteDb('memory://');
  await migrate(db);
  const [acme, globex] = tenants(db, { clock: { now: () => new Date() } });
  accounts = { 'acme-token': acme, 'globex-token': globex };
  app = acme.app;
});
afterAll(async () => {
  await db.close();
});

describe('GET /api/v1/sidebar', () => {
  it('gives published scorecards and the ticket evaluations in one answer the app can read', async () => {
    const email = await publish(card('Email', ['email']));
    await app.request('/api/v1/scorecards', {
      method: 'POST',
      headers: await headers(1, 'admin'),
      body: JSON.stringify(card('Draft only', [])),
    });
    const first = await evaluate(email, 70, 11);
    const second = await evaluate(email, 70, 12);
    await evaluate(email, 71, 11);
    const { status, body } = await sidebar(70, 2, 'reviewer');
    expect(status).toBe(200);
    expect(isSidebarData(body)).toBe(true);
    expect(body.scorecards.map((s) => s.id)).toEqual([email]);
    expect(body.evaluations.map((e) => e.id).sort()).toEqual([first, second].sort());
  });

  it('gives an agent only the evaluations of their own work', async () => {
    const { body } = await sidebar(70, 11, 'agent');
    expect(body.evaluations.map((e) => e.revieweeId)).toEqual([11]);
    expect((await sidebar(70, 13, 'agent')).body.evaluations).toEqual([]);
  });

  it('never crosses accounts', async () => {
    const { body } = await sidebar(70, 2, 'reviewer', 'globex-token');
    expect(body).toEqual({ scorecards: [], versions: [], evaluations: [], calibrationSessions: [], coachingNotes: [], drafts: [] });
  });

  it('gives an invited reviewer the open calibration sessions on the ticket, with the version to score, and nobody else', async () => {
    const id = await publish(card('Chat', ['chat']));
    // a second version is published after the session starts: the session keeps scoring version 1
    const session = await post<{ id: string }>('/calibration-sessions', 5, 'lead', {
      ticketId: 80,
      scorecardId: id,
      version: 1,
      reviewerIds: [2, 3],
      baselineReviewerId: 3,
    });
    await post(`/scorecards/${id}/draft`, 1, 'admin', {});
    await post(`/scorecards/${id}/publish`, 1, 'admin', {}, 200);
    const other = await post<{ id: string }>('/calibration-sessions', 5, 'lead', {
      ticketId: 81,
      scorecardId: id,
      version: 1,
      reviewerIds: [2, 3],
      baselineReviewerId: 3,
    });
    const closed = await post<{ id: string }>('/calibration-sessions', 5, 'lead', {
      ticketId: 80,
      scorecardId: id,
      version: 1,
      reviewerIds: [2, 3],
      baselineReviewerId: 3,
    });
    await post(`/calibration-sessions/${closed.id}/close`, 5, 'lead', {}, 200);

    const { body } = await sidebar(80, 2, 'reviewer');
    expect(isSidebarData(body)).toBe(true);
    expect(body.calibrationSessions.map((s) => s.id)).toEqual([session.id]);
    expect(body.calibrationSessions[0]).toMatchObject({ version: 1, submitted: [] });
    expect(body.scorecards.find((s) => s.id === id)?.version).toBe(2);
    expect(body.versions.map((s) => `${s.id}@${s.version}`)).toContain(`${id}@1`);
    expect(body.calibrationSessions.map((s) => s.id)).not.toContain(other.id);

    // not invited: a reviewer and the organising lead see no session to score; agents never do
    expect((await sidebar(80, 4, 'reviewer')).body.calibrationSessions).toEqual([]);
    expect((await sidebar(80, 5, 'lead')).body.calibrationSessions).toEqual([]);
    expect((await sidebar(80, 2, 'agent')).body.calibrationSessions).toEqual([]);

    // blind: reviewer 3's calibration evaluation is hidden from reviewer 2 until 2 has scored, and from the agent always
    const score = (reviewer: number) =>
      post<{ id: string }>('/evaluations', reviewer, 'reviewer', {
        id: randomUUID(),
        ticketId: 80,
        revieweeId: 11,
        scorecardId: id,
        scorecardVersion: 1,
        answers: [{ criterionId: 'a', rating: reviewer === 3 ? 1 : 0 }],
        kind: 'calibration',
        calibrationSessionId: session.id,
      });
    const third = await score(3);
    expect((await sidebar(80, 2, 'reviewer')).body.evaluations.map((e) => e.id)).not.toContain(third.id);
    const mine = await score(2);
    const after = (await sidebar(80, 2, 'reviewer')).body;
    expect(after.evaluations.map((e) => e.id).sort()).toEqual([third.id, mine.id].sort());
    expect(after.calibrationSessions[0]!.submitted).toEqual([2, 3]);
    expect((await sidebar(80, 11, 'agent')).body.evaluations).toEqual([]);
  });

  it('gives coaching notes: the agent their own, the reviewer those on evaluations they made, a lead all', async () => {
    const id = await publish(card('Voice', ['voice']));
    const ritas = await evaluate(id, 90, 11);
    const others = randomUUID();
    await post('/evaluations', 6, 'reviewer', {
      id: others,
      ticketId: 90,
      revieweeId: 12,
      scorecardId: id,
      scorecardVersion: 1,
      answers: [{ criterionId: 'a', rating: 0 }],
    });
    const toAgent = await post<{ id: string }>('/coaching-notes', 5, 'lead', { evaluationId: ritas, body: 'Greet by name.' });
    const toOther = await post<{ id: string }>('/coaching-notes', 5, 'lead', { evaluationId: others, body: 'Check the order first.' });

    const ids = async (userId: number, role: string) => (await sidebar(90, userId, role)).body.coachingNotes.map((n) => n.id).sort();
    expect(await ids(11, 'agent')).toEqual([toAgent.id]);
    expect(await ids(12, 'agent')).toEqual([toOther.id]);
    expect(await ids(13, 'agent')).toEqual([]);
    expect(await ids(2, 'reviewer')).toEqual([toAgent.id]);
    expect(await ids(5, 'lead')).toEqual([toAgent.id, toOther.id].sort());
    const { body } = await sidebar(90, 11, 'agent');
    expect(isSidebarData(body)).toBe(true);
    expect(body.coachingNotes[0]).toMatchObject({ evaluationId: ritas, body: 'Greet by name.', acknowledgedAt: null });
  });

  it('refuses a bad ticket id and a wrong token', async () => {
    expect((await sidebar(0, 2, 'reviewer')).status).toBe(400);
    expect((await sidebar(70, 2, 'reviewer', 'nope')).status).toBe(401);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSidebarData } from '../../app/api/wire.ts';
import { createApp } from '../app.ts';
import { createPgliteDb, type Db } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';

let db: Db;
let app: ReturnType<typeof createApp>;
const headers = (userId: number, role: string, token = 'acme-token') => ({
  Authorization: `Bearer ${token}`,
  'X-QA-User-Id': String(userId),
  'X-QA-Role': role,
  'Content-Type': 'application/json',
});
const card = (name: string, channels: string[]) => ({
  name,
  method: 'weighted-criteria',
  appliesTo: { channels },
  sections: [{ id: 's', name: 'S', criteria: [{ id: 'a', label: 'A', weight: 1, scale: { preset: 'binary' } }] }],
});

async function publish(definition: unknown, token?: string): Promise<string> {
  const res = await app.request('/api/v1/scorecards', { method: 'POST', headers: headers(1, 'admin', token), body: JSON.stringify(definition) });
  const { id } = (await res.json()) as { id: string };
  await app.request(`/api/v1/scorecards/${id}/publish`, { method: 'POST', headers: headers(1, 'admin', token) });
  return id;
}

async function evaluate(scorecardId: string, ticketId: number, revieweeId: number, token?: string): Promise<string> {
  const id = randomUUID();
  const body = { id, ticketId, revieweeId, scorecardId, scorecardVersion: 1, answers: [{ criterionId: 'a', rating: 1 }] };
  const res = await app.request('/api/v1/evaluations', { method: 'POST', headers: headers(2, 'reviewer', token), body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return id;
}

const sidebar = async (ticketId: number, userId: number, role: string, token?: string) => {
  const res = await app.request(`/api/v1/sidebar?ticketId=${ticketId}`, { headers: headers(userId, role, token) });
  return { status: res.status, body: (await res.json()) as { scorecards: Array<{ id: string }>; versions: unknown[]; evaluations: Array<{ id: string; revieweeId: number }> } };
};

beforeAll(async () => {
  db = await createPgliteDb('memory://');
  await migrate(db);
  app = createApp({ db, clock: { now: () => new Date() }, accounts: { acme: 'acme-token', globex: 'globex-token' }, log: () => {} });
});
afterAll(async () => {
  await db.close();
});

describe('GET /api/v1/sidebar', () => {
  it('gives published scorecards and the ticket evaluations in one answer the app can read', async () => {
    const email = await publish(card('Email', ['email']));
    await app.request('/api/v1/scorecards', { method: 'POST', headers: headers(1, 'admin'), body: JSON.stringify(card('Draft only', [])) });
    const first = await evaluate(email, 70, 11);
    const second = await evaluate(email, 70, 12);
    await evaluate(email, 71, 11);
    const { status, body } = await sidebar(70, 2, 'reviewer');
    expect(status).toBe(200);
    expect(isSidebarData(body)).toBe(true);
    expect(body.scorecards.map((s) => s.id)).toEqual([email]);
    expect(body.evaluations.map((e) => e.id).sort()).toEqual([first, second].sort());
  });

  it("gives an agent only the evaluations of their own work", async () => {
    const { body } = await sidebar(70, 11, 'agent');
    expect(body.evaluations.map((e) => e.revieweeId)).toEqual([11]);
    expect((await sidebar(70, 13, 'agent')).body.evaluations).toEqual([]);
  });

  it('never crosses accounts', async () => {
    const { body } = await sidebar(70, 2, 'reviewer', 'globex-token');
    expect(body).toEqual({ scorecards: [], versions: [], evaluations: [] });
  });

  it('refuses a bad ticket id and a wrong token', async () => {
    expect((await sidebar(0, 2, 'reviewer')).status).toBe(400);
    expect((await sidebar(70, 2, 'reviewer', 'nope')).status).toBe(401);
  });
});

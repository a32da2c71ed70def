import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backends, useDb } from '../support/db.ts';
import { evaluationBody, publishedScorecard, tenants } from '../support/db-client.ts';

describe.each(backends())('coaching notes on $name', (backend) => {
  const db = useDb(backend);

  it('the reviewer or a lead coaches; the agent sees and acknowledges; nobody else does', async () => {
    const [t, other] = tenants(db());
    const scorecardId = await publishedScorecard(t);
    const evaluation = evaluationBody(scorecardId, { revieweeId: 50 });
    await t.as('reviewer', 2).post('/evaluations', evaluation);

    expect((await t.as('reviewer', 3).post('/coaching-notes', { evaluationId: evaluation.id, body: 'not mine' })).status).toBe(403);
    expect((await t.as('agent', 50).post('/coaching-notes', { evaluationId: evaluation.id, body: 'self' })).status).toBe(403);
    expect((await t.as('reviewer', 2).post('/coaching-notes', { evaluationId: evaluation.id, body: '  ' })).status).toBe(400);
    expect((await t.as('lead', 5).post('/coaching-notes', { evaluationId: randomUUID(), body: 'x' })).status).toBe(404);
    const note = await t.as('reviewer', 2).post('/coaching-notes', { evaluationId: evaluation.id, body: 'Offer the refund link first.' });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ evaluationId: evaluation.id, agentId: 50, authorId: 2, acknowledgedAt: null });
    expect((await t.as('lead', 5).post('/coaching-notes', { evaluationId: evaluation.id, body: 'Agreed.' })).status).toBe(201);

    expect((await t.as('agent', 50).get('/coaching-notes?agentId=50')).body.items).toHaveLength(2);
    expect((await t.as('agent', 51).get('/coaching-notes?agentId=50')).status).toBe(403);
    expect((await t.as('agent', 51).get(`/coaching-notes?evaluationId=${evaluation.id}`)).body.items).toHaveLength(0);
    expect((await other.as('lead', 5).get(`/coaching-notes?evaluationId=${evaluation.id}`)).body.items).toHaveLength(0);
    expect((await t.as('lead', 5).get('/coaching-notes')).status).toBe(400);

    expect((await t.as('agent', 51).post(`/coaching-notes/${note.body.id}/acknowledge`)).status).toBe(404);
    expect((await t.as('lead', 5).post(`/coaching-notes/${note.body.id}/acknowledge`)).status).toBe(403);
    const ack = await t.as('agent', 50).post(`/coaching-notes/${note.body.id}/acknowledge`);
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledgedAt).not.toBeNull();
    expect((await t.as('agent', 50).post(`/coaching-notes/${note.body.id}/acknowledge`)).body.acknowledgedAt).toBe(ack.body.acknowledgedAt);
    const actions = await db().query<{ action: string }>('SELECT action FROM audit_log WHERE account = $1 AND entity = $2 ORDER BY seq', [
      t.account,
      'coaching-note',
    ]);
    expect(actions.map((a) => a.action)).toEqual(['coaching.create', 'coaching.create', 'coaching.acknowledge']);
  });
});

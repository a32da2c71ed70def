import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backends, useDb } from '../support/db.ts';
import { evaluationBody, publishedScorecard, sampleAnswers, tenants } from '../support/db-client.ts';

// the stepping clock starts on 2026-03-02
const target = { subject: 'agent', subjectId: 50, metric: 'average-score', value: 90, startsOn: '2026-03-01', dueOn: '2026-03-31' };

describe.each(backends())('targets on $name', (backend) => {
  const db = useDb(backend);

  it('shows progress with n and interval; leads set targets, agents read only their own', async () => {
    const [t, other] = tenants(db());
    const scorecardId = await publishedScorecard(t);
    // agent 50: 100 and 50 (offered No: 2 of 4) -> mean 75; agent 60's review must not count
    await t.as('reviewer', 2).post('/evaluations', evaluationBody(scorecardId, { revieweeId: 50 }));
    await t
      .as('reviewer', 2)
      .post('/evaluations', evaluationBody(scorecardId, { revieweeId: 50, answers: sampleAnswers({ offered: { rating: 0 } }) }));
    await t.as('reviewer', 2).post('/evaluations', evaluationBody(scorecardId, { revieweeId: 60 }));
    expect((await t.as('reviewer', 2).post('/targets', target)).status).toBe(403);
    const created = await t.as('lead', 5).post('/targets', target);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...target, scorecardId: null, createdBy: 5 });
    // below the target, but two reviews leave an interval that reaches it: not yet clear, not "behind"
    expect(created.body.progress).toMatchObject({ state: 'unclear', certain: false, progress: null });
    expect(created.body.progress.current).toMatchObject({ value: 75, n: 2 });
    expect(created.body.progress.current.low).toBe(0); // t(1) interval is wide: clamped to the score's range
    await t.as('lead', 5).post('/targets', { ...target, subjectId: 60 });

    expect((await t.as('agent', 50).get('/targets')).body.items.map((x: any) => x.subjectId)).toEqual([50]);
    expect((await t.as('agent', 50).get('/targets?subjectId=60')).status).toBe(403);
    expect((await t.as('agent', 60).get(`/targets/${created.body.id}`)).status).toBe(404);
    expect((await t.as('reviewer', 2).get('/targets')).body.items).toHaveLength(2);
    expect((await other.as('lead', 5).get('/targets')).body.items).toHaveLength(0);

    expect((await t.as('reviewer', 2).put(`/targets/${created.body.id}`, { ...target, value: 70 })).status).toBe(403);
    expect((await t.as('reviewer', 2).delete(`/targets/${created.body.id}`)).status).toBe(403);
    const updated = await t.as('lead', 5).put(`/targets/${created.body.id}`, { ...target, value: 70 });
    expect(updated.body.progress.state).toBe('on-track');
    expect((await t.as('lead', 5).delete(`/targets/${created.body.id}`)).status).toBe(204);
    const audited = await db().query<{ action: string }>(
      `SELECT action FROM audit_log WHERE account = $1 AND entity_id = $2 ORDER BY seq`,
      [t.account, created.body.id],
    );
    expect(audited.map((a) => a.action)).toEqual(['target.create', 'target.update', 'target.archive']);
    expect((await t.as('lead', 5).get(`/targets/${created.body.id}`)).status).toBe(404);
    expect((await t.as('lead', 5).put(`/targets/${randomUUID()}`, target)).status).toBe(404);
    const bad = await t.as('lead', 5).post('/targets', { ...target, metric: 'pass-rate', value: 90 });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.join()).toContain('value');
  });

  it('reads a group target from the evaluations of that group', async () => {
    const [t] = tenants(db());
    const scorecardId = await publishedScorecard(t);
    await t.as('reviewer', 2).post('/evaluations', evaluationBody(scorecardId, { groupId: 7 }));
    await t
      .as('reviewer', 2)
      .post('/evaluations', evaluationBody(scorecardId, { groupId: 8, answers: sampleAnswers({ identity: { rating: 0 } }) }));
    const res = await t
      .as('lead', 5)
      .post('/targets', { subject: 'group', subjectId: 7, metric: 'pass-rate', value: 0.9, startsOn: '2026-03-01', dueOn: '2026-03-31' });
    expect(res.body.progress.current).toMatchObject({ value: 1, n: 1 });
    expect(res.body.progress.state).toBe('on-track');
  });
});

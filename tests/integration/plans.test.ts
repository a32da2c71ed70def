import { describe, expect, it } from 'vitest';
import { backends, useDb } from '../support/db.ts';
import { evaluationBody, publishedScorecard, sampleAnswers, tenants } from '../support/db-client.ts';

// the stepping clock starts on Monday 2026-03-02 09:00 UTC: ISO week 2026-W10
const WEEK = '2026-W10';

describe.each(backends())('monitoring plan, coverage and suggestions on $name', (backend) => {
  const db = useDb(backend);

  it('lets leads set the plan, staff read it, agents neither; one account never sees another', async () => {
    const [t, other] = tenants(db());
    expect((await t.as('lead', 5).get('/plan')).body).toEqual({ plan: { default: null, agents: [] }, updatedAt: null, updatedBy: null });
    expect((await t.as('agent', 50).get('/plan')).status).toBe(403);
    expect((await t.as('reviewer', 2).put('/plan', { default: { overall: 1 } })).status).toBe(403);
    const bad = await t.as('lead', 5).put('/plan', { agents: [{ agentId: 50, overall: -1 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.join()).toContain('agents[0].overall');
    const saved = await t
      .as('lead', 5)
      .put('/plan', { default: { overall: 2 }, agents: [{ agentId: 50, overall: 3, channels: { email: 2 } }] });
    expect(saved.status).toBe(200);
    expect((await t.as('reviewer', 2).get('/plan')).body).toMatchObject({
      plan: { default: { overall: 2, channels: {} }, agents: [{ agentId: 50, overall: 3, channels: { email: 2 } }] },
      updatedBy: 5,
    });
    expect((await other.as('lead', 5).get('/plan')).body.plan).toEqual({ default: null, agents: [] });
    const [audit] = await db().query<{ action: string }>('SELECT action FROM audit_log WHERE account = $1', [t.account]);
    expect(audit?.action).toBe('plan.set');
  });

  it('refuses a channel Zendesk does not have instead of keeping or dropping it, and still reads one saved before', async () => {
    const [t] = tenants(db());
    const lead = t.as('lead', 5);
    await lead.put('/plan', { default: { overall: 2, channels: { email: 1 } } });
    const bad = await lead.put('/plan', { default: { overall: 2, channels: { email: 1, phone: 2 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([expect.stringMatching(/^default\.channels\.phone: "phone" is not a Zendesk channel/)]);
    expect((await lead.get('/plan')).body.plan.default).toEqual({ overall: 2, channels: { email: 1 } });
    // a plan stored before channels were checked is shown as it is, for the lead to fix
    await db().query(`UPDATE monitoring_plans SET plan = $2 WHERE account = $1`, [
      t.account,
      JSON.stringify({ default: { overall: 2, channels: { phone: 2 } }, agents: [] }),
    ]);
    const legacy = await lead.get('/plan');
    expect(legacy.status).toBe(200);
    expect(legacy.body.plan.default).toEqual({ overall: 2, channels: { phone: 2 } });
  });

  it('counts reviews of the week against the plan; calibration, self-reviews and withdrawn ones do not count', async () => {
    const [t] = tenants(db());
    const scorecardId = await publishedScorecard(t);
    await t.as('lead', 5).put('/plan', { default: { overall: 2 }, agents: [{ agentId: 50, overall: 3, channels: { email: 2 } }] });
    const reviewer = t.as('reviewer', 2);
    for (const body of [
      evaluationBody(scorecardId, { revieweeId: 50, channel: 'email', ticketId: 1 }),
      evaluationBody(scorecardId, { revieweeId: 50, channel: 'email', ticketId: 2 }),
      evaluationBody(scorecardId, { revieweeId: 60, channel: 'chat', ticketId: 3 }),
      evaluationBody(scorecardId, { revieweeId: 50, channel: 'email', ticketId: 4, kind: 'self-review' }),
    ]) {
      expect((await reviewer.post('/evaluations', body)).status).toBe(201);
    }
    const withdrawn = evaluationBody(scorecardId, { revieweeId: 60, channel: 'chat', ticketId: 5 });
    await reviewer.post('/evaluations', withdrawn);
    expect((await reviewer.post(`/evaluations/${withdrawn.id}/withdraw`, {})).status).toBe(200);

    const res = await t.as('reviewer', 2).get(`/reports/coverage?week=${WEEK}&agentIds=70`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ week: WEEK, from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z' });
    expect(res.body.agents).toEqual([
      {
        agentId: 50,
        source: 'agent',
        planned: 3,
        done: 2,
        ratio: 2 / 3,
        gap: 1,
        channels: [{ channel: 'email', planned: 2, done: 2, gap: 0 }],
        toDo: 1,
      },
      { agentId: 60, source: 'default', planned: 2, done: 1, ratio: 0.5, gap: 1, channels: [], toDo: 1 },
      { agentId: 70, source: 'default', planned: 2, done: 0, ratio: 0, gap: 2, channels: [], toDo: 2 },
    ]);
    expect(res.body).toMatchObject({ planned: 7, done: 3, ratio: 3 / 7, gap: 4, agentsBehind: 3 });
    expect((await t.as('lead', 5).get('/reports/coverage?week=2026-W11')).body.done).toBe(0);
    expect((await t.as('agent', 50).get(`/reports/coverage?week=${WEEK}`)).status).toBe(403);
    expect((await t.as('lead', 5).get('/reports/coverage?week=2026-13')).status).toBe(400);
  });

  it('suggests tickets that fill gaps, never ones already reviewed, the same all week', async () => {
    const [t] = tenants(db());
    const scorecardId = await publishedScorecard(t);
    await t.as('lead', 5).put('/plan', { default: { overall: 2 } });
    await t
      .as('reviewer', 2)
      .post('/evaluations', evaluationBody(scorecardId, { revieweeId: 50, ticketId: 101, answers: sampleAnswers() }));
    const candidates = [
      ...[101, 102, 103, 104].map((ticketId) => ({ ticketId, assigneeId: 50, channel: 'email' })),
      ...[201, 202, 203].map((ticketId) => ({ ticketId, assigneeId: 60, channel: 'chat', reopens: ticketId === 203 ? 2 : 0 })),
    ];
    const res = await t.as('reviewer', 2).post('/suggestions', { week: WEEK, candidates, favour: { reopens: true } });
    expect(res.status).toBe(200);
    expect(res.body.alreadyReviewed).toBe(1);
    const picks = res.body.suggestions as Array<{ ticketId: number; agentId: number; reasons: string[] }>;
    expect(picks.filter((p) => p.agentId === 50)).toHaveLength(1); // 2 planned, 1 done
    expect(picks.filter((p) => p.agentId === 60)).toHaveLength(2);
    expect(picks.map((p) => p.ticketId)).not.toContain(101);
    for (const p of picks) expect(p.reasons).toEqual(p.ticketId === 203 ? ['reopened'] : []);
    const again = await t
      .as('lead', 5)
      .post('/suggestions', { week: WEEK, candidates: [...candidates].reverse(), favour: { reopens: true } });
    expect(again.body.suggestions).toEqual(res.body.suggestions);
    expect((await t.as('agent', 50).post('/suggestions', { candidates })).status).toBe(403);
    const bad = await t.as('lead', 5).post('/suggestions', { candidates: [{ ticketId: 'x', assigneeId: 50 }] });
    expect(bad.status).toBe(400);
  });
});

describe.each(backends())('tickets behind the figures on $name', (backend) => {
  const db = useDb(backend);

  it('lists the evaluations that failed a criterion, and where QA and CSAT disagree', async () => {
    const [t] = tenants(db());
    const scorecardId = await publishedScorecard(t);
    const r = t.as('reviewer', 2);
    const failedOffered = evaluationBody(scorecardId, {
      ticketId: 11,
      revieweeId: 50,
      groupId: 7,
      answers: sampleAnswers({ offered: { rating: 0, rootCauses: ['Knowledge gap'] } }),
      metrics: { csat: 'good', firstReplyMinutes: 30, fullResolutionMinutes: 600, reopens: 1 },
    });
    const passedBadCsat = evaluationBody(scorecardId, {
      ticketId: 12,
      revieweeId: 51,
      groupId: 7,
      metrics: { csat: 'bad', firstReplyMinutes: 10, reopens: 0 },
    });
    const otherGroup = evaluationBody(scorecardId, {
      ticketId: 13,
      revieweeId: 52,
      groupId: 8,
      answers: sampleAnswers({ offered: { rating: 0 } }),
    });
    for (const body of [failedOffered, passedBadCsat, otherGroup]) expect((await r.post('/evaluations', body)).status).toBe(201);

    const behind = await t.as('lead', 5).get('/reports/tickets?groupId=7&criterionId=offered&failed=true');
    expect(behind.status).toBe(200);
    expect(behind.body.items).toEqual([
      expect.objectContaining({
        ticketId: 11,
        revieweeId: 50,
        passed: false,
        criterion: { fraction: 0, comment: null, rootCauses: ['Knowledge gap'] },
      }),
    ]);
    expect((await t.as('agent', 51).get('/reports/tickets')).body.items.map((i: any) => i.ticketId)).toEqual([12]);

    const qa = await t.as('lead', 5).get('/reports/qa-vs-metrics?groupId=7');
    expect(qa.body.disagreements.map((d: any) => [d.ticketId, d.kind])).toEqual([
      [12, 'qa-pass-csat-bad'],
      [11, 'qa-fail-csat-good'],
    ]);
    expect(qa.body.byCsat.map((b: any) => [b.csat, b.summary.count, b.summary.averageScore.value])).toEqual([
      ['bad', 1, 100],
      ['good', 1, 50],
    ]);
    const failed = qa.body.byResult.find((b: any) => b.result === 'failed').metrics;
    expect(failed).toMatchObject({
      firstReplyMinutes: { value: 30, n: 1 },
      fullResolutionMinutes: { value: 600, n: 1 },
      reopenRate: { value: 1, n: 1 },
      csatGoodRate: { value: 1, n: 1 },
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { QaRole } from '../../src/core/evaluation.ts';
import { backends, countOf, useDb } from '../support/db.ts';
import { evaluationBody, publishedScorecard, sampleAnswers, sampleScorecard, tenant, type Tenant } from '../support/db-client.ts';

const ROLES: QaRole[] = ['admin', 'lead', 'reviewer', 'agent'];
const REVIEWER = 2;
const REVIEWEE = 50;

describe.each(backends())('permissions on $name', (backend) => {
  const db = useDb(backend);

  /** A published scorecard and an evaluation of REVIEWEE by REVIEWER. */
  async function setup(): Promise<{ t: Tenant; scorecardId: string; id: string }> {
    const t = tenant(db());
    const scorecardId = await publishedScorecard(t);
    const body = evaluationBody(scorecardId, { revieweeId: REVIEWEE });
    expect((await t.as('reviewer', REVIEWER).post('/evaluations', body)).status).toBe(201);
    return { t, scorecardId, id: body.id };
  }

  it('lets only admins manage scorecards', async () => {
    const t = tenant(db());
    const id = await publishedScorecard(t);
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const who = t.as(role, 9);
      const attempts = [
        who.post('/scorecards', sampleScorecard()),
        who.post('/scorecards/import', sampleScorecard()),
        who.post(`/scorecards/${id}/draft`),
        who.put(`/scorecards/${id}/draft`, { definition: sampleScorecard(), lockVersion: 1 }),
        who.post(`/scorecards/${id}/publish`),
        who.post(`/scorecards/${id}/archive`),
        who.post(`/scorecards/${id}/duplicate`),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.status, role).toBe(403);
        expect(res.body.error).toContain(role);
      }
    }
    const n = await countOf(db(), 'SELECT count(*) AS n FROM scorecards WHERE account = $1', [t.account]);
    expect(n).toBe(1);
  });

  it('lets reviewers, leads and admins create evaluations, not agents', async () => {
    const t = tenant(db());
    const scorecardId = await publishedScorecard(t);
    for (const role of ROLES) {
      const res = await t.as(role, 9).post('/evaluations', evaluationBody(scorecardId));
      expect(res.status, role).toBe(role === 'agent' ? 403 : 201);
    }
  });

  it('shows an agent only their own evaluations', async () => {
    const { t, scorecardId, id } = await setup();
    await t.as('reviewer', REVIEWER).post('/evaluations', evaluationBody(scorecardId, { revieweeId: 51 })); // someone else, same ticket
    const me = t.as('agent', REVIEWEE);
    expect((await me.get(`/evaluations/${id}`)).status).toBe(200);
    const byTicket = await me.get('/evaluations?ticketId=1001');
    expect(byTicket.body.items.map((e: { revieweeId: number }) => e.revieweeId)).toEqual([REVIEWEE]);
    expect((await me.get('/evaluations')).body.items).toHaveLength(1);
    expect((await me.get(`/evaluations?revieweeId=${REVIEWEE}`)).status).toBe(200);

    const other = t.as('agent', 51);
    expect((await other.get(`/evaluations/${id}`)).status).toBe(403);
    expect((await other.get(`/evaluations?revieweeId=${REVIEWEE}`)).status).toBe(403);
    expect((await other.get('/evaluations?ticketId=1001')).body.items.map((e: { revieweeId: number }) => e.revieweeId)).toEqual([51]);
    // staff read all of the account
    expect((await t.as('reviewer', 77).get('/evaluations?ticketId=1001')).body.items).toHaveLength(2);
  });

  it('lets reviewers amend and withdraw only their own evaluations; leads and admins any; agents none', async () => {
    const { t, id } = await setup();
    const amend = (lockVersion: number) => ({ answers: sampleAnswers({ tone: { rating: 1 } }), lockVersion });
    expect((await t.as('reviewer', 3).put(`/evaluations/${id}`, amend(1))).status).toBe(403);
    expect((await t.as('reviewer', 3).post(`/evaluations/${id}/withdraw`)).status).toBe(403);
    expect((await t.as('agent', REVIEWEE).put(`/evaluations/${id}`, amend(1))).status).toBe(403);
    expect((await t.as('agent', REVIEWEE).post(`/evaluations/${id}/withdraw`)).status).toBe(403);
    expect((await t.as('reviewer', REVIEWER).put(`/evaluations/${id}`, amend(1))).status).toBe(200);
    expect((await t.as('lead', 8).put(`/evaluations/${id}`, amend(2))).status).toBe(200);
    expect((await t.as('admin', 1).put(`/evaluations/${id}`, amend(3))).status).toBe(200);
    expect((await t.as('lead', 8).post(`/evaluations/${id}/withdraw`)).status).toBe(200);

    const second = await setup();
    expect((await second.t.as('reviewer', REVIEWER).post(`/evaluations/${second.id}/withdraw`)).status).toBe(200);
  });

  it('lets only the reviewee acknowledge or dispute', async () => {
    const { t, id } = await setup();
    for (const [role, user] of [
      ['agent', 51],
      ['reviewer', REVIEWER],
      ['lead', 8],
      ['admin', 1],
    ] as const) {
      expect((await t.as(role, user).post(`/evaluations/${id}/acknowledge`)).status, role).toBe(403);
      expect((await t.as(role, user).post(`/evaluations/${id}/dispute`, { reason: 'no' })).status, role).toBe(403);
    }
    expect((await t.as('agent', REVIEWEE).post(`/evaluations/${id}/dispute`, { reason: 'unfair' })).status).toBe(200);
  });

  it('lets a lead or an admin resolve a dispute, not a reviewer (not even its own), the agent, or a lead who wrote or is the subject of it', async () => {
    for (const [role, user, allowed] of [
      ['reviewer', 3, false],
      ['agent', REVIEWEE, false],
      ['reviewer', REVIEWER, false],
      // the same user id as the reviewer, now acting as a lead: still their own review
      ['lead', REVIEWER, false],
      ['lead', REVIEWEE, false],
      ['lead', 8, true],
      ['admin', 1, true],
    ] as const) {
      const { t, id } = await setup();
      await t.as('agent', REVIEWEE).post(`/evaluations/${id}/dispute`, { reason: 'unfair' });
      const res = await t.as(role, user).post(`/evaluations/${id}/resolve`, { outcome: 'rejected' });
      expect(res.status, `${role} ${user}`).toBe(allowed ? 200 : 403);
    }
  });
});

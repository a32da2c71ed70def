import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cohenKappa } from '../../src/core/kappa.ts';
import { backends, useDb } from '../support/db.ts';
import { evaluationBody, publishedScorecard, sampleAnswers, tenants, type Tenant } from '../support/db-client.ts';

const TICKET = 4242;

async function start(t: Tenant, scorecardId: string, reviewerIds = [2, 3, 4]) {
  const res = await t
    .as('lead', 5)
    .post('/calibration-sessions', { ticketId: TICKET, scorecardId, version: 1, reviewerIds, baselineReviewerId: 2, title: 'March' });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

const calibrate = (t: Tenant, scorecardId: string, sessionId: string, reviewerId: number, answers: object[]) =>
  t
    .as('reviewer', reviewerId)
    .post('/evaluations', evaluationBody(scorecardId, { ticketId: TICKET, kind: 'calibration', calibrationSessionId: sessionId, answers }));

describe.each(backends())('calibration sessions on $name', (backend) => {
  const db = useDb(backend);

  it('lets leads start sessions on a published version and refuses bad invitations', async () => {
    const [t, other] = tenants(db());
    const scorecardId = await publishedScorecard(t);
    const s = await start(t, scorecardId);
    expect((await t.as('lead', 5).get(`/calibration-sessions/${s.id}`)).body).toMatchObject({
      ticketId: TICKET,
      scorecardId,
      version: 1,
      reviewerIds: [2, 3, 4],
      baselineReviewerId: 2,
      status: 'open',
      submitted: [],
    });
    expect(
      (
        await t
          .as('reviewer', 2)
          .post('/calibration-sessions', { ticketId: 1, scorecardId, version: 1, reviewerIds: [2, 3], baselineReviewerId: 2 })
      ).status,
    ).toBe(403);
    const bad = await t
      .as('lead', 5)
      .post('/calibration-sessions', { ticketId: 1, scorecardId, version: 1, reviewerIds: [2, 3], baselineReviewerId: 9 });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.join()).toContain('baselineReviewerId');
    expect(
      (
        await t
          .as('lead', 5)
          .post('/calibration-sessions', { ticketId: 1, scorecardId, version: 7, reviewerIds: [2, 3], baselineReviewerId: 2 })
      ).status,
    ).toBe(404);
    expect((await other.as('lead', 5).get(`/calibration-sessions/${s.id}`)).status).toBe(404);
  });

  it('keeps reviewers blind until they submit, then reports deviation from the baseline and alpha', async () => {
    const [t] = tenants(db());
    const scorecardId = await publishedScorecard(t);
    const s = await start(t, scorecardId);
    // baseline 2: all top (100); 3: offered No (2 of 4 = 50); 4: tone N/A (3 of 3 = 100)
    expect((await calibrate(t, scorecardId, s.id, 2, sampleAnswers())).status).toBe(201);
    expect((await t.as('reviewer', 3).get(`/calibration-sessions/${s.id}/report`)).status).toBe(403);
    expect((await t.as('reviewer', 9).get(`/calibration-sessions/${s.id}/report`)).status).toBe(404); // not invited
    expect((await t.as('agent', 50).get(`/calibration-sessions/${s.id}/report`)).status).toBe(403);
    expect((await t.as('lead', 5).get(`/calibration-sessions/${s.id}/report`)).status).toBe(200); // the organiser watches
    // nor does the ticket's sidebar give the others away, and the agent never sees calibration at all
    const sidebarOf = async (role: 'reviewer' | 'agent' | 'lead', id: number) =>
      ((await t.as(role, id).get(`/sidebar?ticketId=${TICKET}`)).body.evaluations as Array<{ reviewerId: number }>).map(
        (e) => e.reviewerId,
      );
    expect(await sidebarOf('reviewer', 3)).toEqual([]);
    expect(await sidebarOf('reviewer', 2)).toEqual([2]);
    expect(await sidebarOf('agent', 50)).toEqual([]);
    expect((await t.as('reviewer', 3).get(`/evaluations?ticketId=${TICKET}`)).body.items).toEqual([]);
    expect((await t.as('agent', 50).get(`/evaluations?ticketId=${TICKET}`)).body.items).toEqual([]);
    expect((await t.as('lead', 5).get(`/evaluations?ticketId=${TICKET}`)).body.items).toHaveLength(1);
    expect((await calibrate(t, scorecardId, s.id, 3, sampleAnswers({ offered: { rating: 0 } }))).status).toBe(201);
    expect((await calibrate(t, scorecardId, s.id, 4, sampleAnswers({ tone: { na: true, rating: undefined } }))).status).toBe(201);
    // a reviewer who was not invited cannot sway the result, nor can anyone score another ticket or a closed session
    expect((await calibrate(t, scorecardId, s.id, 9, sampleAnswers({ identity: { rating: 0 } }))).status).toBe(403);
    const elsewhere = await t
      .as('reviewer', 3)
      .post('/evaluations', evaluationBody(scorecardId, { ticketId: 1, kind: 'calibration', calibrationSessionId: s.id }));
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.error).toContain(`ticket ${TICKET}`);
    expect(
      (await t.as('reviewer', 3).post('/evaluations', evaluationBody(scorecardId, { ticketId: TICKET, calibrationSessionId: s.id })))
        .status,
    ).toBe(422);

    expect((await sidebarOf('reviewer', 3)).sort()).toEqual([2, 3, 4]);
    const res = await t.as('reviewer', 3).get(`/calibration-sessions/${s.id}/report`);
    expect(res.status).toBe(200);
    expect(res.body.session.submitted).toEqual([2, 3, 4]);
    const { reviewers, criteria, alpha } = res.body.report;
    expect(reviewers.map((r: any) => [r.reviewerId, r.baseline, r.finalScore, r.scoreDeviation, r.compared, r.matched])).toEqual([
      [2, true, 100, 0, 3, 3],
      [3, false, 50, -50, 3, 2],
      [4, false, 100, 0, 2, 2],
    ]);
    expect(reviewers[1].criteria.map((c: any) => c.deviation)).toEqual([-100, 0, 0]);
    expect(criteria.map((c: any) => [c.criterionId, c.pairs])).toEqual([
      ['offered', 3],
      ['tone', 1],
      ['identity', 3],
    ]);
    expect(criteria[0].disagreement).toBeCloseTo(2 / 3, 12);
    // units offered [1,0,1], tone [1,1], identity [1,1,1]: o01 = o10 = 1, n0 = 1, n1 = 7, n = 8 -> 1 - 7 * 2 / (2 * 1 * 7) = 0
    expect(alpha.alpha).toBeCloseTo(0, 12);
    expect(alpha.units).toBe(3);
  });

  it('never counts calibration evaluations in reports or coverage', async () => {
    const [t] = tenants(db());
    const scorecardId = await publishedScorecard(t);
    const s = await start(t, scorecardId);
    await calibrate(t, scorecardId, s.id, 2, sampleAnswers());
    await calibrate(t, scorecardId, s.id, 3, sampleAnswers({ offered: { rating: 0 } }));
    expect((await t.as('lead', 5).get('/reports/summary')).body.count).toBe(0);
    expect((await t.as('lead', 5).get('/reports/coverage?week=2026-W10')).body.done).toBe(0);
  });

  it('lists only invited sessions to reviewers, lifts blindness on close, and learns over sessions', async () => {
    const [t] = tenants(db());
    const scorecardId = await publishedScorecard(t);
    const a = await start(t, scorecardId, [2, 3]);
    const b = await start(t, scorecardId, [2, 4]);
    expect((await t.as('reviewer', 3).get('/calibration-sessions')).body.items.map((s: any) => s.id)).toEqual([a.id]);
    expect((await t.as('lead', 5).get('/calibration-sessions')).body.items).toHaveLength(2);
    expect((await t.as('agent', 50).get('/calibration-sessions')).status).toBe(403);
    await calibrate(t, scorecardId, a.id, 2, sampleAnswers());
    await calibrate(t, scorecardId, b.id, 2, sampleAnswers());
    await calibrate(t, scorecardId, b.id, 4, sampleAnswers({ offered: { rating: 0 } }));
    expect((await t.as('reviewer', 3).post(`/calibration-sessions/${a.id}/close`)).status).toBe(403);
    const closed = await t.as('lead', 5).post(`/calibration-sessions/${a.id}/close`);
    expect(closed.body).toMatchObject({ status: 'closed', submitted: [2] });
    expect((await t.as('reviewer', 3).get(`/calibration-sessions/${a.id}/report`)).status).toBe(200);
    expect((await calibrate(t, scorecardId, a.id, 3, sampleAnswers())).status).toBe(422); // closed
    const history = await t.as('lead', 5).get('/calibration-sessions/history');
    expect(history.body.sessions).toBe(1); // a has one submission: nothing to compare
    expect(history.body.criteria[0]).toMatchObject({ criterionId: 'offered', disagreement: 1, pairs: 1 });
    expect(history.body.reviewers).toEqual([
      { reviewerId: 4, sessions: 1, meanScoreDeviation: -50, meanAbsoluteDeviation: expect.closeTo(100 / 3, 3) },
    ]);
    expect((await t.as('reviewer', 2).get('/calibration-sessions/history')).status).toBe(403);
    expect((await t.as('lead', 5).get(`/calibration-sessions/${randomUUID()}`)).status).toBe(404);
  });
  it("reports the statistic for the question: Cohen's kappa for two reviewers, each against the baseline, Fleiss' for many, alpha per criterion at its scale's level", async () => {
    const [t] = tenants(db());
    const scorecardId = await publishedScorecard(t);
    // two reviewers; the scales differ (binary, 3-point), so answers compare by fraction: baseline [1, .5, 1], 3: [0, .5, 1]
    const pair = await start(t, scorecardId, [2, 3]);
    await calibrate(t, scorecardId, pair.id, 2, sampleAnswers({ tone: { rating: 1 } }));
    await calibrate(t, scorecardId, pair.id, 3, sampleAnswers({ offered: { rating: 0 }, tone: { rating: 1 } }));
    const two = (await t.as('lead', 5).get(`/calibration-sessions/${pair.id}/report`)).body.report;
    const expected = cohenKappa([1, 0.5, 1], [0, 0.5, 1], { weights: 'quadratic', categories: [0, 0.5, 1] });
    expect(two.cohen).toMatchObject({ weights: 'quadratic', n: 3 });
    expect(two.cohen.kappa).toBeCloseTo(expected.kappa!, 12);
    expect(two.cohen.se).toBeCloseTo(expected.se!, 12);
    expect(two.cohen.low).toBeCloseTo(expected.low!, 12);
    expect(two.cohen.high).toBeCloseTo(expected.high!, 12);
    expect(two.fleiss).toBeUndefined();
    expect(two.reviewers[0].kappa).toBeUndefined(); // the baseline itself
    expect(two.reviewers[1].kappa.kappa).toBeCloseTo(expected.kappa!, 12);
    expect(two.agreement).toMatchObject({ level: 'ordinal', units: 3, values: 6 });
    expect(typeof two.agreement.alpha).toBe('number');
    expect(two.alpha.units).toBe(3); // the old figure keeps its meaning
    // one session is one ticket: per criterion there is a single unit, so alpha is undefined with its reason, not 0
    for (const c of two.criteria)
      expect(c.agreement).toMatchObject({ alpha: null, low: null, high: null, undefinedBecause: 'too-few-units' });
    expect(two.criteria.map((c: any) => c.agreement.level)).toEqual(['ordinal', 'ordinal', 'ordinal']);

    // three reviewers, one of whom left tone N/A: Fleiss' kappa needs complete ratings, so it says why it is missing
    const many = await start(t, scorecardId);
    await calibrate(t, scorecardId, many.id, 2, sampleAnswers());
    await calibrate(t, scorecardId, many.id, 3, sampleAnswers({ offered: { rating: 0 } }));
    await calibrate(t, scorecardId, many.id, 4, sampleAnswers({ tone: { na: true, rating: undefined } }));
    const three = (await t.as('lead', 5).get(`/calibration-sessions/${many.id}/report`)).body.report;
    expect(three.cohen).toBeUndefined();
    expect(three.fleiss).toMatchObject({ kappa: null, n: 3, reason: 'unequal-raters' });
    // the baseline rated everything top: against it, chance agreement is not 1, so kappa is defined for 3 ...
    expect(three.reviewers.map((r: any) => r.kappa?.n)).toEqual([undefined, 3, 2]);
    // ... and for 4, who agreed on the two criteria both rated, both always at the top, there is no variation
    expect(three.reviewers[2].kappa).toMatchObject({ kappa: null, reason: 'no-variation' });
  });
});

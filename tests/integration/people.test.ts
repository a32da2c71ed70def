import { describe, expect, it } from 'vitest';
import { backends, countOf, useDb } from '../support/db.ts';
import { evaluationBody, publishedScorecard, tenants } from '../support/db-client.ts';

describe.each(backends())('data protection on $name', (backend) => {
  const db = useDb(backend);

  it('erases a person as reviewee and pseudonymises them as reviewer, in one account only', async () => {
    const [a, b] = tenants(db());
    const scorecardId = await publishedScorecard(a);
    const asReviewee = evaluationBody(scorecardId, { revieweeId: 60 });
    const asReviewer = evaluationBody(scorecardId, { revieweeId: 61 });
    const unrelated = evaluationBody(scorecardId, { revieweeId: 62 });
    await a.as('reviewer', 2).post('/evaluations', asReviewee);
    await a.as('reviewer', 60).post('/evaluations', asReviewer);
    await a.as('reviewer', 2).post('/evaluations', unrelated);
    await a.as('agent', 61).post(`/evaluations/${asReviewer.id}/dispute`, { reason: 'unfair' });
    await a.as('reviewer', 60).post(`/evaluations/${asReviewer.id}/resolve`, { outcome: 'rejected' });
    const bCard = await publishedScorecard(b);
    const inB = evaluationBody(bCard, { revieweeId: 60 });
    await b.as('reviewer', 2).post('/evaluations', inB);

    for (const role of ['lead', 'reviewer', 'agent'] as const) {
      expect((await a.as(role, 5).delete('/people/60')).status).toBe(403);
    }
    expect((await a.as('admin', 1).delete('/people/abc')).status).toBe(400);
    const res = await a.as('admin', 1).delete('/people/60');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ erasedEvaluations: 1, pseudonymisedEvaluations: 1 });
    const pseudonym: number = res.body.pseudonym;
    expect(pseudonym).toBeLessThan(0);

    const lead = a.as('lead', 3);
    expect((await lead.get(`/evaluations/${asReviewee.id}`)).status).toBe(404);
    const kept = await lead.get(`/evaluations/${asReviewer.id}`);
    expect(kept.body.reviewerId).toBe(pseudonym);
    expect(kept.body.dispute.resolvedBy).toBe(pseudonym);
    expect(numbersIn(kept.body)).not.toContain(60); // nowhere: fields, dispute, history snapshots, actors
    expect((await lead.get(`/evaluations/${unrelated.id}`)).body.reviewerId).toBe(2);
    const n = await countOf(db(), 'SELECT count(*) AS n FROM audit_log WHERE account = $1 AND actor_id = 60',
      [a.account],
    );
    expect(n).toBe(0);
    // another account's data about user 60 is that account's business
    expect((await b.as('lead', 3).get(`/evaluations/${inB.id}`)).status).toBe(200);
  });
});

/** Every number anywhere in a JSON value. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

/**
 * Scorecard format 2 in the service (decision 027): what an answer row stores (failed, scoring, bonus), scores above
 * 100 through the reports, the criterion fail rates from the stored flag, non-scoring answers as distributions.
 */
import { describe, expect, it } from 'vitest';
import { evaluationBody, publishedScorecard, tenant } from '../support/db-client.ts';
import { backends, useDb } from '../support/db.ts';
import { FORMAT_2_ANSWERS, POINTS_AND_BONUS } from './format-2-fixture.ts';

describe.each(backends())('format 2 on $name', (backend) => {
  const db = useDb(backend);

  it('stores a points-and-bonus evaluation: score above 100, the treat-as-fail answer failed, bonus and non-scoring rows marked', async () => {
    const t = tenant(db());
    const scorecardId = await publishedScorecard(t, POINTS_AND_BONUS);
    // earned 30 + 45 + 12 + 10 (bonus) = 97 of 100 possible
    const low = await t.as('reviewer', 2).post('/evaluations', evaluationBody(scorecardId, { answers: FORMAT_2_ANSWERS }));
    expect(low.status, JSON.stringify(low.body)).toBe(201);
    expect(low.body).toMatchObject({ rawScore: 97, finalScore: 97, passed: false, criticalFailures: ['identity-verified'] });
    // 30 + 50 + 20 + 5 bonus = 105
    const answers = [
      { criterionId: 'question-identified', rating: 30 },
      { criterionId: 'correct', rating: 50 },
      { criterionId: 'refund-issued', rating: 0 },
      { criterionId: 'identity-verified', rating: 0 },
      { criterionId: 'proactive', rating: 5 },
    ];
    const high = await t.as('reviewer', 2).post('/evaluations', evaluationBody(scorecardId, { ticketId: 1002, answers }));
    expect(high.status, JSON.stringify(high.body)).toBe(201);
    expect(high.body).toMatchObject({ rawScore: 105, finalScore: 105, passed: true, criticalFailures: [] });
    const stored = await db().query<{ final_score: number }>('SELECT final_score FROM evaluations WHERE account = $1 AND id = $2', [
      t.account,
      high.body.id,
    ]);
    expect(stored).toEqual([{ final_score: 105 }]);

    const rows = await db().query(
      `SELECT criterion_id, fraction, failed, scoring, bonus, critical_failed FROM evaluation_answers
        WHERE account = $1 AND evaluation_id = $2 ORDER BY position`,
      [t.account, low.body.id],
    );
    expect(rows).toEqual([
      { criterion_id: 'question-identified', fraction: 1, failed: false, scoring: true, bonus: false, critical_failed: false },
      { criterion_id: 'correct', fraction: 0.9, failed: false, scoring: true, bonus: false, critical_failed: false },
      { criterion_id: 'refund-issued', fraction: 1, failed: null, scoring: false, bonus: false, critical_failed: false },
      { criterion_id: 'identity-verified', fraction: 0.6, failed: true, scoring: true, bonus: false, critical_failed: true },
      { criterion_id: 'proactive', fraction: 0.5, failed: false, scoring: true, bonus: true, critical_failed: false },
    ]);
  });
});

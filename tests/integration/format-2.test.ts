/**
 * Scorecard format 2 in the service (decision 027): what an answer row stores (failed, scoring, bonus), scores above
 * 100 through the reports, the criterion fail rates from the stored flag, non-scoring answers as distributions.
 */
import { describe, expect, it } from 'vitest';
import { evaluationBody, publishedScorecard, tenant } from '../support/db-client.ts';
import { backends, useDb } from '../support/db.ts';
import { loadMigrations } from '../../src/server/db/migrate.ts';
import { FORMAT_2_ANSWERS, FORMAT_2_HIGH, POINTS_AND_BONUS } from './format-2-fixture.ts';

describe.each(backends())('format 2 on $name', (backend) => {
  const db = useDb(backend);

  it('stores a points-and-bonus evaluation: score above 100, the treat-as-fail answer failed, bonus and non-scoring rows marked', async () => {
    const t = tenant(db());
    const scorecardId = await publishedScorecard(t, POINTS_AND_BONUS);
    // earned 30 + 45 + 12 + 10 (bonus) = 97 of 100 possible
    const low = await t.as('reviewer', 2).post('/evaluations', evaluationBody(scorecardId, { answers: FORMAT_2_ANSWERS }));
    expect(low.status, JSON.stringify(low.body)).toBe(201);
    expect(low.body).toMatchObject({ rawScore: 97, finalScore: 97, passed: false, criticalFailures: ['identity-verified'] });
    const high = await t.as('reviewer', 2).post('/evaluations', evaluationBody(scorecardId, { ticketId: 1002, answers: FORMAT_2_HIGH }));
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

  it('reports a bonus card: means above 100 as they are, fail rates from the stored outcome, non-scoring answers as counts', async () => {
    const t = tenant(db());
    const scorecardId = await publishedScorecard(t, POINTS_AND_BONUS);
    // 97 (identity 'After the change': fraction 0.6 counts as fail, critical 'fail') and 105 (bonus)
    for (const [i, answers] of [FORMAT_2_ANSWERS, FORMAT_2_HIGH].entries()) {
      const res = await t.as('reviewer', 2).post('/evaluations', evaluationBody(scorecardId, { ticketId: 1001 + i, answers }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const lead = t.as('lead', 3);
    const summary = await lead.get(`/reports/summary?scorecardId=${scorecardId}`);
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ count: 2, bonusCount: 2, averageScore: { value: 101, n: 2 }, passRate: { value: 0.5 } });
    // the interval is not clipped at 100
    expect(summary.body.averageScore.high).toBeGreaterThan(105);
    // a day-aligned range reads the rollups: the same figures
    const rolled = await lead.get(`/reports/summary?scorecardId=${scorecardId}&from=2000-01-01&to=2099-12-31`);
    expect(rolled.body).toMatchObject({ count: 2, bonusCount: 2, averageScore: { value: 101 } });

    const breakdown = await lead.get(`/reports/breakdown?dimension=criterion&scorecardId=${scorecardId}`);
    expect(breakdown.status).toBe(200);
    const row = (key: string) => breakdown.body.rows.find((r: { key: string }) => r.key === key);
    // 0.6 is above half marks: only the stored flag (countsAsFail) makes it a fail
    expect(row('identity-verified')).toMatchObject({ count: 2, failRate: { value: 0.5, n: 2 }, averageFraction: { value: 0.8 } });
    expect(row('refund-issued')).toMatchObject({
      count: 2,
      averageFraction: { value: null, n: 0 },
      failRate: { value: null, n: 0 },
      distribution: [
        { label: 'Yes', count: 1 },
        { label: 'No', count: 0 },
        { label: 'Partial', count: 1 },
      ],
    });
    expect(row('correct').distribution).toBeUndefined();

    const failing = await lead.get(`/reports/tickets?criterionId=identity-verified&failed=true`);
    expect(failing.status).toBe(200);
    expect(failing.body.items.map((i: { ticketId: number }) => i.ticketId)).toEqual([1001]);

    // QA against the ticket's numbers counts them too
    const metrics = await lead.get(`/reports/qa-vs-metrics?scorecardId=${scorecardId}`);
    expect(metrics.status).toBe(200);
    expect(metrics.body.byCsat).toMatchObject([{ csat: 'none', summary: { count: 2, bonusCount: 2, averageScore: { value: 101 } } }]);

    // a format-1 card's summary says nothing about bonus
    const plain = await publishedScorecard(t);
    expect((await lead.get(`/reports/summary?scorecardId=${plain}`)).body.bonusCount).toBeUndefined();
  });

  it('exports the points, outcome and flags of each answer, and the points and maxScore of the evaluation, after the older columns', async () => {
    const t = tenant(db());
    const scorecardId = await publishedScorecard(t, POINTS_AND_BONUS);
    const res = await t.as('reviewer', 2).post('/evaluations', evaluationBody(scorecardId, { answers: FORMAT_2_ANSWERS }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const csv = await t.as('lead', 3).raw(`/exports/evaluations.csv?scorecardId=${scorecardId}`);
    expect(csv.status).toBe(200);
    // no field here needs quotes
    const [header, ...rows] = (await csv.text())
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));
    const at = (row: string[], name: string) => row[header!.indexOf(name)];
    // the new columns come after the older ones (exports.test.ts lists them all)
    expect(header!.indexOf('points_earned')).toBeGreaterThan(header!.indexOf('overall_comment'));
    const cells = rows.map((r) =>
      ['criterion_id', 'points_earned', 'points_possible', 'failed', 'scoring', 'bonus'].map((name) => at(r, name)),
    );
    expect(cells).toEqual([
      ['question-identified', '30', '30', 'false', 'true', 'false'],
      ['correct', '45', '50', 'false', 'true', 'false'],
      ['refund-issued', '', '', '', 'false', 'false'],
      ['identity-verified', '12', '20', 'true', 'true', 'false'],
      ['proactive', '10', '0', 'false', 'true', 'true'],
    ]);
    // the evaluation's points on each of its rows: 97 earned of 100, 20 bonus possible, up to 120
    for (const row of rows) {
      expect(
        ['evaluation_points_earned', 'evaluation_points_possible', 'evaluation_bonus_possible', 'max_score'].map((n) => at(row, n)),
      ).toEqual(['97', '100', '20', '120']);
      expect([at(row, 'final_score'), at(row, 'passed')]).toEqual(['97', 'false']);
    }
  });

  it("backfills rows stored before migration 009: below half marks, or a format-2 version's own rules", async () => {
    const t = tenant(db());
    const scorecardId = await publishedScorecard(t, POINTS_AND_BONUS);
    const res = await t.as('reviewer', 2).post('/evaluations', evaluationBody(scorecardId, { answers: FORMAT_2_ANSWERS }));
    expect(res.status).toBe(201);
    const plain = await publishedScorecard(t);
    const old = await t.as('reviewer', 2).post('/evaluations', evaluationBody(plain, { ticketId: 1003 }));
    expect(old.status).toBe(201);
    const flags = () =>
      db().query(
        `SELECT criterion_id, failed, scoring, bonus FROM evaluation_answers WHERE account = $1 ORDER BY evaluation_id = $2, position`,
        [t.account, res.body.id],
      );
    const written = await flags();
    // as if stored before the columns: their defaults, then the migration's backfill (its statements after the ALTERs)
    await db().query('UPDATE evaluation_answers SET failed = NULL, scoring = true, bonus = false WHERE account = $1', [t.account]);
    const migration = (await loadMigrations()).find((m) => m.name.startsWith('009-'))!;
    await db().exec(migration.sql.slice(migration.sql.indexOf('UPDATE')));
    expect(await flags()).toEqual(written);
    expect(written.find((r) => r.criterion_id === 'identity-verified')).toEqual({
      criterion_id: 'identity-verified',
      failed: true,
      scoring: true,
      bonus: false,
    });
  });
});

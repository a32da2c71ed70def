import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backends, countOf, useDb } from '../../../tests/support/db.ts';
import { publishedScorecard, tenant } from '../../../tests/support/db-client.ts';
import { evaluationWriter, type EvaluationRow, type NewEvaluation } from './evaluations.ts';

describe.each(backends())('evaluationWriter on $name', (backend) => {
  const db = useDb(backend);

  it('batches concurrent creates, sends a repeated id once, and isolates a failing evaluation from its batch', async () => {
    const t = tenant(db());
    const scorecardId = await publishedScorecard(t);
    const now = new Date('2026-03-02T09:00:00Z');
    const evaluation = (id: string, version = 1): NewEvaluation => {
      const row: EvaluationRow = {
        account: t.account,
        id,
        ticket_id: 7,
        reviewee_id: 50,
        reviewer_id: 2,
        scorecard_id: scorecardId,
        scorecard_version: version,
        kind: 'review',
        status: 'submitted',
        channel: null,
        group_id: null,
        brand_id: null,
        raw_score: 80,
        final_score: 80,
        passed: true,
        critical_failures: [],
        critical_failed: false,
        answers: [],
        overall_comment: '',
        first_reply_minutes: null,
        full_resolution_minutes: null,
        reopens: null,
        csat: null,
        calibration_session_id: null,
        request_hash: 'h',
        dispute: null,
        created_at: now,
        updated_at: now,
        withdrawn_at: null,
        lock_version: 1,
        acknowledged_version: null,
        changed_since_acknowledgement: false,
      };
      const answer = {
        position: 0,
        criterion_id: 'offered',
        section_id: 's',
        rating: 1,
        fraction: 1,
        na: false,
        weight: 2,
        critical: false,
        critical_failed: false,
        root_causes: ['x'],
        comment: null,
        failed: false,
        scoring: true,
        bonus: false,
      };
      return { row, answers: [answer], actorRole: 'reviewer' };
    };
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    // one statement in flight: the first goes alone, the other three wait and go together
    const writer = evaluationWriter(db(), { maxInFlight: 1 });
    const results = await Promise.allSettled([
      writer.create(evaluation(a)),
      writer.create(evaluation(b)),
      writer.create(evaluation(a)),
      writer.create(evaluation(c, 99)), // no such version: the foreign key fails its batch
    ]);
    const [first, second, repeated, failing] = results;
    expect(first).toMatchObject({ status: 'fulfilled', value: { row: { id: a, status: 'submitted' }, cardStatus: 'published' } });
    expect(second).toMatchObject({ status: 'fulfilled', value: { row: { id: b }, cardStatus: 'published' } });
    expect(repeated).toMatchObject({ status: 'fulfilled', value: { row: null, cardStatus: 'published' } });
    expect(failing.status).toBe('rejected');
    expect(await countOf(db(), 'SELECT count(*) AS n FROM evaluations WHERE account = $1', [t.account])).toBe(2);
    const answers = await db().query(
      'SELECT evaluation_id, root_causes FROM evaluation_answers WHERE account = $1 ORDER BY evaluation_id',
      [t.account],
    );
    expect(answers).toEqual([a, b].sort().map((id) => ({ evaluation_id: id, root_causes: ['x'] })));
    expect(await countOf(db(), 'SELECT count(*) AS n FROM evaluation_history WHERE account = $1', [t.account])).toBe(2);
    expect(
      await countOf(db(), `SELECT count(*) AS n FROM audit_log WHERE account = $1 AND action = 'evaluation.create'`, [t.account]),
    ).toBe(2);
  });
});

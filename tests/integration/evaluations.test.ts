import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backends, countOf, useDb } from '../support/db.ts';
import { type Reply, evaluationBody, publishedScorecard, sampleAnswers, sampleScorecard, tenant } from '../support/db-client.ts';

describe.each(backends())('evaluations on $name', (backend) => {
  const db = useDb(backend);

  it('scores on the server from the stored version and ignores client-sent scores', async () => {
    const t = tenant(db());
    const scorecardId = await publishedScorecard(t);
    const body = evaluationBody(scorecardId, {
      // offered: No (0 of 2), tone: Exceeds (1 of 1), identity: Yes (1 of 1) -> 2/4 = 50
      answers: sampleAnswers({ offered: { rating: 0 } }),
      rawScore: 100,
      finalScore: 100,
      passed: true,
      criticalFailures: [],
    });
    const res = await t.as('reviewer', 2).post('/evaluations', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: body.id,
      reviewerId: 2,
      status: 'submitted',
      rawScore: 50,
      finalScore: 50,
      passed: false,
      criticalFailures: [],
    });
    const answerRows = await db().query<{ criterion_id: string; fraction: number; weight: number }>(
      'SELECT criterion_id, fraction, weight FROM evaluation_answers WHERE account = $1 ORDER BY position',
      [t.account],
    );
    expect(answerRows).toEqual([
      { criterion_id: 'offered', fraction: 0, weight: 2 },
      { criterion_id: 'tone', fraction: 1, weight: 1 },
      { criterion_id: 'identity', fraction: 1, weight: 1 },
    ]);
  });

  it('applies critical effects: raw score kept, final zeroed, failure listed', async () => {
    const t = tenant(db());
    const scorecardId = await publishedScorecard(t);
    const res = await t
      .as('lead', 3)
      .post('/evaluations', evaluationBody(scorecardId, { answers: sampleAnswers({ identity: { rating: 0 } }) }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ rawScore: 75, finalScore: 0, passed: false, criticalFailures: ['identity'] });
  });

  it('stores one row for 20 concurrent identical creates, all answering the same evaluation', async () => {
    const t = tenant(db());
    const scorecardId = await publishedScorecard(t);
    const body = evaluationBody(scorecardId);
    const reviewer = t.as('reviewer', 2);
    const replies = await Promise.all(Array.from({ length: 20 }, () => reviewer.post('/evaluations', body)));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    for (const r of replies) expect(r.body).toEqual(replies[0]!.body);
    const n = await countOf(db(), 'SELECT count(*) AS n FROM evaluations WHERE account = $1', [t.account]);
    expect(n).toBe(1);
    const h = await countOf(db(), 'SELECT count(*) AS n FROM evaluation_history WHERE account = $1', [t.account]);
    expect(h).toBe(1);
    const a = await countOf(db(), 'SELECT count(*) AS n FROM evaluation_answers WHERE account = $1', [t.account]);
    expect(a).toBe(3);
  });

  it('treats a replay with keys in another order and different ignored scores as the same request', async () => {
    const t = tenant(db());
    const scorecardId = await publishedScorecard(t);
    const body = evaluationBody(scorecardId);
    expect((await t.as('reviewer', 2).post('/evaluations', body)).status).toBe(201);
    const reordered = Object.fromEntries(Object.entries({ ...body, finalScore: 12 }).reverse());
    const again = await t.as('reviewer', 2).post('/evaluations', reordered);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(body.id);
  });

  it('answers 409 for the same id with a different body, and stores nothing new', async () => {
    const t = tenant(db());
    const scorecardId = await publishedScorecard(t);
    const body = evaluationBody(scorecardId);
    expect((await t.as('reviewer', 2).post('/evaluations', body)).status).toBe(201);
    const changed = await t.as('reviewer', 2).post('/evaluations', { ...body, ticketId: 999 });
    expect(changed.status).toBe(409);
    const otherReviewer = await t.as('reviewer', 8).post('/evaluations', body);
    expect(otherReviewer.status).toBe(409);
    const stored = await t.as('lead', 3).get(`/evaluations/${body.id}`);
    expect(stored.body.ticketId).toBe(body.ticketId);
  });

  it('refuses bad bodies with 400 and path-named issues, writing nothing', async () => {
    const t = tenant(db());
    const scorecardId = await publishedScorecard(t);
    const res = await t.as('reviewer', 2).post('/evaluations', {
      ...evaluationBody(scorecardId),
      id: 'not-a-uuid',
      ticketId: -4,
      answers: [{ criterionId: 'offered', rating: 1, na: true }],
      surprise: 1,
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid request');
    const issues: string[] = res.body.issues;
    expect(issues.some((i) => i.startsWith('id:'))).toBe(true);
    expect(issues.some((i) => i.startsWith('ticketId:'))).toBe(true);
    expect(issues.some((i) => i.startsWith('answers[0]'))).toBe(true);
    expect(issues.some((i) => i.includes('"surprise"'))).toBe(true);
    const n = await countOf(db(), 'SELECT count(*) AS n FROM evaluations WHERE account = $1', [t.account]);
    expect(n).toBe(0);
  });

  it('answers 422 naming each answer problem (unanswered, out of range, missing comment, N/A not allowed)', async () => {
    const t = tenant(db());
    const scorecardId = await publishedScorecard(t);
    const res = await t.as('reviewer', 2).post(
      '/evaluations',
      evaluationBody(scorecardId, {
        answers: [
          { criterionId: 'offered', rating: 5 },
          { criterionId: 'tone', rating: 0 },
          { criterionId: 'nope', rating: 0 },
        ],
      }),
    );
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^answers\[0\]\.rating: /),
        expect.stringMatching(/^answers\[1\]\.comment: /),
        expect.stringMatching(/^answers\[2\]\.criterionId: /),
        expect.stringContaining('"identity" is not answered'),
      ]),
    );
    const na = await t
      .as('reviewer', 2)
      .post('/evaluations', evaluationBody(scorecardId, { answers: sampleAnswers({ identity: { rating: undefined, na: true } }) }));
    expect(na.status).toBe(422);
    expect(na.body.issues.join()).toContain('does not allow N/A');
  });

  it('answers 404 for an unknown scorecard or version, 422 for a draft or archived scorecard', async () => {
    const t = tenant(db());
    const admin = t.as('admin', 1);
    const reviewer = t.as('reviewer', 2);
    expect((await reviewer.post('/evaluations', evaluationBody('no-such-card'))).status).toBe(404);
    const scorecardId = await publishedScorecard(t);
    expect((await reviewer.post('/evaluations', evaluationBody(scorecardId, { scorecardVersion: 9 }))).status).toBe(404);
    await admin.post(`/scorecards/${scorecardId}/draft`);
    const draft = await reviewer.post('/evaluations', evaluationBody(scorecardId, { scorecardVersion: 2 }));
    expect(draft.status).toBe(422);
    expect(draft.body.error).toContain('not published');
    const neverPublished = await admin.post('/scorecards', sampleScorecard('Draft only'));
    expect((await reviewer.post('/evaluations', evaluationBody(neverPublished.body.id))).status).toBe(422);
    await admin.post(`/scorecards/${scorecardId}/archive`);
    const archived = await reviewer.post('/evaluations', evaluationBody(scorecardId));
    expect(archived.status).toBe(422);
    expect(archived.body.error).toContain('archived');
  });

  it('refuses new evaluations once a used (cached) version is archived, still answers its retries, and audits each create', async () => {
    const t = tenant(db());
    const scorecardId = await publishedScorecard(t);
    const reviewer = t.as('reviewer', 2);
    const first = evaluationBody(scorecardId, { id: randomUUID().toUpperCase() });
    const created = await reviewer.post('/evaluations', first);
    expect(created.status).toBe(201);
    expect(created.body.id).toBe(first.id.toLowerCase());
    await t.as('admin', 1).post(`/scorecards/${scorecardId}/archive`);
    const refused = await reviewer.post('/evaluations', evaluationBody(scorecardId));
    expect(refused.status).toBe(422);
    expect(refused.body.error).toContain('archived');
    const retry = await reviewer.post('/evaluations', first);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(created.body);
    expect(await countOf(db(), 'SELECT count(*) AS n FROM evaluations WHERE account = $1', [t.account])).toBe(1);
    const audits = await db().query<{ actor_id: number; actor_role: string; entity_id: string; detail: unknown }>(
      `SELECT actor_id, actor_role, entity_id, detail FROM audit_log WHERE account = $1 AND action = 'evaluation.create'`,
      [t.account],
    );
    expect(audits).toEqual([
      {
        actor_id: 2,
        actor_role: 'reviewer',
        entity_id: first.id.toLowerCase(),
        detail: { ticketId: first.ticketId, revieweeId: first.revieweeId },
      },
    ]);
    const got = await reviewer.get(`/evaluations/${created.body.id}`);
    expect(got.body.history).toEqual([
      expect.objectContaining({
        seq: 1,
        action: 'create',
        actorId: 2,
        snapshot: expect.objectContaining({ id: created.body.id, finalScore: created.body.finalScore }),
      }),
    ]);
  });

  it('answers metric criteria from the metrics snapshot, not from the client', async () => {
    const t = tenant(db());
    const card = sampleScorecard('With metric');
    card.sections[0]!.criteria.push({
      id: 'fast',
      label: 'First reply within 60 min',
      weight: 1,
      scale: { preset: 'binary' },
      metric: { name: 'first-reply-minutes', direction: 'at-most', target: 60 },
    });
    const scorecardId = await publishedScorecard(t, card);
    const res = await t.as('reviewer', 2).post(
      '/evaluations',
      evaluationBody(scorecardId, {
        answers: [...sampleAnswers(), { criterionId: 'fast', rating: 1 }],
        metrics: { firstReplyMinutes: 95 },
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body.answers.find((a: { criterionId: string }) => a.criterionId === 'fast')).toEqual({ criterionId: 'fast', rating: 0 });
    expect(res.body.finalScore).toBe(80); // 4 of 5
    expect(res.body.metrics).toEqual({ firstReplyMinutes: 95, fullResolutionMinutes: null, reopens: null, csat: null });
  });

  it('lists by ticket, reviewee, reviewer and scorecard with keyset paging', async () => {
    const t = tenant(db());
    const scorecardId = await publishedScorecard(t);
    const other = await publishedScorecard(t, sampleScorecard('Chat'));
    const reviewer = t.as('reviewer', 2);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const body = evaluationBody(i < 5 ? scorecardId : other, { ticketId: 100 + (i % 2), revieweeId: i < 3 ? 50 : 51 });
      ids.push(body.id);
      expect((await reviewer.post('/evaluations', body)).status).toBe(201);
    }
    await t.as('reviewer', 9).post('/evaluations', evaluationBody(scorecardId, { ticketId: 100 }));
    const lead = t.as('lead', 3);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Reply = await lead.get(`/evaluations?reviewerId=2&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((e: { id: string }) => e.id));
      cursor = page.body.next;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse()); // newest first, each once
    const byTicket = await lead.get('/evaluations?ticketId=100');
    expect(byTicket.body.items).toHaveLength(5);
    const byReviewee = await lead.get('/evaluations?revieweeId=50&ticketId=101');
    expect(byReviewee.body.items.map((e: { id: string }) => e.id)).toEqual([ids[1]]);
    const byCard = await lead.get(`/evaluations?scorecardId=${other}`);
    expect(byCard.body.items.map((e: { id: string }) => e.id)).toEqual([ids[6], ids[5]]);
    const badCursor = await lead.get('/evaluations?cursor=bm9wZQ');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.issues).toEqual(['cursor: is not a cursor this API returned']);
    const badLimit = await lead.get('/evaluations?limit=0&ticketId=x');
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.issues.map((i: string) => i.split(':')[0]).sort()).toEqual(['limit', 'ticketId']);
  });

  it('amends: re-scores, keeps the history, and refuses to amend a withdrawn evaluation', async () => {
    const t = tenant(db());
    const scorecardId = await publishedScorecard(t);
    const body = evaluationBody(scorecardId);
    const reviewer = t.as('reviewer', 2);
    expect((await reviewer.post('/evaluations', body)).body.finalScore).toBe(100);
    const amended = await reviewer.put(`/evaluations/${body.id}`, {
      answers: sampleAnswers({ tone: { rating: 1 } }),
      overallComment: 'second look',
      revieweeId: 77,
      lockVersion: 1,
    });
    expect(amended.status).toBe(200);
    expect(amended.body).toMatchObject({ finalScore: 87.5, passed: true, overallComment: 'second look', revieweeId: 77 });
    const got = await t.as('lead', 3).get(`/evaluations/${body.id}`);
    expect(got.body.history.map((h: { action: string }) => h.action)).toEqual(['create', 'amend']);
    expect(got.body.history[0].snapshot.finalScore).toBe(100);
    expect(got.body.history[1].snapshot.finalScore).toBe(87.5);
    const rows = await db().query<{ fraction: number }>(
      `SELECT fraction FROM evaluation_answers WHERE account = $1 AND criterion_id = 'tone'`,
      [t.account],
    );
    expect(rows).toEqual([{ fraction: 0.5 }]);
    const bad = await reviewer.put(`/evaluations/${body.id}`, { answers: sampleAnswers({ tone: { rating: 7 } }), lockVersion: 2 });
    expect(bad.status).toBe(422);
    expect((await reviewer.post(`/evaluations/${body.id}/withdraw`)).body.status).toBe('withdrawn');
    expect((await reviewer.put(`/evaluations/${body.id}`, { answers: sampleAnswers(), lockVersion: 3 })).status).toBe(422);
    // withdrawn evaluations leave the default list but stay readable
    expect((await t.as('lead', 3).get(`/evaluations?ticketId=${body.ticketId}`)).body.items).toEqual([]);
    expect((await t.as('lead', 3).get(`/evaluations?status=withdrawn`)).body.items).toHaveLength(1);
  });

  it('runs acknowledge, or dispute and resolve, refusing out-of-order steps with 422', async () => {
    const t = tenant(db());
    const scorecardId = await publishedScorecard(t);
    const accepted = evaluationBody(scorecardId);
    const body = evaluationBody(scorecardId);
    await t.as('reviewer', 2).post('/evaluations', accepted);
    await t.as('reviewer', 2).post('/evaluations', body);
    const agent = t.as('agent', 50);
    expect((await t.as('lead', 3).post(`/evaluations/${body.id}/resolve`, { outcome: 'upheld' })).status).toBe(422);
    expect((await agent.post(`/evaluations/${accepted.id}/acknowledge`)).body.status).toBe('acknowledged');
    expect((await agent.post(`/evaluations/${accepted.id}/acknowledge`)).status).toBe(422);
    // acknowledging accepts the evaluation: a dispute is raised instead, not after it (docs/decisions/021)
    const late = await agent.post(`/evaluations/${accepted.id}/dispute`, { reason: 'on second thought' });
    expect(late.status).toBe(422);
    expect((await agent.get(`/evaluations/${accepted.id}`)).body.status).toBe('acknowledged');
    const noReason = await agent.post(`/evaluations/${body.id}/dispute`, { reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.issues).toEqual(['reason: must say why']);
    const disputed = await agent.post(`/evaluations/${body.id}/dispute`, { reason: 'I did check identity', criterionIds: ['identity'] });
    expect(disputed.status).toBe(200);
    expect(disputed.body.dispute).toMatchObject({
      reason: 'I did check identity',
      criterionIds: ['identity'],
      raisedBy: 50,
      outcome: null,
    });
    const resolved = await t
      .as('lead', 3)
      .post(`/evaluations/${body.id}/resolve`, { outcome: 'rejected', note: 'recording shows otherwise' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('dispute-resolved');
    expect(resolved.body.dispute).toMatchObject({ outcome: 'rejected', note: 'recording shows otherwise', resolvedBy: 3 });
    // rejected: the score stays as it was
    expect(resolved.body.finalScore).toBe(disputed.body.finalScore);
    const got = await agent.get(`/evaluations/${body.id}`);
    expect(got.body.history.map((h: { action: string }) => h.action)).toEqual(['create', 'dispute', 'resolve']);
    // nor is a disputed or resolved one acknowledged
    expect((await agent.post(`/evaluations/${body.id}/acknowledge`)).status).toBe(422);
  });

  it('answers 400 for a malformed evaluation id and 404 for an unknown one', async () => {
    const t = tenant(db());
    const lead = t.as('lead', 3);
    expect((await lead.get('/evaluations/not-a-uuid')).status).toBe(400);
    expect((await lead.get(`/evaluations/${randomUUID()}`)).status).toBe(404);
    expect((await lead.post(`/evaluations/${randomUUID()}/withdraw`)).status).toBe(404);
    expect((await lead.put(`/evaluations/${randomUUID()}`, { answers: sampleAnswers(), lockVersion: 1 })).status).toBe(404);
  });
});

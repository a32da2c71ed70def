import { describe, expect, it } from 'vitest';
import { backends, countOf, useDb } from '../support/db.ts';
import { evaluationBody, publishedScorecard, sampleAnswers, tenant, type Tenant } from '../support/db-client.ts';

// The integrity rules the service enforces, whatever the client sends (docs/decisions/016-integrity-rules.md).

const REVIEWER = 2;
const LEAD = 3;
const AGENT = 50;

async function reviewed(t: Tenant, over: Record<string, unknown> = {}) {
  const scorecardId = await publishedScorecard(t);
  const body = evaluationBody(scorecardId, { revieweeId: AGENT, ...over });
  const res = await t.as('reviewer', REVIEWER).post('/evaluations', body);
  expect(res.status).toBe(201);
  return { scorecardId, id: body.id, created: res.body };
}

describe.each(backends())('integrity rules on $name', (backend) => {
  const db = useDb(backend);

  describe('no one reviews themselves', () => {
    it('refuses a review whose reviewee is the reviewer (422), storing nothing; self-reviews and calibration are not reviews', async () => {
      const t = tenant(db());
      const scorecardId = await publishedScorecard(t);
      for (const role of ['reviewer', 'lead', 'admin'] as const) {
        const res = await t.as(role, 7).post('/evaluations', evaluationBody(scorecardId, { revieweeId: 7 }));
        expect(res.status, role).toBe(422);
        expect(res.body.error).toContain('no one reviews themselves');
      }
      // the default kind is review
      expect((await t.as('reviewer', 7).post('/evaluations', evaluationBody(scorecardId, { revieweeId: 7, kind: 'review' }))).status).toBe(
        422,
      );
      expect(await countOf(db(), 'SELECT count(*) AS n FROM evaluations WHERE account = $1', [t.account])).toBe(0);
      expect(
        (await t.as('reviewer', 7).post('/evaluations', evaluationBody(scorecardId, { revieweeId: 7, kind: 'self-review' }))).status,
      ).toBe(201);
      expect((await t.as('reviewer', 7).post('/evaluations', evaluationBody(scorecardId, { revieweeId: 8 }))).status).toBe(201);
    });

    it('refuses an amendment that makes the reviewer the reviewee (422), or that a lead makes to a review of their own work (403)', async () => {
      const t = tenant(db());
      const { id } = await reviewed(t);
      const toSelf = await t
        .as('reviewer', REVIEWER)
        .put(`/evaluations/${id}`, { answers: sampleAnswers(), revieweeId: REVIEWER, lockVersion: 1 });
      expect(toSelf.status).toBe(422);
      expect(toSelf.body.error).toContain('no one reviews themselves');
      const leadToReviewer = await t
        .as('lead', LEAD)
        .put(`/evaluations/${id}`, { answers: sampleAnswers(), revieweeId: REVIEWER, lockVersion: 1 });
      expect(leadToReviewer.status).toBe(422);
      // a lead may not move a review onto themselves, nor amend one of their own work
      expect(
        (await t.as('lead', LEAD).put(`/evaluations/${id}`, { answers: sampleAnswers(), revieweeId: LEAD, lockVersion: 1 })).status,
      ).toBe(403);
      const ofLead = await reviewed(t, { revieweeId: LEAD });
      const own = await t
        .as('lead', LEAD)
        .put(`/evaluations/${ofLead.id}`, { answers: sampleAnswers({ offered: { rating: 0 } }), lockVersion: 1 });
      expect(own.status).toBe(403);
      const stored = await t.as('admin', 1).get(`/evaluations/${id}`);
      expect(stored.body).toMatchObject({ revieweeId: AGENT, lockVersion: 1 });
      expect(stored.body.history.map((h: { action: string }) => h.action)).toEqual(['create']);
    });
  });

  describe('disputes', () => {
    async function disputed(t: Tenant, criterionIds: string[] = ['identity']) {
      // identity: No (critical: final score 0)
      const e = await reviewed(t, { answers: sampleAnswers({ identity: { rating: 0 } }) });
      expect(e.created).toMatchObject({ finalScore: 0, criticalFailures: ['identity'] });
      const d = await t.as('agent', AGENT).post(`/evaluations/${e.id}/dispute`, { reason: 'I did check identity', criterionIds });
      expect(d.status).toBe(200);
      return { ...e, lockVersion: d.body.lockVersion as number };
    }

    it('refuses a dispute naming criteria the scorecard does not have', async () => {
      const t = tenant(db());
      const { id } = await reviewed(t);
      const res = await t.as('agent', AGENT).post(`/evaluations/${id}/dispute`, { reason: 'no', criterionIds: ['nope'] });
      expect(res.status).toBe(422);
      expect(res.body.issues).toEqual(['criterionIds: no criterion "nope"']);
    });

    it('is resolved only by a lead or admin who is not its reviewer', async () => {
      const t = tenant(db());
      const { id } = await disputed(t);
      const byReviewer = await t.as('reviewer', REVIEWER).post(`/evaluations/${id}/resolve`, { outcome: 'rejected' });
      expect(byReviewer.status).toBe(403);
      expect(byReviewer.body.error).toContain('may not resolve');
      // the reviewer's user id acting as a lead is still the reviewer
      expect((await t.as('lead', REVIEWER).post(`/evaluations/${id}/resolve`, { outcome: 'rejected' })).status).toBe(403);
      expect((await t.as('admin', REVIEWER).post(`/evaluations/${id}/resolve`, { outcome: 'rejected' })).status).toBe(403);
      expect((await t.as('lead', AGENT).post(`/evaluations/${id}/resolve`, { outcome: 'rejected' })).status).toBe(403);
      const ok = await t.as('lead', LEAD).post(`/evaluations/${id}/resolve`, { outcome: 'rejected', note: 'recording shows otherwise' });
      expect(ok.status).toBe(200);
      // rejected: the score and answers stay
      expect(ok.body).toMatchObject({ status: 'dispute-resolved', finalScore: 0, dispute: { outcome: 'rejected', resolvedBy: LEAD } });
      expect((await t.as('lead', LEAD).get(`/evaluations/${id}`)).body.history.map((h: { action: string }) => h.action)).toEqual([
        'create',
        'dispute',
        'resolve',
      ]);
    });

    it('upheld: amends exactly the disputed criteria, rescored, linked to the resolution, in history and audit', async () => {
      const t = tenant(db());
      const { id, lockVersion } = await disputed(t);
      const lead = t.as('lead', LEAD);
      const noAnswers = await lead.post(`/evaluations/${id}/resolve`, { outcome: 'upheld' });
      expect(noAnswers.status).toBe(422);
      expect(noAnswers.body.issues).toEqual(['answers: the disputed criterion "identity" has no new answer']);
      const extra = await lead.post(`/evaluations/${id}/resolve`, {
        outcome: 'upheld',
        answers: [
          { criterionId: 'identity', rating: 1 },
          { criterionId: 'offered', rating: 0 },
        ],
      });
      expect(extra.status).toBe(422);
      expect(extra.body.issues).toEqual(['answers[1].criterionId: "offered" was not disputed']);
      const outOfScale = await lead.post(`/evaluations/${id}/resolve`, {
        outcome: 'upheld',
        answers: [{ criterionId: 'identity', rating: 5 }],
      });
      expect(outOfScale.status).toBe(422);
      expect(outOfScale.body.issues).toEqual([expect.stringMatching(/^answers\[0\]\.rating: /)]);
      const rejectedWithAnswers = await lead.post(`/evaluations/${id}/resolve`, {
        outcome: 'rejected',
        answers: [{ criterionId: 'identity', rating: 1 }],
      });
      expect(rejectedWithAnswers.status).toBe(422);
      expect(await countOf(db(), `SELECT count(*) AS n FROM evaluations WHERE account = $1 AND status = 'disputed'`, [t.account])).toBe(1);

      const res = await lead.post(`/evaluations/${id}/resolve`, {
        outcome: 'upheld',
        note: 'agreed',
        answers: [{ criterionId: 'identity', rating: 1 }],
        lockVersion,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'dispute-resolved',
        finalScore: 100,
        passed: true,
        criticalFailures: [],
        answers: sampleAnswers(),
        lockVersion: lockVersion + 1,
        dispute: { outcome: 'upheld', note: 'agreed', resolvedBy: LEAD, criterionIds: ['identity'] },
      });
      const resolutionId: string = res.body.dispute.resolutionId;
      expect(resolutionId).toMatch(/^[0-9a-f-]{36}$/);
      const rows = await db().query<{ criterion_id: string; fraction: number; critical_failed: boolean }>(
        `SELECT criterion_id, fraction, critical_failed FROM evaluation_answers WHERE account = $1 AND criterion_id = 'identity'`,
        [t.account],
      );
      expect(rows).toEqual([{ criterion_id: 'identity', fraction: 1, critical_failed: false }]);
      const history = (await lead.get(`/evaluations/${id}`)).body.history;
      expect(history.map((h: { action: string }) => h.action)).toEqual(['create', 'dispute', 'amend', 'resolve']);
      expect(history[2]).toMatchObject({
        actorId: LEAD,
        detail: { resolutionId, criterionIds: ['identity'] },
        snapshot: { finalScore: 100 },
      });
      expect(history[3]).toMatchObject({ detail: { resolutionId, outcome: 'upheld' } });
      const audits = await db().query<{ action: string; actor_id: number; detail: { resolutionId?: string; finalScore?: unknown } }>(
        `SELECT action, actor_id, detail FROM audit_log WHERE account = $1 AND entity_id = $2 ORDER BY seq`,
        [t.account, id],
      );
      expect(audits.map((a) => a.action)).toEqual(['evaluation.create', 'evaluation.dispute', 'evaluation.amend', 'evaluation.resolve']);
      expect(audits[2]).toMatchObject({ actor_id: LEAD, detail: { resolutionId, finalScore: { from: 0, to: 100 } } });
      expect(audits[3]!.detail.resolutionId).toBe(resolutionId);
    });

    it('upheld on a dispute that named no criteria: the whole evaluation is disputed, so every criterion gets a new answer', async () => {
      const t = tenant(db());
      const { id } = await disputed(t, []);
      const partial = await t
        .as('admin', 1)
        .post(`/evaluations/${id}/resolve`, { outcome: 'upheld', answers: [{ criterionId: 'identity', rating: 1 }] });
      expect(partial.status).toBe(422);
      expect(partial.body.issues).toHaveLength(2); // offered, tone
      const res = await t
        .as('admin', 1)
        .post(`/evaluations/${id}/resolve`, { outcome: 'upheld', answers: sampleAnswers({ tone: { rating: 1 } }) });
      expect(res.status).toBe(200);
      expect(res.body.finalScore).toBe(87.5);
    });

    it('rolls the amendment back when the resolution fails (stale lock version): nothing half-done', async () => {
      const t = tenant(db());
      const { id, lockVersion } = await disputed(t);
      const stale = await t.as('lead', LEAD).post(`/evaluations/${id}/resolve`, {
        outcome: 'upheld',
        answers: [{ criterionId: 'identity', rating: 1 }],
        lockVersion: lockVersion - 1,
      });
      expect(stale.status).toBe(409);
      const got = await t.as('lead', LEAD).get(`/evaluations/${id}`);
      expect(got.body).toMatchObject({ status: 'disputed', finalScore: 0, lockVersion });
    });
  });

  describe('acknowledgement and the lock version', () => {
    it('marks an amended acknowledged evaluation changed since acknowledgement and asks the agent again', async () => {
      const t = tenant(db());
      const { id } = await reviewed(t);
      const agent = t.as('agent', AGENT);
      const ack = await agent.post(`/evaluations/${id}/acknowledge`, { lockVersion: 1 });
      expect(ack.body).toMatchObject({
        status: 'acknowledged',
        lockVersion: 2,
        acknowledgedVersion: 2,
        changedSinceAcknowledgement: false,
      });
      const amended = await t
        .as('reviewer', REVIEWER)
        .put(`/evaluations/${id}`, { answers: sampleAnswers({ tone: { rating: 1 } }), lockVersion: 2 });
      expect(amended.status).toBe(200);
      expect(amended.body).toMatchObject({
        status: 'submitted',
        finalScore: 87.5,
        lockVersion: 3,
        acknowledgedVersion: 2,
        changedSinceAcknowledgement: true,
      });
      // the agent sees it among their evaluations, changed, and may acknowledge (or dispute) again
      const mine = await agent.get(`/sidebar?ticketId=1001`);
      expect(mine.body.evaluations).toEqual([expect.objectContaining({ id, status: 'submitted', changedSinceAcknowledgement: true })]);
      const again = await agent.post(`/evaluations/${id}/acknowledge`);
      expect(again.body).toMatchObject({
        status: 'acknowledged',
        lockVersion: 4,
        acknowledgedVersion: 4,
        changedSinceAcknowledgement: false,
      });
      const audit = await db().query<{ detail: { status?: unknown } }>(
        `SELECT detail FROM audit_log WHERE account = $1 AND action = 'evaluation.amend'`,
        [t.account],
      );
      expect(audit).toEqual([{ detail: expect.objectContaining({ status: { from: 'acknowledged', to: 'submitted' } }) }]);
    });

    it('requires the lock version on amend (400) and refuses a stale one (409) on amend, withdraw, acknowledge and dispute', async () => {
      const t = tenant(db());
      const { id } = await reviewed(t);
      const reviewer = t.as('reviewer', REVIEWER);
      const missing = await reviewer.put(`/evaluations/${id}`, { answers: sampleAnswers() });
      expect(missing.status).toBe(400);
      expect(missing.body.issues.join()).toContain('lockVersion');
      expect((await reviewer.put(`/evaluations/${id}`, { answers: sampleAnswers(), lockVersion: 1 })).status).toBe(200);
      const stale = await reviewer.put(`/evaluations/${id}`, { answers: sampleAnswers({ offered: { rating: 0 } }), lockVersion: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.error).toBe(
        'this evaluation changed since you read it (lockVersion 1, now 2): reload it and apply your change again',
      );
      expect((await t.as('agent', AGENT).post(`/evaluations/${id}/acknowledge`, { lockVersion: 1 })).status).toBe(409);
      expect((await t.as('agent', AGENT).post(`/evaluations/${id}/dispute`, { reason: 'no', lockVersion: 1 })).status).toBe(409);
      expect((await reviewer.post(`/evaluations/${id}/withdraw`, { lockVersion: 1 })).status).toBe(409);
      const got = await reviewer.get(`/evaluations/${id}`);
      expect(got.body).toMatchObject({ status: 'submitted', finalScore: 100, lockVersion: 2 });
      expect((await reviewer.post(`/evaluations/${id}/withdraw`, { lockVersion: 2 })).body).toMatchObject({
        status: 'withdrawn',
        lockVersion: 3,
      });
    });

    it('lets exactly one of 50 concurrent amends with the same lock version through; the others get 409', async () => {
      const t = tenant(db());
      const { id } = await reviewed(t);
      const reviewer = t.as('reviewer', REVIEWER);
      const replies = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          reviewer.put(`/evaluations/${id}`, {
            answers: sampleAnswers({ tone: { rating: i % 3 === 0 ? 1 : 2 } }),
            overallComment: `edit ${i}`,
            lockVersion: 1,
          }),
        ),
      );
      const statuses = replies.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(49);
      const winner = replies.find((r) => r.status === 200)!;
      const got = await reviewer.get(`/evaluations/${id}`);
      expect(got.body).toMatchObject({ lockVersion: 2, overallComment: winner.body.overallComment });
      expect(got.body.history.map((h: { action: string }) => h.action)).toEqual(['create', 'amend']);
      expect(
        await countOf(db(), `SELECT count(*) AS n FROM audit_log WHERE account = $1 AND action = 'evaluation.amend'`, [t.account]),
      ).toBe(1);
    });
  });
});

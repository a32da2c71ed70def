import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/db.ts';
import { scrubPerson } from '../../src/server/services/people.ts';
import { type SyncedTicketRow, upsertSyncedComments, upsertSyncedTickets, upsertSyncedUsers } from '../../src/server/store/sync.ts';
import { backends, countOf, useDb } from '../support/db.ts';
import { evaluationBody, publishedScorecard, sampleAnswers, tenants, type Tenant } from '../support/db-client.ts';

/** The erased person: an id no score, count or date in the seed can spell by accident. */
const P = 9_876_543;
const TICKET = 4242;

/** Every column of migrations 001-004 that holds a Zendesk user id, as a count of rows naming P. */
const PERSON_COLUMNS: Array<[string, string]> = [
  ['evaluations', 'reviewee_id = $2'],
  ['evaluations', 'reviewer_id = $2'],
  ['evaluation_history', 'actor_id = $2'],
  ['audit_log', 'actor_id = $2'],
  ['monitoring_plans', 'updated_by = $2'],
  ['calibration_sessions', '$2 = ANY (reviewer_ids) OR baseline_reviewer_id = $2 OR created_by = $2'],
  ['targets', "(subject = 'agent' AND subject_id = $2) OR created_by = $2"],
  ['coaching_notes', 'agent_id = $2 OR author_id = $2'],
  ['account_policies', 'updated_by = $2'],
  ['sessions', 'user_id = $2'],
  ['api_keys', 'created_by = $2 OR revoked_by = $2'],
  ['drafts', "user_id = $2 OR content->>'revieweeId' = $2::text"],
  ['people', 'user_id = $2'],
  // synced from Zendesk (migrations 010, 011)
  ['sync_settings', 'updated_by = $2'],
  ['synced_tickets', 'assignee_id = $2 OR requester_id = $2'],
  ['synced_comments', 'author_id = $2'],
  ['synced_users', 'user_id = $2'],
];

/** Synced from Zendesk: a ticket P asked for (answered by agent 61), one P works on, another pair's; P's user row; P set the sync. */
async function seedSynced(db: Db, t: Tenant) {
  const ticket = (ticketId: number, requesterId: number, assigneeId: number): SyncedTicketRow => ({
    ticketId,
    subject: `Subject of ${ticketId}`,
    channel: 'email',
    status: 'solved',
    groupId: 7,
    brandId: null,
    formId: null,
    assigneeId,
    requesterId,
    tags: [],
    createdAt: '2026-03-01T09:00:00Z',
    updatedAt: '2026-03-01T10:00:00Z',
    generatedAt: 1_772_355_600,
    csatScore: 'bad',
    csatComment: 'Slow answer',
    reopens: 1,
    replies: 2,
    replyMinutes: 30,
    firstResolutionMinutes: 60,
    fullResolutionMinutes: 60,
    solvedAt: '2026-03-01T10:00:00Z',
  });
  await upsertSyncedTickets(db, t.account, [ticket(501, P, 61), ticket(502, 80, P), ticket(503, 80, 61)]);
  const comment = (commentId: number, ticketId: number, authorId: number) => ({
    commentId,
    ticketId,
    authorId,
    public: true,
    body: `Words ${commentId}`,
    createdAt: '2026-03-01T09:30:00Z',
  });
  await upsertSyncedComments(db, t.account, [
    comment(1, 501, P),
    comment(2, 501, 61),
    comment(3, 502, 80),
    comment(4, 502, P),
    comment(5, 503, 80),
    comment(6, 503, 61),
  ]);
  const user = (userId: number, name: string) => ({ userId, name, role: 'end-user', active: true, updatedAt: null });
  await upsertSyncedUsers(db, t.account, [user(P, 'Pat Person'), user(80, 'Other Customer')]);
  const res = await t.as('admin', P).put('/sync/settings', { retentionDays: 30 });
  if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
}

/** P in every table and role: reviewee, reviewer, disputer's resolver, coach, calibrator, planner, target subject and setter, policy setter. */
async function seedEverywhere(t: Tenant) {
  const scorecardId = await publishedScorecard(t);
  const me = { admin: t.as('admin', P), lead: t.as('lead', P), reviewer: t.as('reviewer', P), agent: t.as('agent', P) };
  const ok = async (p: Promise<{ status: number; body: any }>) => {
    const r = await p;
    if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  // about P: reviewed, coached, acknowledges, disputes
  const asReviewee = evaluationBody(scorecardId, { revieweeId: P });
  await ok(t.as('reviewer', 2).post('/evaluations', asReviewee));
  await ok(t.as('reviewer', 2).post('/coaching-notes', { evaluationId: asReviewee.id, body: 'Greet by name' }));
  await ok(me.agent.post(`/evaluations/${asReviewee.id}/dispute`, { reason: 'unfair' }));
  // by P: a review, disputed by its agent (resolved by lead 3: no one resolves a dispute about their own review), with P's coaching note
  const asReviewer = evaluationBody(scorecardId, { revieweeId: 61 });
  await ok(me.reviewer.post('/evaluations', asReviewer));
  await ok(me.reviewer.post('/coaching-notes', { evaluationId: asReviewer.id, body: 'Nice tone' }));
  await ok(t.as('agent', 61).post(`/evaluations/${asReviewer.id}/dispute`, { reason: 'unfair' }));
  await ok(t.as('lead', 3).post(`/evaluations/${asReviewer.id}/resolve`, { outcome: 'rejected' }));
  // resolved by P as a lead: another reviewer's review, disputed by its agent
  const resolvedByP = evaluationBody(scorecardId, { revieweeId: 61 });
  await ok(t.as('reviewer', 2).post('/evaluations', resolvedByP));
  await ok(t.as('agent', 61).post(`/evaluations/${resolvedByP.id}/dispute`, { reason: 'unfair' }));
  await ok(me.lead.post(`/evaluations/${resolvedByP.id}/resolve`, { outcome: 'rejected' }));
  // P was the reviewee until an amend moved it to 62: history and audit remember P
  const moved = evaluationBody(scorecardId, { revieweeId: P });
  await ok(t.as('reviewer', 2).post('/evaluations', moved));
  await ok(t.as('lead', 3).put(`/evaluations/${moved.id}`, { answers: sampleAnswers(), revieweeId: 62, lockVersion: 1 }));
  // calibration: P starts it, is invited and is the baseline, and scores
  const session = await ok(
    me.lead.post('/calibration-sessions', { ticketId: TICKET, scorecardId, version: 1, reviewerIds: [P, 2], baselineReviewerId: P }),
  );
  const calibration = evaluationBody(scorecardId, {
    ticketId: TICKET,
    revieweeId: 61,
    kind: 'calibration',
    calibrationSessionId: session.id,
  });
  await ok(me.reviewer.post('/evaluations', calibration));
  // plan set by P with a per-agent target for P; targets on P, by P, and on a group whose id happens to be P's
  await ok(
    me.lead.put('/plan', {
      default: { overall: 2 },
      agents: [
        { agentId: P, overall: 5 },
        { agentId: 61, overall: 3 },
      ],
    }),
  );
  const target = { metric: 'average-score', value: 85, startsOn: '2026-03-01', dueOn: '2026-03-31' };
  await ok(t.as('lead', 3).post('/targets', { ...target, subject: 'agent', subjectId: P }));
  const byP = await ok(me.lead.post('/targets', { ...target, subject: 'agent', subjectId: 61 }));
  const groupTarget = await ok(t.as('lead', 3).post('/targets', { ...target, subject: 'group', subjectId: P }));
  await ok(me.admin.put('/policy', { scorecardManagerRoles: ['lead'] }));
  // unsent drafts: one by P, one judging P
  const draft = (revieweeId: number) => ({
    baseRevision: null,
    content: {
      evaluationId: crypto.randomUUID(),
      scorecardId,
      scorecardVersion: 1,
      revieweeId,
      answers: {},
      overallComment: 'Draft words',
      savedAt: 0,
    },
  });
  await ok(me.reviewer.put(`/drafts/${TICKET}/${scorecardId}`, draft(61)));
  await ok(t.as('reviewer', 2).put(`/drafts/${TICKET}/${scorecardId}`, draft(P)));
  const key = await ok(me.admin.post('/api-keys', { name: 'BI export', role: 'lead' }));
  await ok(me.admin.delete(`/api-keys/${key.key.id}`));
  return { asReviewee, asReviewer, resolvedByP, moved, calibration, session, byP, groupTarget };
}

/** Rows of the account, in any table with an `account` column, whose JSON form mentions `id`. */
async function rowsMentioning(db: ReturnType<ReturnType<typeof useDb>>, account: string, id: number): Promise<string[]> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND column_name = 'account' ORDER BY table_name`,
  );
  expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(PERSON_COLUMNS.map(([table]) => table)));
  const found: string[] = [];
  for (const { table_name } of tables) {
    const rows = await db.query<{ j: string }>(`SELECT row_to_json(x)::text AS j FROM ${table_name} x WHERE account = $1`, [account]);
    for (const r of rows) if (r.j.includes(String(id))) found.push(`${table_name}: ${r.j}`);
  }
  return found;
}

describe.each(backends())('data protection on $name', (backend) => {
  const db = useDb(backend);

  it('erases one person from every table in one account, keeping what others did', async () => {
    const [a, b] = tenants(db());
    const seeded = await seedEverywhere(a);
    await seedSynced(db(), a);
    const bCard = await publishedScorecard(b);
    const inB = evaluationBody(bCard, { revieweeId: P });
    await b.as('reviewer', 2).post('/evaluations', inB);
    // the seed really put P in every column the test checks
    for (const [table, where] of PERSON_COLUMNS) {
      expect(
        await countOf(db(), `SELECT count(*) AS n FROM ${table} WHERE account = $1 AND (${where})`, [a.account, P]),
        table,
      ).toBeGreaterThan(0);
    }

    for (const role of ['lead', 'reviewer', 'agent'] as const) {
      expect((await a.as(role, 5).delete(`/people/${P}`)).status).toBe(403);
    }
    expect((await a.as('admin', 1).delete('/people/abc')).status).toBe(400);
    const res = await a.as('admin', 1).delete(`/people/${P}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      erasedEvaluations: 1,
      pseudonymisedEvaluations: 2,
      erasedTargets: 1,
      erasedPlanTargets: 1,
      erasedSyncedComments: 3,
      erasedSyncedUsers: 1,
    });
    const pseudonym: number = res.body.pseudonym;
    expect(pseudonym).toBeLessThan(0);

    for (const [table, where] of PERSON_COLUMNS) {
      expect(await countOf(db(), `SELECT count(*) AS n FROM ${table} WHERE account = $1 AND (${where})`, [a.account, P]), table).toBe(0);
    }
    // nowhere else either, JSON included, except the group that merely shares the number
    const left = await rowsMentioning(db(), a.account, P);
    expect(left, left.join('\n')).toHaveLength(2); // the group target and its audit row
    for (const row of left) expect(row).toContain(seeded.groupTarget.id);

    const lead = a.as('lead', 3);
    expect((await lead.get(`/evaluations/${seeded.asReviewee.id}`)).status).toBe(404);
    const kept = await lead.get(`/evaluations/${seeded.asReviewer.id}`);
    expect(kept.body.reviewerId).toBe(pseudonym);
    expect((await lead.get(`/evaluations/${seeded.resolvedByP.id}`)).body.dispute.resolvedBy).toBe(pseudonym);
    expect((await lead.get(`/evaluations/${seeded.moved.id}`)).body.revieweeId).toBe(62);
    // calibration keeps telling its reviewers apart: P's evaluation and invitation share the pseudonym
    const [session] = await db().query<{ reviewer_ids: number[]; baseline_reviewer_id: number }>(
      'SELECT reviewer_ids, baseline_reviewer_id FROM calibration_sessions WHERE account = $1',
      [a.account],
    );
    expect(session!.reviewer_ids.map(Number)).toEqual([pseudonym, 2]);
    expect(Number(session!.baseline_reviewer_id)).toBe(pseudonym);
    expect((await lead.get(`/evaluations/${seeded.calibration.id}`)).body.reviewerId).toBe(pseudonym);
    expect((await lead.get('/plan')).body.plan.agents).toEqual([expect.objectContaining({ agentId: 61 })]);
    expect((await lead.get(`/targets/${seeded.byP.id}`)).body.createdBy).toBe(pseudonym);
    expect((await lead.get(`/targets/${seeded.groupTarget.id}`)).status).toBe(200);
    // synced: the conversation with P and P's words went; the tickets keep their metrics, P's ticket without P's words
    const comments = await db().query<{ id: number }>('SELECT comment_id AS id FROM synced_comments WHERE account = $1 ORDER BY 1', [
      a.account,
    ]);
    expect(comments.map((c) => Number(c.id))).toEqual([3, 5, 6]);
    const tickets = await db().query<Record<string, unknown>>(
      'SELECT ticket_id, requester_id, assignee_id, subject, csat_score, csat_comment, reopens FROM synced_tickets WHERE account = $1 ORDER BY 1',
      [a.account],
    );
    expect(
      tickets.map((r) => ({
        ...r,
        ticket_id: Number(r.ticket_id),
        requester_id: Number(r.requester_id),
        assignee_id: Number(r.assignee_id),
      })),
    ).toEqual([
      { ticket_id: 501, requester_id: pseudonym, assignee_id: 61, subject: null, csat_score: 'bad', csat_comment: null, reopens: 1 },
      {
        ticket_id: 502,
        requester_id: 80,
        assignee_id: pseudonym,
        subject: 'Subject of 502',
        csat_score: 'bad',
        csat_comment: 'Slow answer',
        reopens: 1,
      },
      {
        ticket_id: 503,
        requester_id: 80,
        assignee_id: 61,
        subject: 'Subject of 503',
        csat_score: 'bad',
        csat_comment: 'Slow answer',
        reopens: 1,
      },
    ]);
    expect((await a.as('admin', 1).get('/sync')).body.changedBy).toBe(pseudonym);
    // another account's data about the same user id is that account's business
    expect((await b.as('lead', 3).get(`/evaluations/${inB.id}`)).status).toBe(200);
  });

  it('deletes evaluations older than the retention period with what hangs off them, and rebuilds reports', async () => {
    let now = Date.parse('2026-01-01T09:00:00Z');
    const clock = { now: () => new Date((now += 1000)) };
    const [a, b] = tenants(db(), { clock });
    const scorecardId = await publishedScorecard(a);
    const bCard = await publishedScorecard(b);
    const old = evaluationBody(scorecardId, { revieweeId: 70 });
    await a.as('reviewer', 2).post('/evaluations', old);
    await a.as('reviewer', 2).post('/coaching-notes', { evaluationId: old.id, body: 'old' });
    await a.as('lead', 3).put(`/evaluations/${old.id}`, { answers: sampleAnswers({ offered: { rating: 0 } }), lockVersion: 1 });
    const bOld = evaluationBody(bCard, { revieweeId: 70 });
    await b.as('reviewer', 2).post('/evaluations', bOld);
    now = Date.parse('2026-03-01T09:00:00Z');
    const recent = evaluationBody(scorecardId, { revieweeId: 71 });
    await a.as('reviewer', 2).post('/evaluations', recent);

    for (const role of ['lead', 'reviewer', 'agent'] as const) {
      expect((await a.as(role, 5).post('/retention', { olderThanDays: 30 })).status).toBe(403);
    }
    expect((await a.as('admin', 1).post('/retention', { olderThanDays: 0 })).status).toBe(400);
    const res = await a.as('admin', 1).post('/retention', { olderThanDays: 30 });
    expect(res.status).toBe(200);
    expect(res.body.deletedEvaluations).toBe(1);

    for (const table of ['evaluation_answers', 'evaluation_history', 'coaching_notes']) {
      const n = await countOf(db(), `SELECT count(*) AS n FROM ${table} WHERE account = $1 AND evaluation_id = $2`, [a.account, old.id]);
      expect(n, table).toBe(0);
    }
    expect((await a.as('lead', 3).get(`/evaluations/${recent.id}`)).status).toBe(200);
    const summary = await a.as('lead', 3).get('/reports/summary?from=2025-01-01&to=2026-12-31');
    expect(summary.body.count).toBe(1);
    const rolled = await countOf(db(), 'SELECT coalesce(sum(evaluations), 0)::float8 AS n FROM report_daily WHERE account = $1', [
      a.account,
    ]);
    expect(rolled).toBe(1);
    const audited = await countOf(db(), "SELECT count(*) AS n FROM audit_log WHERE account = $1 AND action = 'retention.apply'", [
      a.account,
    ]);
    expect(audited).toBe(1);
    // the other account keeps its old evaluation
    expect((await b.as('lead', 3).get(`/evaluations/${bOld.id}`)).status).toBe(200);
  });
});

describe('scrubPerson', () => {
  it('replaces the id under person keys only, and a subjectId only beside a non-group subject', () => {
    const detail = {
      finalScore: 7,
      revieweeId: { from: 7, to: 8 },
      reviewerIds: [7, 9],
      subject: 'group',
      subjectId: 7,
      dispute: { resolvedBy: 7 },
    };
    expect(scrubPerson(detail, 7, -1)).toEqual({
      finalScore: 7,
      revieweeId: { from: -1, to: 8 },
      reviewerIds: [-1, 9],
      subject: 'group',
      subjectId: 7,
      dispute: { resolvedBy: -1 },
    });
    expect(scrubPerson({ subject: 'agent', subjectId: 7 }, 7, -1)).toEqual({ subject: 'agent', subjectId: -1 });
  });
});

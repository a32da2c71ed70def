import { describe, expect, it } from 'vitest';
import { backends, useDb } from '../support/db.ts';
import { evaluationBody, publishedScorecard, sampleAnswers, tenant, type Caller, type Tenant } from '../support/db-client.ts';

// Calibration stays blind on every route that returns evaluations until the participant has submitted
// (docs/decisions/016-integrity-rules.md). One test per route; each fails if that route stops hiding another reviewer's calibration score.

const TICKET = 5151;
const AGENT = 50;
const BASELINE = 2; // invited reviewer who has scored
const PENDING = 3; // invited reviewer who has not scored yet
const LEAD_PARTICIPANT = 6; // a lead invited to score, not scored yet
const ORGANISER = 5; // the lead who started the session, not invited

interface World {
  t: Tenant;
  scorecardId: string;
  sessionId: string;
  /** BASELINE's calibration evaluation: 50, failed, CSAT good (a QA-vs-CSAT disagreement if it were counted). */
  calibrationId: string;
  /** An ordinary review of the same ticket, which everyone on staff sees. */
  reviewId: string;
}

async function world(t: Tenant): Promise<World> {
  const scorecardId = await publishedScorecard(t);
  const session = await t.as('lead', ORGANISER).post('/calibration-sessions', {
    ticketId: TICKET,
    scorecardId,
    version: 1,
    reviewerIds: [BASELINE, PENDING, LEAD_PARTICIPANT],
    baselineReviewerId: BASELINE,
  });
  expect(session.status).toBe(201);
  const calibration = evaluationBody(scorecardId, {
    ticketId: TICKET,
    revieweeId: AGENT,
    kind: 'calibration',
    calibrationSessionId: session.body.id,
    answers: sampleAnswers({ offered: { rating: 0 } }),
    metrics: { csat: 'good' },
  });
  expect((await t.as('reviewer', BASELINE).post('/evaluations', calibration)).status).toBe(201);
  const review = evaluationBody(scorecardId, { ticketId: TICKET, revieweeId: AGENT });
  expect((await t.as('reviewer', 9).post('/evaluations', review)).status).toBe(201);
  return { t, scorecardId, sessionId: session.body.id, calibrationId: calibration.id, reviewId: review.id };
}

const ids = (items: Array<{ id?: string; evaluationId?: string }>) => items.map((e) => e.id ?? e.evaluationId);

/** The still-blind callers: an invited reviewer and an invited lead who have not scored, another reviewer, the agent. */
const blind = (t: Tenant): Array<[string, Caller]> => [
  ['pending reviewer', t.as('reviewer', PENDING)],
  ['pending lead participant', t.as('lead', LEAD_PARTICIPANT)],
  ['uninvited reviewer', t.as('reviewer', 11)],
  ['agent', t.as('agent', AGENT)],
];

async function submit(w: World, role: 'reviewer' | 'lead', userId: number) {
  const body = evaluationBody(w.scorecardId, {
    ticketId: TICKET,
    revieweeId: AGENT,
    kind: 'calibration',
    calibrationSessionId: w.sessionId,
  });
  expect((await w.t.as(role, userId).post('/evaluations', body)).status).toBe(201);
}

describe.each(backends())('calibration stays blind on $name', (backend) => {
  const db = useDb(backend);

  it('GET /evaluations (by ticket, by reviewer, withdrawn included) hides it until the participant has submitted', async () => {
    const w = await world(tenant(db()));
    for (const [who, caller] of blind(w.t)) {
      for (const q of [`ticketId=${TICKET}`, `reviewerId=${BASELINE}`, `revieweeId=${AGENT}`, '']) {
        const res = await caller.get(`/evaluations?${q}`);
        if (res.status === 403) continue; // an agent asking about someone else's work
        expect(ids(res.body.items), `${who} ${q}`).not.toContain(w.calibrationId);
      }
    }
    expect(ids((await w.t.as('lead', ORGANISER).get(`/evaluations?ticketId=${TICKET}`)).body.items)).toContain(w.calibrationId);
    await submit(w, 'reviewer', PENDING);
    await submit(w, 'lead', LEAD_PARTICIPANT);
    expect(ids((await w.t.as('reviewer', PENDING).get(`/evaluations?ticketId=${TICKET}`)).body.items)).toContain(w.calibrationId);
    expect(ids((await w.t.as('lead', LEAD_PARTICIPANT).get(`/evaluations?ticketId=${TICKET}`)).body.items)).toContain(w.calibrationId);
  });

  it('GET /evaluations/:id (and its history) answers 404 until the participant has submitted', async () => {
    const w = await world(tenant(db()));
    for (const [who, caller] of blind(w.t)) {
      const res = await caller.get(`/evaluations/${w.calibrationId}`);
      expect(res.status, who).toBe(404);
      expect(JSON.stringify(res.body), who).not.toContain('"finalScore"');
    }
    // nor can the agent act on it
    expect((await w.t.as('agent', AGENT).post(`/evaluations/${w.calibrationId}/acknowledge`)).status).toBe(404);
    expect((await w.t.as('lead', ORGANISER).get(`/evaluations/${w.calibrationId}`)).status).toBe(200);
    await submit(w, 'reviewer', PENDING);
    const after = await w.t.as('reviewer', PENDING).get(`/evaluations/${w.calibrationId}`);
    expect(after.status).toBe(200);
    expect(after.body.finalScore).toBe(50);
  });

  it('GET /sidebar ("Earlier evaluations") hides it until the participant has submitted', async () => {
    const w = await world(tenant(db()));
    for (const [who, caller] of blind(w.t)) {
      const res = await caller.get(`/sidebar?ticketId=${TICKET}`);
      expect(res.status, who).toBe(200);
      expect(ids(res.body.evaluations), who).not.toContain(w.calibrationId);
    }
    expect(ids((await w.t.as('reviewer', PENDING).get(`/sidebar?ticketId=${TICKET}`)).body.evaluations)).toEqual([w.reviewId]);
    expect(ids((await w.t.as('lead', ORGANISER).get(`/sidebar?ticketId=${TICKET}`)).body.evaluations)).toContain(w.calibrationId);
    await submit(w, 'lead', LEAD_PARTICIPANT);
    expect(ids((await w.t.as('lead', LEAD_PARTICIPANT).get(`/sidebar?ticketId=${TICKET}`)).body.evaluations)).toContain(w.calibrationId);
  });

  it('GET /calibration-sessions/:id/report and /history refuse or leave out the session until the participant has submitted', async () => {
    const w = await world(tenant(db()));
    await submit(w, 'reviewer', PENDING); // two submissions: the session counts in the history
    const lead = w.t.as('lead', LEAD_PARTICIPANT);
    expect((await lead.get(`/calibration-sessions/${w.sessionId}/report`)).status).toBe(403);
    expect((await lead.get('/calibration-sessions/history')).body.sessions).toBe(0);
    expect((await w.t.as('lead', ORGANISER).get('/calibration-sessions/history')).body.sessions).toBe(1);
    await submit(w, 'lead', LEAD_PARTICIPANT);
    expect((await lead.get(`/calibration-sessions/${w.sessionId}/report`)).status).toBe(200);
    expect((await lead.get('/calibration-sessions/history')).body.sessions).toBe(1);
  });

  it('GET /reports/tickets and /reports/qa-vs-metrics never list calibration evaluations, for anyone', async () => {
    const w = await world(tenant(db()));
    for (const [who, caller] of [...blind(w.t), ['organiser', w.t.as('lead', ORGANISER)] as [string, Caller]]) {
      const tickets = await caller.get(`/reports/tickets?revieweeId=${AGENT}`);
      expect(tickets.status, who).toBe(200);
      expect(ids(tickets.body.items), who).toEqual([w.reviewId]);
      const failed = await caller.get(`/reports/tickets?revieweeId=${AGENT}&failed=true`);
      expect(failed.body.items, who).toEqual([]);
      const metrics = await caller.get(`/reports/qa-vs-metrics?revieweeId=${AGENT}`);
      expect(metrics.status, who).toBe(200);
      expect(ids(metrics.body.disagreements), who).not.toContain(w.calibrationId);
    }
  });

  it('GET /exports/evaluations.csv never exports calibration evaluations, for anyone', async () => {
    const w = await world(tenant(db()));
    for (const [who, caller] of [...blind(w.t), ['organiser', w.t.as('lead', ORGANISER)] as [string, Caller]]) {
      const res = await caller.get(`/exports/evaluations.csv?revieweeId=${AGENT}`);
      expect(res.status, who).toBe(200);
      expect(String(res.body), who).toContain(w.reviewId);
      expect(String(res.body), who).not.toContain(w.calibrationId);
    }
  });
});

/**
 * The nav bar's report, plan, calibration, API key and policy clients against the real service routes on PGlite, through
 * the app's own transport with real sessions: every answer the service gives passes the client's guards, with data in it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenant, type Tenant } from '../../../tests/support/db-client.ts';
import { isoWeekOf } from '../../core/coverage.ts';
import type { QaRole } from '../../core/evaluation.ts';
import { createPgliteDb, type Db } from '../../server/db/db.ts';
import { migrate } from '../../server/db/migrate.ts';
import { createApiKeysApi } from './api-keys-api.ts';
import { createCalibrationApi } from './calibration-api.ts';
import { createPlanApi } from './plan-api.ts';
import { createPolicyApi } from './policy-api.ts';
import { createReportsApi, reportQuery, type Filters } from './reports-api.ts';
import type { Result } from './result.ts';
import { createScorecardsApi } from './scorecards-api.ts';
import { createServiceCall, type ServiceCall } from './service-call.ts';
import { createSidebarApi } from './sidebar-api.ts';
import { createSyncApi } from './sync-api.ts';

const LEAD = 5;
const REVIEWERS = [2, 3];
const AGENT = 40;
const TICKET = 900;

let db: Db;
let acme: Tenant;

async function callAs(role: QaRole, userId: number): Promise<ServiceCall> {
  const session = await acme.session(role, userId);
  const fetch = ((url: string, init?: RequestInit) => acme.app.request(url, init)) as typeof globalThis.fetch;
  return createServiceCall({ session, base: '', fetch });
}

function value<T>(r: Result<T>): T {
  if (r.status !== 'ok') throw new Error(`${r.error.kind}: ${r.error.message} ${r.error.issues?.join('; ') ?? ''}`);
  return r.value;
}

const today = new Date().toISOString().slice(0, 10);
const filters: Filters = { from: `${today.slice(0, 4)}-01-01`, to: today, period: 'week' };
let scorecardId = '';
let evaluationId = '';

beforeAll(async () => {
  db = await createPgliteDb('memory://');
  await migrate(db);
  acme = tenant(db);
  // an admin publishes a scorecard; each reviewer scores the ticket once, with a comment and a root cause on a failure
  const scorecards = createScorecardsApi(await callAs('admin', 1));
  const created = value(
    await scorecards.create({
      name: 'Email',
      method: 'weighted-criteria',
      sections: [
        { id: 's', name: 'S', criteria: [{ id: 'tone', label: 'Tone', scale: { preset: 'binary' }, weight: 1, rootCauses: ['Rushed'] }] },
      ],
    }),
  );
  scorecardId = created.id;
  value(await scorecards.publish(scorecardId));
  for (const [i, reviewer] of REVIEWERS.entries()) {
    const sidebar = createSidebarApi(await callAs('reviewer', reviewer));
    const evaluation = value(
      await sidebar.createEvaluation({
        id: randomUUID(),
        ticketId: TICKET + i,
        revieweeId: AGENT,
        scorecardId,
        scorecardVersion: 1,
        answers: [{ criterionId: 'tone', rating: i, ...(i === 0 ? { comment: 'curt', rootCauses: ['Rushed'] } : {}) }],
        channel: 'email',
        groupId: 7,
        metrics: { firstReplyMinutes: 30, fullResolutionMinutes: 300, reopens: i, csat: i === 0 ? 'good' : 'bad' },
      }),
    );
    evaluationId ||= evaluation.id;
  }
});

afterAll(async () => {
  await db.close();
});

describe('reports client over the real routes', () => {
  it('builds the service query without the period and with extras', () => {
    expect(reportQuery({ from: '2026-03-01', to: '2026-03-18', groupId: 7, period: 'week' }, { dimension: 'criterion' })).toBe(
      'from=2026-03-01&to=2026-03-18&groupId=7&dimension=criterion',
    );
  });

  it('reads every report, each answer passing its guard', async () => {
    const api = createReportsApi(await callAs('lead', LEAD));
    expect(value(await api.summary(filters))).toMatchObject({ count: 2, averageScore: { n: 2 } });
    expect(value(await api.trend(filters)).points.length).toBeGreaterThan(0);
    expect(value(await api.breakdown(filters, 'criterion')).rows).toMatchObject([{ key: 'tone', count: 2 }]);
    expect(value(await api.breakdown(filters, 'reviewee')).rows).toMatchObject([{ key: String(AGENT), count: 2 }]);
    expect(value(await api.rootCauses(filters)).items).toMatchObject([{ cause: 'Rushed', count: 1 }]);
    expect(value(await api.tickets(filters, 'tone'))).toMatchObject([{ ticketId: TICKET, criterion: { comment: 'curt' } }]);
    const metrics = value(await api.qaVsMetrics(filters));
    expect(metrics.disagreements.map((d) => d.kind).sort()).toEqual(['qa-fail-csat-good', 'qa-pass-csat-bad']);
    expect(value(await api.evaluationsCsv(filters))).toContain('tone');
  });

  it('refuses an answer of another shape as a server error', async () => {
    const api = createReportsApi(async () => ({ status: 'ok', value: { count: 'two' } }));
    expect(await api.summary(filters)).toMatchObject({ status: 'error', error: { kind: 'server' } });
  });
});

describe('plan client over the real routes', () => {
  it('saves and reads the plan, the week’s coverage, suggestions and targets', async () => {
    const api = createPlanApi(await callAs('lead', LEAD));
    expect(value(await api.plan())).toEqual({ plan: { default: null, agents: [] }, updatedAt: null, updatedBy: null });
    const saved = value(await api.savePlan({ default: { overall: 3, channels: { email: 1 } }, agents: [{ agentId: AGENT, overall: 5 }] }));
    expect(saved).toMatchObject({ plan: { agents: [{ agentId: AGENT, overall: 5 }] }, updatedBy: LEAD });
    const coverage = value(await api.coverage(isoWeekOf(new Date()), [AGENT]));
    expect(coverage.agents).toMatchObject([{ agentId: AGENT, planned: 5, source: 'agent' }]);
    const candidates = [{ ticketId: 77, assigneeId: AGENT, channel: 'email', subject: 'Refund', reopens: 1 }];
    expect(value(await api.suggestions({ favour: { reopens: true }, candidates }))).toMatchObject({
      suggestions: [{ ticketId: 77, reasons: ['reopened'] }],
    });
    const target = value(
      await api.createTarget({
        subject: 'agent',
        subjectId: AGENT,
        metric: 'average-score',
        value: 90,
        startsOn: filters.from,
        dueOn: '2100-01-01',
      }),
    );
    expect(target.progress.current.n).toBe(2);
    expect(value(await api.targets()).map((t) => t.id)).toEqual([target.id]);
  });
});

describe('calibration client over the real routes', () => {
  it('starts a session, reports on it once scored, closes it, reads the history and coaches', async () => {
    const api = createCalibrationApi(await callAs('lead', LEAD));
    const session = value(
      await api.startSession({
        ticketId: 901,
        scorecardId,
        version: 1,
        reviewerIds: REVIEWERS,
        baselineReviewerId: REVIEWERS[0]!,
        title: 'March',
      }),
    );
    for (const reviewer of REVIEWERS) {
      value(
        await createSidebarApi(await callAs('reviewer', reviewer)).createEvaluation({
          id: randomUUID(),
          ticketId: 901,
          revieweeId: AGENT,
          scorecardId,
          scorecardVersion: 1,
          answers: [{ criterionId: 'tone', rating: reviewer === REVIEWERS[0] ? 1 : 0 }],
          kind: 'calibration',
          calibrationSessionId: session.id,
        }),
      );
    }
    expect(value(await api.sessions()).map((s) => s.id)).toEqual([session.id]);
    const report = value(await api.sessionReport(session.id));
    expect(report.report.reviewers.map((r) => r.reviewerId).sort()).toEqual(REVIEWERS);
    expect(report.evaluations).toHaveLength(2);
    // the sidebar reads the same report with the same guard
    expect(value(await createSidebarApi(await callAs('reviewer', REVIEWERS[0]!)).calibrationReport(session.id)).session.id).toBe(
      session.id,
    );
    expect(value(await api.closeSession(session.id)).status).toBe('closed');
    expect(value(await api.history(filters))).toMatchObject({
      sessions: 1,
      criteria: [{ criterionId: 'tone' }],
      reviewers: expect.any(Array),
    });
    expect(value(await api.coach(evaluationId, 'Slow down a little.'))).toMatchObject({
      evaluationId,
      agentId: AGENT,
      acknowledgedAt: null,
    });
  });
});

describe('API key and policy clients over the real routes', () => {
  it('creates, lists and revokes a key', async () => {
    const api = createApiKeysApi(await callAs('admin', 1));
    const created = value(await api.create({ name: 'BI', role: 'lead' }));
    expect(created.secret).toMatch(/^k1\./);
    expect(value(await api.list()).map((k) => k.name)).toEqual(['BI']);
    expect(value(await api.revoke(created.key.id)).revokedAt).not.toBeNull();
  });

  it('reads and changes the policy', async () => {
    const api = createPolicyApi(await callAs('admin', 1));
    const before = value(await api.get());
    expect(value(await api.set({ scorecardManagerRoles: ['lead'] }))).toEqual({ ...before, scorecardManagerRoles: ['lead'] });
  });

  it("reads the Zendesk sync's status and changes its settings; a lead is refused", async () => {
    const api = createSyncApi(await callAs('admin', 1));
    expect(value(await api.read())).toMatchObject({ settings: { enabled: true, conversations: true, retentionDays: 90 }, changedBy: null });
    expect(value(await api.change({ retentionDays: 30 }))).toMatchObject({ settings: { retentionDays: 30 }, changedBy: 1 });
    const refused = await createSyncApi(await callAs('lead', LEAD)).read();
    expect(refused.status === 'error' && refused.error.kind).toBe('forbidden');
  });
});

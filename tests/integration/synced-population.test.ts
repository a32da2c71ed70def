/**
 * The synced population in use (issue 15, decision 028), on PGlite and PostgreSQL: the local Zendesk synced into an
 * account, then suggestions drawn from its solved tickets (every agent, favoured traits, reviewed ones left out, the
 * same list on a reload), coverage against it, names from the synced users, and CSAT and times over every synced
 * ticket beside the QA figures of the reviewed ones. An account with nothing synced keeps the browser's candidates.
 */
import { describe, expect, it } from 'vitest';
import { weekRange } from '../../src/core/coverage.ts';
import type { Db } from '../../src/server/db/db.ts';
import { syncAccount } from '../../src/server/sync/sync-account.ts';
import { exportClient } from '../../src/server/sync/zendesk-export-client.ts';
import { backends, useDb } from '../support/db.ts';
import { evaluationBody, publishedScorecard, type Tenant, tenants } from '../support/db-client.ts';
import { useVirtualZendesk } from '../support/virtual-zendesk.ts';

const zd = useVirtualZendesk();
// the local Zendesk's four weeks of solved tickets end on its clock (2026-03-10 and on): the week before is whole
const WEEK = '2026-W10';
const { from, to } = weekRange(WEEK);

async function sync(db: Db, t: Tenant) {
  const client = exportClient(zd().account, { fetch: zd().fetch, timer: zd().timer, random: () => 0.5, perPage: 500 });
  const run = await syncAccount(db, t.account, client, { clock: zd().clock, comments: false });
  expect(run.error).toBeNull();
}

/** The local Zendesk's tickets solved in [start, end), as the sync stores them. */
function solvedIn(start: Date, end: Date) {
  return zd()
    .state.tickets()
    .filter((t) => (t.status === 'solved' || t.status === 'closed') && t.assignee_id !== null && t.metrics?.solved_at)
    .filter((t) => Date.parse(t.metrics!.solved_at!) >= start.getTime() && Date.parse(t.metrics!.solved_at!) < end.getTime());
}

const countBy = <T>(items: readonly T[], key: (item: T) => number) => {
  const out = new Map<number, number>();
  for (const i of items) out.set(key(i), (out.get(key(i)) ?? 0) + 1);
  return out;
};

describe.each(backends())('the synced population on $name', (backend) => {
  const db = useDb(backend);

  it('suggests from every agent’s solved tickets of the week and the one before, favours what is asked, leaves out reviewed ones, and keeps the list on a reload', async () => {
    const [t] = tenants(db());
    await sync(db(), t);
    const scorecardId = await publishedScorecard(t);
    await t.as('lead', 5).put('/plan', { default: { overall: 6 } });
    // candidates: solved in the plan's week or the week before (a Monday's week alone has none)
    const solved = solvedIn(new Date(from.getTime() - 7 * 86_400_000), to);
    expect(solved.length).toBeGreaterThan(solvedIn(from, to).length);
    const perAgent = countBy(solved, (s) => s.assignee_id!);
    expect(perAgent.size).toBeGreaterThanOrEqual(4);
    const ask = (favour: object) => t.as('reviewer', 2).post('/suggestions', { week: WEEK, favour });
    const none = { reopens: false, lowCsat: false, longResolution: false };

    const plain = await ask(none);
    expect(plain.status).toBe(200);
    expect(plain.body).toMatchObject({ source: 'synced', candidates: solved.length, alreadyReviewed: 0 });
    const byId = new Map(solved.map((s) => [s.id, s]));
    // every agent who solved a ticket that week gets the plan's 6 (or all they solved), each from their own tickets
    const suggestedPer = countBy(plain.body.suggestions, (s: { agentId: number }) => s.agentId);
    expect([...suggestedPer.keys()].sort()).toEqual([...perAgent.keys()].sort());
    for (const [agent, n] of perAgent) expect(suggestedPer.get(agent)).toBe(Math.min(6, n));
    for (const s of plain.body.suggestions) expect(byId.get(s.ticketId)?.assignee_id).toBe(s.agentId);
    // the same week gives the same list
    expect((await ask(none)).body.suggestions).toEqual(plain.body.suggestions);

    // favouring a trait only moves tickets that have it up: per agent never fewer, in all more
    for (const [favour, reason] of [
      [{ ...none, lowCsat: true }, 'low-csat'],
      [{ ...none, reopens: true }, 'reopened'],
      [{ ...none, longResolution: true }, 'long-resolution'],
    ] as const) {
      const favoured = (await ask(favour)).body.suggestions as Array<{ agentId: number; reasons: string[] }>;
      const withReason = (list: typeof favoured, agent?: number) =>
        list.filter((s) => s.reasons.includes(reason) && (agent === undefined || s.agentId === agent)).length;
      for (const agent of perAgent.keys())
        expect(withReason(favoured, agent)).toBeGreaterThanOrEqual(withReason(plain.body.suggestions, agent));
      expect(withReason(favoured), reason).toBeGreaterThan(withReason(plain.body.suggestions));
    }

    // a reviewed ticket is never suggested again; its place goes to another of the agent's tickets
    const [first] = plain.body.suggestions as Array<{ ticketId: number; agentId: number; channel: string }>;
    const review = evaluationBody(scorecardId, { ticketId: first!.ticketId, revieweeId: first!.agentId, channel: first!.channel });
    expect((await t.as('reviewer', 2).post('/evaluations', review)).status).toBe(201);
    const after = await ask(none);
    expect(after.body.alreadyReviewed).toBe(1);
    expect(after.body.suggestions.map((s: { ticketId: number }) => s.ticketId)).not.toContain(first!.ticketId);
    // the review counts in the week's plan too: that agent needs one fewer
    expect(countBy(after.body.suggestions, (s: { agentId: number }) => s.agentId).get(first!.agentId)).toBe(
      Math.min(5, perAgent.get(first!.agentId)! - 1),
    );
  });

  it('counts coverage against each agent’s solved tickets of the week', async () => {
    const [t] = tenants(db());
    await sync(db(), t);
    const scorecardId = await publishedScorecard(t);
    const solved = solvedIn(from, to);
    const agent = solved[0]!.assignee_id!;
    const theirs = solved.filter((s) => s.assignee_id === agent);
    for (const s of theirs.slice(0, 2))
      expect(
        (
          await t
            .as('reviewer', 2)
            .post('/evaluations', evaluationBody(scorecardId, { ticketId: s.id, revieweeId: agent, channel: s.channel }))
        ).status,
      ).toBe(201);
    const coverage = await t.as('lead', 5).get(`/reports/coverage?week=${WEEK}`);
    expect(coverage.status).toBe(200);
    const perAgent = countBy(solved, (s) => s.assignee_id!);
    expect(coverage.body.population).toMatchObject({ solved: solved.length, reviewed: 2, ratio: 2 / solved.length });
    expect(coverage.body.population.lastSyncAt).toEqual(expect.any(String));
    expect(coverage.body.population.agents).toEqual(
      [...perAgent].sort(([a], [b]) => a - b).map(([agentId, n]) => ({ agentId, solved: n, reviewed: agentId === agent ? 2 : 0 })),
    );
    // every agent with solved tickets that week or the week before is in the coverage, planned or not
    const recent = countBy(solvedIn(new Date(from.getTime() - 7 * 86_400_000), to), (s) => s.assignee_id!);
    expect(coverage.body.agents.map((a: { agentId: number }) => a.agentId)).toEqual(expect.arrayContaining([...recent.keys()]));
  });

  it('names staff from the synced users, in the directory and the CSV export, without asking Zendesk per name', async () => {
    const [t, other] = tenants(db());
    expect((await t.as('agent', 50).get('/people/directory')).body).toEqual({ source: 'none', staff: [], groups: [] });
    await sync(db(), t);
    const directory = await t.as('agent', 50).get('/people/directory');
    expect(directory.status).toBe(200);
    const staff = zd().state.data.users.filter((u) => u.role !== 'end-user');
    expect(directory.body.source).toBe('synced');
    expect(directory.body.staff.map((p: { id: number }) => p.id).sort()).toEqual(staff.map((u) => u.id).sort());
    expect(directory.body.staff).toContainEqual({ id: 10002, name: 'Alex Agent', role: 'agent', active: true });
    expect(directory.body.groups.length).toBe(zd().state.data.groups.length);
    // end users are not the directory's: their names stay Zendesk's to show
    expect(JSON.stringify(directory.body)).not.toContain('Maria Lopez');
    expect((await other.as('lead', 5).get('/people/directory')).body.source).toBe('none');

    const scorecardId = await publishedScorecard(t);
    expect((await t.as('reviewer', 2).post('/evaluations', evaluationBody(scorecardId, { revieweeId: 10002 }))).status).toBe(201);
    const csv = await t.as('lead', 5).raw('/exports/evaluations.csv');
    expect(csv.status).toBe(200);
    // the test accounts' Zendesk does not know 10002: the name can only come from the synced users
    expect(await csv.text()).toContain('Alex Agent');
  });

  it('shows CSAT, first reply and resolution over every synced ticket of the period beside QA of the reviewed ones, each with its n', async () => {
    const [t, other] = tenants(db());
    await sync(db(), t);
    const scorecardId = await publishedScorecard(t);
    const solved = solvedIn(from, to);
    const agent = solved[0]!.assignee_id!;
    const reviewed = solved.filter((s) => s.assignee_id === agent).slice(0, 3);
    for (const s of reviewed)
      await t
        .as('reviewer', 2)
        .post('/evaluations', evaluationBody(scorecardId, { ticketId: s.id, revieweeId: agent, channel: s.channel }));
    const query = `from=${from.toISOString().slice(0, 10)}&to=${new Date(to.getTime() - 1).toISOString().slice(0, 10)}`;
    const res = await t.as('lead', 5).get(`/reports/qa-vs-metrics?${query}`);
    expect(res.status).toBe(200);
    const { population } = res.body;
    expect(population.source).toBe('synced');
    const rated = solved.filter((s) => s.satisfaction?.score === 'good' || s.satisfaction?.score === 'bad');
    const replies = solved.flatMap((s) =>
      s.metrics?.reply_time_in_minutes?.calendar == null ? [] : [s.metrics.reply_time_in_minutes.calendar],
    );
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(population.total.tickets).toBe(solved.length);
    expect(population.total.csatGoodRate.n).toBe(rated.length);
    expect(population.total.csatGoodRate.value).toBeCloseTo(rated.filter((s) => s.satisfaction!.score === 'good').length / rated.length);
    expect(population.total.firstReplyMinutes.n).toBe(replies.length);
    expect(population.total.firstReplyMinutes.value).toBeCloseTo(mean(replies));
    // QA's side counts the evaluations only: 3, never the tickets
    expect(population.total.qa.count).toBe(3);
    const row = population.by.reviewee.find((r: { key: string }) => r.key === String(agent));
    expect(row).toMatchObject({ tickets: solved.filter((s) => s.assignee_id === agent).length, qa: { count: 3 } });
    // an agent nobody reviewed still has their tickets' figures, and no QA figure
    const unreviewed = population.by.reviewee.find((r: { key: string }) => r.key !== String(agent));
    expect(unreviewed.tickets).toBeGreaterThan(0);
    expect(unreviewed.qa).toMatchObject({ count: 0, averageScore: { value: null, n: 0 } });
    const channels = population.by.channel.reduce((n: number, r: { tickets: number }) => n + r.tickets, 0);
    expect(channels).toBe(solved.length);
    // an agent sees their own tickets' figures only
    const own = await t.as('agent', agent).get(`/reports/qa-vs-metrics?${query}`);
    expect(own.body.population.total.tickets).toBe(solved.filter((s) => s.assignee_id === agent).length);
    // nothing synced: said, with no figure
    expect((await other.as('lead', 5).get(`/reports/qa-vs-metrics?${query}`)).body.population).toEqual({
      source: 'none',
      lastSyncAt: null,
      total: null,
      by: { reviewee: [], group: [], channel: [] },
    });
  });

  it('suggests no ticket of an erased agent and leaves them out of coverage; their name leaves the directory', async () => {
    const [t] = tenants(db());
    await sync(db(), t);
    await t.as('lead', 5).put('/plan', { default: { overall: 2 } });
    const erased = solvedIn(from, to)[0]!.assignee_id!;
    expect((await t.as('admin', 1).delete(`/people/${erased}`)).status).toBe(200);
    const agents = (await t.as('reviewer', 2).post('/suggestions', { week: WEEK })).body.suggestions.map(
      (s: { agentId: number }) => s.agentId,
    );
    expect(agents.length).toBeGreaterThan(0);
    expect(agents.filter((id: number) => id === erased || id < 0)).toEqual([]);
    const coverage = (await t.as('lead', 5).get(`/reports/coverage?week=${WEEK}`)).body;
    expect(coverage.population.agents.filter((a: { agentId: number }) => a.agentId === erased || a.agentId < 0)).toEqual([]);
    expect(coverage.agents.filter((a: { agentId: number }) => a.agentId === erased || a.agentId < 0)).toEqual([]);
    expect((await t.as('lead', 5).get('/people/directory')).body.staff.map((p: { id: number }) => p.id)).not.toContain(erased);
  });

  it('goes back to the browser’s candidates when an admin turned the sync off (its tickets stop moving)', async () => {
    const [t] = tenants(db());
    await sync(db(), t);
    await t.as('lead', 5).put('/plan', { default: { overall: 1 } });
    expect((await t.as('reviewer', 2).post('/suggestions', { week: WEEK })).body.source).toBe('synced');
    await db().query(
      `INSERT INTO sync_settings (account, enabled, conversations, retention_days) VALUES ($1, false, true, 90)
       ON CONFLICT (account) DO UPDATE SET enabled = false`,
      [t.account],
    );
    expect((await t.as('reviewer', 2).post('/suggestions', { week: WEEK })).body).toMatchObject({ source: 'none', suggestions: [] });
    const candidates = [{ ticketId: 7, assigneeId: 50, channel: 'email', subject: 'A' }];
    expect((await t.as('reviewer', 2).post('/suggestions', { week: WEEK, candidates })).body.source).toBe('browser');
  });

  it('keeps the browser’s candidates when nothing is synced: asks for them first, then picks among them', async () => {
    const [t] = tenants(db());
    await t.as('lead', 5).put('/plan', { default: { overall: 1 } });
    const first = await t.as('reviewer', 2).post('/suggestions', { week: WEEK });
    expect(first.body).toMatchObject({ source: 'none', suggestions: [], candidates: 0 });
    const candidates = [{ ticketId: 7, assigneeId: 50, channel: 'email', subject: 'A' }];
    const second = await t.as('reviewer', 2).post('/suggestions', { week: WEEK, candidates });
    expect(second.body).toMatchObject({ source: 'browser', candidates: 1, suggestions: [{ ticketId: 7, agentId: 50 }] });
    expect((await t.as('lead', 5).get(`/reports/coverage?week=${WEEK}`)).body.population).toBeNull();
  });
});

/**
 * AutoQA over the synced tickets (issue 16, decision 030), on PGlite and PostgreSQL: the runner checks new and
 * changed tickets only, the sidebar's route answers one ticket's results with their evidence and suggested ratings,
 * an evaluation stores the service's own suggestion beside the human rating (an override when they differ), the
 * checks' kappa moves as overrides are recorded, an untrusted check stays out of the figures, the spotlight's order,
 * and who may call what.
 */
import { describe, expect, it } from 'vitest';
import { cohenKappa } from '../../src/core/kappa.ts';
import type { ScorecardDefinitionInput } from '../../src/core/scorecard.ts';
import type { CheckResult } from '../../src/server/autoqa/check.ts';
import { greetingCheck } from '../../src/server/autoqa/greeting.ts';
import { checkSet, defaultCheckSet, runAutoQa } from '../../src/server/autoqa/runner.ts';
import type { Db } from '../../src/server/db/db.ts';
import { upsertSyncedComments, upsertSyncedTickets, upsertSyncedUsers, type SyncedTicketRow } from '../../src/server/store/sync.ts';
import { backends, countOf, useDb } from '../support/db.ts';
import { evaluationBody, publishedScorecard, steppingClock, type Tenant, tenants } from '../support/db-client.ts';

const AGENT = 50;
const OTHER_AGENT = 51;
const CUSTOMER = 900;
const clock = steppingClock(Date.parse('2026-03-12T09:00:00Z'));

function ticket(id: number, over: Partial<SyncedTicketRow> = {}): SyncedTicketRow {
  return {
    ticketId: id,
    subject: `Ticket ${id}`,
    channel: 'email',
    status: 'solved',
    groupId: 7,
    brandId: null,
    formId: null,
    assigneeId: AGENT,
    requesterId: CUSTOMER,
    tags: [],
    createdAt: '2026-03-09T08:00:00Z',
    updatedAt: '2026-03-10T08:00:00Z',
    generatedAt: 1000,
    csatScore: null,
    csatComment: null,
    reopens: 0,
    replies: 1,
    replyMinutes: 30,
    firstResolutionMinutes: 60,
    fullResolutionMinutes: 60,
    solvedAt: '2026-03-10T08:00:00Z',
    ...over,
  };
}

const QUESTION = 'Hello, my order 4711 has not arrived yet and I am getting worried. Could you please check where it is?';
const GREETED =
  'Hi Anna,\n\nthank you for your patience. I checked your order and it left our warehouse today, so it will arrive tomorrow.\n\nBest regards,\nTom';
const BARE = 'The order left our warehouse today and arrives tomorrow. Tracking is in the e-mail we sent you.';

/** A conversation: the customer asks, the agent answers (comment ids from the ticket id). */
function conversation(ticketId: number, answer: string, customer = QUESTION) {
  return [
    { commentId: ticketId * 10 + 1, ticketId, authorId: CUSTOMER, public: true, body: customer, createdAt: '2026-03-09T08:00:00Z' },
    { commentId: ticketId * 10 + 2, ticketId, authorId: AGENT, public: true, body: answer, createdAt: '2026-03-09T08:30:00Z' },
  ];
}

async function seed(db: Db, account: string, tickets: SyncedTicketRow[], comments: ReturnType<typeof conversation>) {
  await upsertSyncedUsers(db, account, [
    { userId: AGENT, name: 'Tom Agent', role: 'agent', active: true, updatedAt: null },
    { userId: OTHER_AGENT, name: 'Ina Agent', role: 'agent', active: true, updatedAt: null },
    { userId: CUSTOMER, name: 'Anna Kunde', role: 'end-user', active: true, updatedAt: null },
  ]);
  await upsertSyncedTickets(db, account, tickets);
  await upsertSyncedComments(db, account, comments);
}

/** A format-2 card whose first criterion is pre-rated by the greeting check (binary: 0 no, 1 yes). */
function greetingCard(): ScorecardDefinitionInput {
  return {
    formatVersion: 2,
    name: 'Email with greeting',
    method: 'weighted-criteria',
    passThreshold: 50,
    appliesTo: { channels: ['email'] },
    sections: [
      {
        id: 'tone',
        name: 'Tone',
        criteria: [
          {
            id: 'greets',
            label: 'Greets the customer',
            weight: 1,
            scale: { preset: 'binary' },
            auto: { check: 'greeting', whenTrue: 1, whenFalse: 0 },
          },
          { id: 'solves', label: 'Solves it', weight: 2, scale: { preset: 'binary' } },
        ],
      },
    ],
  } as ScorecardDefinitionInput;
}

const review = (scorecardId: string, ticketId: number, greets: number) =>
  evaluationBody(scorecardId, {
    ticketId,
    revieweeId: AGENT,
    answers: [
      { criterionId: 'greets', rating: greets },
      { criterionId: 'solves', rating: 1 },
    ],
  });

const checkedTickets = (db: Db, account: string) =>
  db.query<{ ticket_id: number; checks: number }>(
    `SELECT ticket_id, count(*)::int AS checks FROM autoqa_results WHERE account = $1 GROUP BY 1 ORDER BY 1`,
    [account],
  );

describe.each(backends())('AutoQA on $name', (backend) => {
  const db = useDb(backend);
  const tenant = (): Tenant => tenants(db(), { clock })[0];

  it('checks new and changed tickets only, in bounded batches; a ticket without text gets the metric checks only; a bumped version rechecks', async () => {
    const t = tenant();
    await seed(db(), t.account, [ticket(1), ticket(2), ticket(3)], [...conversation(1, GREETED), ...conversation(2, BARE)]);
    const first = await runAutoQa(db(), t.account, { clock, batchSize: 2 });
    expect(first).toMatchObject({ checked: 3, batches: 2 });
    // ticket 3 has no text: reply and resolution time only
    expect(await checkedTickets(db(), t.account)).toEqual([
      { ticket_id: 1, checks: 10 },
      { ticket_id: 2, checks: 10 },
      { ticket_id: 3, checks: 2 },
    ]);
    expect(await runAutoQa(db(), t.account, { clock })).toMatchObject({ checked: 0 });

    // ticket 2 changes (a new reply); ticket 3's text arrives without the ticket moving
    await upsertSyncedTickets(db(), t.account, [ticket(2, { generatedAt: 2000, updatedAt: '2026-03-10T09:00:00Z' })]);
    await upsertSyncedComments(db(), t.account, [
      ...conversation(2, GREETED).map((c) => ({ ...c, commentId: c.commentId + 5 })),
      ...conversation(3, BARE),
    ]);
    const before = await db().query<{ ticket_id: number; computed_at: Date }>(
      'SELECT ticket_id, computed_at FROM autoqa_tickets WHERE account = $1 ORDER BY 1',
      [t.account],
    );
    expect(await runAutoQa(db(), t.account, { clock })).toMatchObject({ checked: 2 });
    const after = await db().query<{ ticket_id: number; computed_at: Date }>(
      'SELECT ticket_id, computed_at FROM autoqa_tickets WHERE account = $1 ORDER BY 1',
      [t.account],
    );
    expect(after[0]!.computed_at).toEqual(before[0]!.computed_at);
    expect(after[1]!.computed_at).not.toEqual(before[1]!.computed_at);
    expect((await checkedTickets(db(), t.account)).map((r) => r.checks)).toEqual([10, 10, 10]);

    // a check decides differently (its version bumped): every ticket is checked again, once
    const greetingV2 = {
      id: 'greeting',
      version: 2,
      run: (c: Parameters<typeof greetingCheck.run>[0]) => ({ ...(greetingCheck.run(c) as CheckResult), version: 2 }),
    };
    const bumped = checkSet(defaultCheckSet().all.map((c) => (c.id === 'greeting' ? greetingV2 : c)));
    expect(await runAutoQa(db(), t.account, { clock, checks: bumped })).toMatchObject({ checked: 3 });
    expect(await runAutoQa(db(), t.account, { clock, checks: bumped })).toMatchObject({ checked: 0 });
    expect(
      await countOf(
        db(),
        `SELECT count(*)::int AS n FROM autoqa_results WHERE account = $1 AND check_id = 'greeting' AND check_version = 2`,
        [t.account],
      ),
    ).toBe(3);
  });

  it('answers one ticket on demand with its evidence and the suggested ratings of a scorecard version; agents get 403', async () => {
    const t = tenant();
    await seed(db(), t.account, [ticket(11), ticket(12)], [...conversation(11, GREETED), ...conversation(12, BARE)]);
    const scorecardId = await publishedScorecard(t, greetingCard());
    // never run by the runner: computed on demand
    const got = await t.as('reviewer', 2).get(`/autoqa/tickets/11?scorecardId=${scorecardId}&version=1`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      ticketId: 11,
      synced: true,
      text: true,
      ratings: [{ criterionId: 'greets', checkId: 'greeting', rating: 1 }],
    });
    const greeting = got.body.results.find((r: { checkId: string }) => r.checkId === 'greeting');
    expect(greeting).toMatchObject({ applicable: true, value: true, language: 'en' });
    expect(greeting.evidence[0]).toMatchObject({
      commentId: 112,
      text: GREETED.slice(greeting.evidence[0].start, greeting.evidence[0].end),
    });
    expect(greeting.evidence[0].text).toMatch(/^Hi Anna/);
    expect(got.body.results.map((r: { checkId: string }) => r.checkId)).toHaveLength(10);

    const bare = await t.as('lead', 5).get(`/autoqa/tickets/12?scorecardId=${scorecardId}&version=1`);
    expect(bare.body.ratings).toEqual([{ criterionId: 'greets', checkId: 'greeting', rating: 0, trusted: false }]);
    expect((await t.as('lead', 5).get('/autoqa/tickets/999')).body).toMatchObject({ synced: false, results: [] });
    expect((await t.as('agent', AGENT).get('/autoqa/tickets/11')).status).toBe(403);
    expect((await t.as('reviewer', 2).get(`/autoqa/tickets/11?scorecardId=${scorecardId}&version=9`)).status).toBe(404);
  });

  it('stores the suggested rating beside the human one (an override when they differ), kappa moves with each override, and an untrusted check stays out of the figures', async () => {
    const t = tenant();
    const ids = [21, 22, 23, 24, 25, 26];
    // three tickets greet, three do not
    await seed(
      db(),
      t.account,
      ids.map((id) => ticket(id)),
      ids.flatMap((id) => conversation(id, id <= 23 ? GREETED : BARE)),
    );
    await runAutoQa(db(), t.account, { clock });
    const scorecardId = await publishedScorecard(t, greetingCard());
    const reviewer = t.as('reviewer', 2);
    // the reviewers agree on four tickets
    for (const id of [21, 22, 24, 25])
      expect((await reviewer.post('/evaluations', review(scorecardId, id, id <= 23 ? 1 : 0))).status).toBe(201);
    const stored = await db().query<{ ticket_id: number; rating: number; auto_check: string; auto_rating: number }>(
      `SELECT e.ticket_id, a.rating, a.auto_check, a.auto_rating FROM evaluation_answers a JOIN evaluations e ON e.account = a.account AND e.id = a.evaluation_id
        WHERE a.account = $1 AND a.criterion_id = 'greets' ORDER BY 1`,
      [t.account],
    );
    expect(stored).toEqual([
      { ticket_id: 21, rating: 1, auto_check: 'greeting', auto_rating: 1 },
      { ticket_id: 22, rating: 1, auto_check: 'greeting', auto_rating: 1 },
      { ticket_id: 24, rating: 0, auto_check: 'greeting', auto_rating: 0 },
      { ticket_id: 25, rating: 0, auto_check: 'greeting', auto_rating: 0 },
    ]);
    // an amend keeps the suggestion stored at creation: the override is measured against what the reviewer was shown
    const first = await reviewer.post('/evaluations', review(scorecardId, 26, 0));
    const amended = await reviewer.put(`/evaluations/${first.body.id}`, {
      answers: [
        { criterionId: 'greets', rating: 1 },
        { criterionId: 'solves', rating: 1 },
      ],
      lockVersion: first.body.lockVersion,
    });
    expect(amended.status).toBe(200);
    expect(
      await db().query(
        'SELECT rating, auto_check, auto_rating FROM evaluation_answers WHERE account = $1 AND evaluation_id = $2 AND criterion_id = $3',
        [t.account, first.body.id, 'greets'],
      ),
    ).toEqual([{ rating: 1, auto_check: 'greeting', auto_rating: 0 }]);
    expect((await reviewer.post(`/evaluations/${first.body.id}/withdraw`, { lockVersion: amended.body.lockVersion })).status).toBe(200);
    // nothing the browser says about automatic values is taken
    expect(
      (
        await reviewer.post('/evaluations', {
          ...review(scorecardId, 23, 1),
          answers: [
            { criterionId: 'greets', rating: 1, autoRating: 0 },
            { criterionId: 'solves', rating: 1 },
          ],
        })
      ).status,
    ).toBe(400);

    const lead = t.as('lead', 5);
    const trustOf = async () => (await lead.get('/autoqa/trust')).body.checks.find((c: { checkId: string }) => c.checkId === 'greeting');
    const agreed = await trustOf();
    expect(agreed).toMatchObject({ kappa: { kappa: 1, n: 4 }, overrides: 0, status: 'too-few', trusted: false });
    expect(agreed.criteria).toMatchObject([
      { scorecardId, criterionId: 'greets', label: 'Greets the customer', weights: 'unweighted', kappa: { n: 4 } },
    ]);

    // two overrides: the reviewer rates against the suggestion
    expect((await reviewer.post('/evaluations', review(scorecardId, 23, 0))).status).toBe(201);
    expect((await reviewer.post('/evaluations', review(scorecardId, 26, 1))).status).toBe(201);
    const overridden = await trustOf();
    expect(overridden).toMatchObject({ kappa: { n: 6 }, overrides: 2 });
    expect(overridden.kappa.kappa).toBeCloseTo(1 / 3, 10);
    expect(overridden.kappa.low).toBeLessThan(overridden.kappa.kappa);

    // the summary: untrusted greeting is left out unless asked; reply and resolution times are Zendesk's figures
    const summary = await lead.get('/autoqa/summary?from=2026-03-01&to=2026-03-31');
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ source: 'synced', tickets: 6, checked: 6 });
    expect(summary.body.checks.map((c: { checkId: string }) => c.checkId)).toEqual(['reply-time', 'resolution-time']);
    const all = await lead.get('/autoqa/summary?from=2026-03-01&to=2026-03-31&includeUntrusted=true');
    const greeting = all.body.checks.find((c: { checkId: string }) => c.checkId === 'greeting');
    expect(greeting).toMatchObject({
      kind: 'boolean',
      trusted: false,
      all: { applicable: 6, notApplicable: 0, pass: { value: 0.5, n: 6 } },
    });
    expect(greeting.byAgent).toMatchObject([{ key: String(AGENT), applicable: 6 }]);
    expect(greeting.byChannel).toMatchObject([{ key: 'email', applicable: 6 }]);

    // an admin lowers the bar (audited): greeting is trusted and counts
    const admin = t.as('admin', 1);
    expect((await lead.put('/autoqa/settings', { minN: 2 })).status).toBe(403);
    const changed = await admin.put('/autoqa/settings', { minN: 5, minKappa: 0.3 });
    expect(changed.status).toBe(200);
    expect(changed.body.settings).toMatchObject({ minN: 5, minKappa: 0.3, updatedBy: 1 });
    expect(changed.body.checks.find((c: { checkId: string }) => c.checkId === 'greeting')).toMatchObject({
      status: 'trusted',
      trusted: true,
    });
    expect(
      await countOf(db(), `SELECT count(*)::int AS n FROM audit_log WHERE account = $1 AND action = 'autoqa.settings'`, [t.account]),
    ).toBe(1);
    const trusted = await lead.get('/autoqa/summary?from=2026-03-01&to=2026-03-31');
    expect(trusted.body.checks.map((c: { checkId: string }) => c.checkId)).toContain('greeting');
    // one more override takes it below the bar again
    expect((await reviewer.post('/evaluations', review(scorecardId, 21, 0))).status).toBe(201);
    expect(await trustOf()).toMatchObject({ status: 'below-threshold', trusted: false, overrides: 3 });
    expect(
      (await lead.get('/autoqa/summary?from=2026-03-01&to=2026-03-31')).body.checks.map((c: { checkId: string }) => c.checkId),
    ).not.toContain('greeting');
  });

  it('weighs disagreement on an ordered scale by its distance (quadratic kappa), and trusts reply time as Zendesk measured it', async () => {
    const t = tenant();
    // reply times of 30, 120 and 500 minutes: bands fast (2), fair (1), slow (0)
    const minutes: Record<number, number> = { 41: 30, 42: 120, 43: 500, 44: 30, 45: 500 };
    const ids = Object.keys(minutes).map(Number);
    await seed(
      db(),
      t.account,
      ids.map((id) => ticket(id, { replyMinutes: minutes[id]! })),
      ids.flatMap((id) => conversation(id, GREETED)),
    );
    const card = {
      formatVersion: 2,
      name: 'Speed',
      method: 'weighted-criteria',
      passThreshold: 50,
      appliesTo: { channels: ['email'] },
      sections: [
        {
          id: 'speed',
          name: 'Speed',
          criteria: [
            {
              id: 'fast',
              label: 'Answers fast',
              weight: 1,
              scale: { preset: '3-point' },
              auto: {
                check: 'reply-time',
                bands: [
                  { atMost: 60, option: 2 },
                  { atMost: 240, option: 1 },
                ],
                otherwise: 0,
              },
            },
          ],
        },
      ],
    } as ScorecardDefinitionInput;
    const scorecardId = await publishedScorecard(t, card);
    // suggested 2, 1, 0, 2, 0; the reviewer: 2, 2 (off by one), 0, 0 (off by two), 0
    const human: Record<number, number> = { 41: 2, 42: 2, 43: 0, 44: 0, 45: 0 };
    for (const id of ids) {
      const body = evaluationBody(scorecardId, { ticketId: id, revieweeId: AGENT, answers: [{ criterionId: 'fast', rating: human[id] }] });
      expect((await t.as('reviewer', 2).post('/evaluations', body)).status).toBe(201);
    }
    const trust = (await t.as('admin', 1).get('/autoqa/trust')).body.checks.find((c: { checkId: string }) => c.checkId === 'reply-time');
    const expected = cohenKappa([2, 1, 0, 2, 0], [2, 2, 0, 0, 0], { weights: 'quadratic', categories: [0, 1, 2] });
    expect(trust).toMatchObject({ status: 'trusted', trusted: true, overrides: 2, kappa: { n: 5 } });
    expect(trust.kappa.kappa).toBeCloseTo(expected.kappa!, 10);
    expect(trust.criteria).toMatchObject([{ criterionId: 'fast', weights: 'quadratic', overrides: 2 }]);
    expect(trust.criteria[0].kappa.kappa).toBeCloseTo(expected.kappa!, 10);
  });

  it('puts the tickets most worth a look first, with why', async () => {
    const t = tenant();
    await seed(
      db(),
      t.account,
      [
        ticket(31),
        ticket(32, { reopens: 2 }),
        ticket(33, { reopens: 1, fullResolutionMinutes: 5000 }),
        ticket(34, { assigneeId: OTHER_AGENT }),
        ticket(35),
      ],
      [
        ...conversation(31, GREETED),
        ...conversation(32, GREETED),
        ...conversation(33, GREETED),
        ...conversation(34, BARE),
        ...conversation(35, GREETED),
      ],
    );
    await runAutoQa(db(), t.account, { clock });
    const lead = t.as('lead', 5);
    // greeting is not trusted: only the ticket's own facts count
    const facts = await lead.get('/autoqa/spotlight?from=2026-03-01&to=2026-03-31');
    expect(facts.status).toBe(200);
    expect(facts.body.tickets.map((s: { ticketId: number }) => s.ticketId)).toEqual([33, 32]);
    expect(facts.body.tickets[0]).toMatchObject({ reasons: ['reopened', 'long-resolution'], reviewed: false });
    expect(facts.body.tickets[0].why).toEqual(['reopened 1×', expect.stringMatching(/^resolution 5000 min/)]);
    // with untrusted checks too, the ticket without a greeting and closing joins
    const all = await lead.get('/autoqa/spotlight?from=2026-03-01&to=2026-03-31&includeUntrusted=true&limit=2');
    expect(all.body.tickets.map((s: { ticketId: number }) => s.ticketId)).toEqual([33, 34]);
    expect(all.body.tickets[1]).toMatchObject({
      agentId: OTHER_AGENT,
      reasons: ['low-auto'],
      why: ['closing: no', 'greeting: no'],
      score: 2,
    });
    const unlimited = await lead.get('/autoqa/spotlight?from=2026-03-01&to=2026-03-31&includeUntrusted=true');
    expect(unlimited.body.tickets.map((s: { ticketId: number }) => s.ticketId)).toEqual([33, 34, 32]);
    expect(
      (await lead.get('/autoqa/spotlight?from=2026-03-01&to=2026-03-31&revieweeId=51&includeUntrusted=true')).body.tickets,
    ).toHaveLength(1);

    // the plan's suggestions favour the spotlight when asked, and say so
    expect((await lead.put('/plan', { default: { overall: 10 } })).status).toBe(200);
    const suggest = (spotlight: boolean) => t.as('reviewer', 2).post('/suggestions', { week: '2026-W12', favour: { spotlight } });
    const reasonsOf = (body: { suggestions: Array<{ ticketId: number; reasons: string[] }> }) =>
      Object.fromEntries(body.suggestions.map((s) => [s.ticketId, s.reasons]));
    const favoured = await suggest(true);
    expect(favoured.status).toBe(200);
    expect(reasonsOf(favoured.body)).toMatchObject({
      31: [],
      32: ['reopened', 'spotlight'],
      33: ['reopened', 'long-resolution', 'spotlight'],
      34: [],
    });
    expect(Object.values(reasonsOf((await suggest(false)).body)).flat()).not.toContain('spotlight');
  });

  it("accepts the account's jargon once an admin adds it to the spelling allow-list: stored results recompute on the next run, on demand at once", async () => {
    const t = tenant();
    const JARGON =
      'Hi Anna,\n\nyou can follow the parcel in the shopdash app: the shopdash page shows where it is today.\n\nBest regards,\nTom';
    await seed(db(), t.account, [ticket(31), ticket(32), ticket(33)], [...conversation(31, JARGON), ...conversation(32, JARGON)]);
    const spellingOf = async (ticketId: number) =>
      (
        await db().query<{ value_num: number }>(
          `SELECT value_num FROM autoqa_results WHERE account = $1 AND ticket_id = $2 AND check_id = 'spelling'`,
          [t.account, ticketId],
        )
      )[0]?.value_num;
    const lead = t.as('lead', 5);
    const onDemand = async (ticketId: number) =>
      (await lead.get(`/autoqa/tickets/${ticketId}`)).body.results.find((r: { checkId: string }) => r.checkId === 'spelling');
    expect(await runAutoQa(db(), t.account, { clock })).toMatchObject({ checked: 3 });
    expect(await spellingOf(31)).toBe(2);
    expect(await onDemand(32)).toMatchObject({ applicable: true, value: 2 });

    // bad lists: 400 naming what to fix, nothing stored
    const admin = t.as('admin', 1);
    const tooMany = await admin.put('/autoqa/settings', { spellingAllowList: Array.from({ length: 2001 }, (_, i) => `w${i}`) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.issues.join(' ')).toContain('more than 2000 words');
    const tooLong = await admin.put('/autoqa/settings', { spellingAllowList: ['ok', 'x'.repeat(65)] });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.issues.join(' ')).toContain('spellingAllowList[1]: a word of the spelling allow-list has more than 64 characters');
    const empty = await admin.put('/autoqa/settings', { spellingAllowList: ['ok', '   '] });
    expect(empty.status).toBe(400);
    expect(empty.body.issues.join(' ')).toContain('empty');
    expect((await admin.put('/autoqa/settings', { spellingAllowList: 'shopdash' })).status).toBe(400);
    // only admins
    expect((await lead.put('/autoqa/settings', { spellingAllowList: ['shopdash'] })).status).toBe(403);
    expect((await t.as('reviewer', 2).put('/autoqa/settings', { spellingAllowList: ['shopdash'] })).status).toBe(403);
    expect((await lead.get('/autoqa/trust')).body.settings.spellingAllowList).toEqual([]);
    expect(await countOf(db(), `SELECT count(*)::int AS n FROM audit_log WHERE account = $1`, [t.account])).toBe(0);

    // trimmed, kept once whatever the case; the thresholds keep their values
    const changed = await admin.put('/autoqa/settings', { spellingAllowList: [' ShopDash ', 'shopdash', 'helpdesk'] });
    expect(changed.status).toBe(200);
    expect(changed.body.settings).toMatchObject({ spellingAllowList: ['ShopDash', 'helpdesk'], minKappa: 0.6, minN: 20, updatedBy: 1 });
    expect((await lead.get('/autoqa/trust')).body.settings.spellingAllowList).toEqual(['ShopDash', 'helpdesk']);
    const [audited] = await db().query<{ detail: unknown; actor_id: number }>(
      `SELECT detail, actor_id::int AS actor_id FROM audit_log WHERE account = $1 AND action = 'autoqa.settings'`,
      [t.account],
    );
    expect(audited).toEqual({ actor_id: 1, detail: { spellingAllowList: { from: [], to: ['ShopDash', 'helpdesk'] } } });

    // on demand: the new list at once; stored results are stale until the next run recomputes them
    expect(await onDemand(32)).toMatchObject({ applicable: true, value: 0 });
    expect(await spellingOf(31)).toBe(2);
    // ticket 32 was recomputed on demand, ticket 33 has no text (its metric checks read no list)
    expect(await runAutoQa(db(), t.account, { clock })).toMatchObject({ checked: 1 });
    expect(await spellingOf(31)).toBe(0);
    expect(await runAutoQa(db(), t.account, { clock })).toMatchObject({ checked: 0 });

    // the same list again is no change (not audited); in another order and case it is stored, and nothing is stale
    await admin.put('/autoqa/settings', { spellingAllowList: ['ShopDash', 'helpdesk'] });
    expect(await countOf(db(), `SELECT count(*)::int AS n FROM audit_log WHERE account = $1`, [t.account])).toBe(1);
    await admin.put('/autoqa/settings', { spellingAllowList: ['HELPDESK', 'shopdash'] });
    expect(await runAutoQa(db(), t.account, { clock })).toMatchObject({ checked: 0 });
    // emptied: the jargon is flagged again after the next run
    await admin.put('/autoqa/settings', { spellingAllowList: [] });
    expect(await runAutoQa(db(), t.account, { clock })).toMatchObject({ checked: 2 });
    expect(await spellingOf(31)).toBe(2);
  });

  it('says who may call what', async () => {
    const t = tenant();
    const agent = t.as('agent', AGENT);
    for (const path of ['/autoqa/tickets/1', '/autoqa/trust', '/autoqa/summary', '/autoqa/spotlight'])
      expect((await agent.get(path)).status).toBe(403);
    expect((await agent.put('/autoqa/settings', { minN: 3 })).status).toBe(403);
    const reviewer = t.as('reviewer', 2);
    expect((await reviewer.get('/autoqa/trust')).status).toBe(403);
    expect((await reviewer.put('/autoqa/settings', { minN: 3 })).status).toBe(403);
    expect((await reviewer.get('/autoqa/summary')).body).toEqual({ source: 'none', tickets: 0, checked: 0, checks: [] });
    expect((await reviewer.get('/autoqa/spotlight')).body).toEqual({ source: 'none', tickets: [] });
    expect((await t.as('lead', 5).get('/autoqa/trust')).body.settings).toMatchObject({ minKappa: 0.6, minN: 20 });
  });

  it('erasing the admin who set the thresholds leaves their pseudonym there', async () => {
    const t = tenant();
    expect((await t.as('admin', 3).put('/autoqa/settings', { minN: 7 })).body.settings).toMatchObject({ minN: 7, updatedBy: 3 });
    const erased = await t.as('admin', 1).delete('/people/3');
    expect(erased.status).toBe(200);
    expect((await t.as('lead', 5).get('/autoqa/trust')).body.settings).toMatchObject({ minN: 7, updatedBy: erased.body.pseudonym });
  });
});

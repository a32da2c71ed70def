import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportFilters } from '../../src/core/reports.ts';
import { systemClock } from '../../src/server/deps.ts';
import { exportCsv, type ExportOptions } from '../../src/server/services/exports.ts';
import { NAME_TTL_MS, zendeskNames } from '../../src/server/services/people-names.ts';
import { personFor, tenants, type Tenant } from '../support/db-client.ts';
import { backends, useDb } from '../support/db.ts';
import { seed, SPECS, type Seeded } from './reports-fixture.ts';

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += ch;
  }
  expect(field === '' && record.length === 0, 'the text ends with CRLF').toBe(true);
  return records;
}

describe.each(backends())('CSV export on $name', (backend) => {
  const db = useDb(backend);
  let pair: [Tenant, Tenant];
  let seeded: Seeded;
  let now = new Date();

  /** A review by reviewer 9 of `revieweeId` on `ticketId`, at `now`. */
  const review = async (revieweeId: number, ticketId: number) => {
    const res = await pair[0].as('reviewer', 9).post('/evaluations', {
      id: randomUUID(),
      ticketId,
      revieweeId,
      scorecardId: seeded.scorecardId,
      scorecardVersion: 1,
      answers: [
        { criterionId: 'greet', rating: 1 },
        { criterionId: 'solve', rating: 2 },
      ],
    });
    expect(res.status).toBe(201);
  };
  /** The service's export as records, header first. */
  const exported = async (filters: ReportFilters, options: ExportOptions) => {
    let text = '';
    for await (const chunk of exportCsv(db(), pair[0].account, filters, options)) text += chunk;
    return parseCsv(text);
  };

  beforeAll(async () => {
    pair = tenants(db(), { clock: { now: () => now } });
    seeded = await seed(pair, (d) => (now = d));
    // three evaluations at the same instant: keyset paging must not skip or repeat ties
    now = new Date('2024-05-01T08:00:00Z');
    for (let i = 0; i < 3; i++) await review(200, 2000 + i);
  });

  const download = async (query = '', role: 'lead' | 'agent' = 'lead', user = 1) => {
    const res = await pair[0].as(role, user).raw(`/exports/evaluations.csv${query}`);
    return { res, rows: res.status === 200 ? parseCsv(await res.text()) : [] };
  };

  it('streams one row per answer with a header, as an attachment', async () => {
    pair[0].fake.setPerson(pair[0].account, 102, { name: 'Bea Beispiel', role: 'agent', groupIds: [] });
    const { res, rows } = await download('?to=2024-04-30');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="evaluations.csv"');
    const [header, ...body] = rows;
    expect(header).toEqual([
      'evaluation_id',
      'created_at',
      'ticket_id',
      'reviewee_id',
      'reviewee_name',
      'reviewer_id',
      'reviewer_name',
      'scorecard_id',
      'scorecard_version',
      'kind',
      'status',
      'channel',
      'group_id',
      'brand_id',
      'raw_score',
      'final_score',
      'passed',
      'critical_failures',
      'section_id',
      'criterion_id',
      'rating',
      'fraction',
      'na',
      'weight',
      'critical_failed',
      'root_causes',
      'comment',
      'overall_comment',
      'points_earned',
      'points_possible',
      'failed',
      'scoring',
      'bonus',
      'evaluation_points_earned',
      'evaluation_points_possible',
      'evaluation_bonus_possible',
      'max_score',
    ]);
    // E1-E5, two answers each; calibration (E6), withdrawn (E7) and the other account (E8) are not exported
    expect(body).toHaveLength(10);
    const col = (name: string) => header!.indexOf(name);
    expect([...new Set(body.map((r) => r[col('evaluation_id')]))]).toEqual(['E1', 'E2', 'E3', 'E4', 'E5'].map((n) => seeded.ids[n]));
    expect(body.map((r) => r[col('criterion_id')])).toEqual(Array(5).fill(['greet', 'solve']).flat());
    // the route asks Zendesk for names the people table lacks
    const bea = body.filter((r) => r[col('reviewee_id')] === '102');
    expect(bea.length).toBeGreaterThan(0);
    expect(bea.map((r) => r[col('reviewee_name')])).toEqual(bea.map(() => 'Bea Beispiel'));
    const e3 = body.filter((r) => r[col('evaluation_id')] === seeded.ids.E3);
    expect(
      e3.map((r) => [r[col('created_at')], r[col('raw_score')], r[col('final_score')], r[col('passed')], r[col('critical_failures')]]),
    ).toEqual([
      [SPECS.E3!.at.replace('Z', '.000Z'), '25', '0', 'false', 'solve'],
      [SPECS.E3!.at.replace('Z', '.000Z'), '25', '0', 'false', 'solve'],
    ]);
    expect(e3[1]![col('root_causes')]).toBe('Bug');
    expect(e3[1]![col('critical_failed')]).toBe('true');
    const e4greet = body.find((r) => r[col('evaluation_id')] === seeded.ids.E4 && r[col('criterion_id')] === 'greet')!;
    expect([e4greet[col('na')], e4greet[col('rating')], e4greet[col('fraction')], e4greet[col('reviewer_id')]]).toEqual([
      'true',
      '',
      '',
      '10',
    ]);
    const e5 = body.find((r) => r[col('evaluation_id')] === seeded.ids.E5)!;
    expect([e5[col('channel')], e5[col('group_id')], e5[col('ticket_id')]]).toEqual(['', '8', '1005']);
    // names beside the ids: the reviewers signed in, so the service has theirs; the reviewees never did
    expect(new Set(body.map((r) => `${r[col('reviewer_id')]}:${r[col('reviewer_name')]}`))).toEqual(
      new Set(['9:Reviewer 9', '10:Reviewer 10']),
    );
    expect(e5[col('reviewee_id')]).toBe('101');
  });

  it('quotes per RFC 4180 and defuses formulas in user text', async () => {
    const res = await pair[0].as('lead', 1).raw('/exports/evaluations.csv?revieweeId=101&to=2024-03-06');
    const text = await res.text();
    expect(text).toContain(`"'=HYPERLINK(""x""), ""quoted""\nnext line"`);
    const rows = parseCsv(text);
    const comment = rows[0]!.indexOf('comment');
    expect(rows.map((r) => r[comment])).toEqual(['comment', '', '', `'=HYPERLINK("x"), "quoted"\nnext line`, '']);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('applies the report filters', async () => {
    const evaluations = async (q: string) => new Set((await download(q)).rows.slice(1).map((r) => r[0])).size;
    expect(await evaluations('?from=2024-03-01&to=2024-03-31')).toBe(4);
    expect(await evaluations('?revieweeId=101')).toBe(3);
    expect(await evaluations('?channel=chat')).toBe(1);
    expect(await evaluations('?groupId=8')).toBe(2);
    expect(await evaluations('?reviewerId=10')).toBe(1);
    expect(await evaluations(`?scorecardId=${seeded.scorecardId}&from=2024-05-01`)).toBe(3);
    expect(await evaluations('?from=2030-01-01')).toBe(0);
  });

  it('pages by (created_at, id) without skipping or repeating ties, whatever the batch', async () => {
    const read = async (batch: number) => {
      let text = '';
      for await (const chunk of exportCsv(db(), pair[0].account, {}, { batch })) text += chunk;
      return text;
    };
    const whole = await read(500);
    expect(parseCsv(whole)).toHaveLength(1 + 8 * 2);
    for (const batch of [1, 2, 3]) expect(await read(batch)).toBe(whole);
    const ties = parseCsv(whole).filter((r) => r[3] === '200');
    expect(ties.map((r) => r[5])).toEqual(Array(6).fill('9'));
    expect(new Set(ties.map((r) => r[0])).size).toBe(3);
  });

  it('names the reviewees and reviewers from Zendesk, 100 ids a request, kept in the people table', async () => {
    const t = pair[0];
    let clock = new Date();
    const names = zendeskNames({ accounts: [t.zendesk], clock: { now: () => clock }, zendeskFetch: t.fake.fetch });
    // 120 reviewees: two show_many requests for the first export
    now = new Date('2024-06-03T08:00:00Z');
    for (let i = 0; i < 120; i++) {
      await review(5000 + i, 3000 + i);
      if (i !== 7) t.fake.setPerson(t.account, 5000 + i, personFor('agent', 5000 + i));
    }
    t.fake.setPerson(t.account, 101, { name: '=Mallory', role: 'agent', groupIds: [] });
    const read = async (options: ExportOptions) => {
      const [header, ...rows] = await exported({}, { batch: 7, ...options });
      const col = (name: string) => header!.indexOf(name);
      return new Map(rows.map((r) => [r[col('reviewee_id')]!, { reviewee: r[col('reviewee_name')], reviewer: r[col('reviewer_name')] }]));
    };
    // the HTTP downloads above asked Zendesk through the route: count this test's requests only
    const start = t.fake.calls.length;
    const asked = () =>
      t.fake.calls
        .slice(start)
        .filter((c) => c.includes('/users/show_many.json'))
        .map((c) => decodeURIComponent(c).split('ids=')[1]!.split(','));

    const first = await read({ names });
    expect(first.get('5000')).toEqual({ reviewee: 'Agent 5000', reviewer: 'Reviewer 9' });
    expect(first.get('5119')?.reviewee).toBe('Agent 5119');
    // Zendesk does not know 5007: its name is empty, the row is there
    expect(first.get('5007')).toEqual({ reviewee: '', reviewer: 'Reviewer 9' });
    // a name is user text: a spreadsheet must not run it
    expect(first.get('101')?.reviewee).toBe("'=Mallory");
    // batches of 7 evaluations, yet each id asked once: at most 100 a request, the signed-in reviewers not at all
    const calls = asked();
    expect(calls.every((ids) => ids.length <= 100)).toBe(true);
    expect(calls.flat().sort()).toEqual([...new Set(calls.flat())].sort());
    expect(calls.flat()).not.toContain('9');
    expect(calls.flat()).toEqual(expect.arrayContaining(['101', '102', '200', '5000', '5119']));

    // a second export within the day reads the people table: no request; the stored names alone give the same
    const before = t.fake.calls.length;
    expect(await read({ names })).toEqual(first);
    expect(await read({})).toEqual(first);
    expect(t.fake.calls.length).toBe(before);

    // a day later the names are asked again: a rename shows, a person deleted in Zendesk loses their name
    clock = new Date(clock.getTime() + NAME_TTL_MS + 1000);
    t.fake.setPerson(t.account, 5001, { name: 'Renamed Person', role: 'agent', groupIds: [] });
    t.fake.removePerson(t.account, 5002);
    const later = await read({ names });
    expect(later.get('5001')?.reviewee).toBe('Renamed Person');
    expect(later.get('5002')?.reviewee).toBe('');
    expect(asked().flat().length).toBeGreaterThan(calls.flat().length);
  });

  it('still exports when Zendesk is down: names it had stay, the others are empty, and the log says why', async () => {
    const t = pair[0];
    const logged: string[] = [];
    const logger = { info() {}, warn: (msg: string) => void logged.push(msg), error() {} };
    const names = zendeskNames({ accounts: [t.zendesk], clock: systemClock, zendeskFetch: t.fake.fetch, logger });
    now = new Date('2024-06-10T08:00:00Z');
    for (const revieweeId of [7001, 7002]) {
      await review(revieweeId, 4000 + revieweeId);
      t.fake.setPerson(t.account, revieweeId, personFor('agent', revieweeId));
    }
    t.fake.failWith = 503;
    const before = t.fake.calls.length;
    try {
      const [header, ...rows] = await exported({ from: '2024-06-10' }, { batch: 1, names });
      expect(rows).toHaveLength(4);
      expect(rows.map((r) => [r[header!.indexOf('reviewee_name')], r[header!.indexOf('reviewer_name')]])).toEqual(
        Array(4).fill(['', 'Reviewer 9']),
      );
      // one failed request, then a pause: the next batches do not wait on Zendesk again
      expect(logged).toEqual(['people names: Zendesk unavailable; names left as stored']);
      expect(t.fake.calls.slice(before).filter((c) => c.includes('show_many'))).toHaveLength(1);
    } finally {
      t.fake.failWith = null;
    }
  });

  it('gives an agent only their own work, and refuses bad queries', async () => {
    const own = await download('', 'agent', 102);
    expect(new Set(own.rows.slice(1).map((r) => r[3]))).toEqual(new Set(['102']));
    expect(own.rows).toHaveLength(1 + 4);
    expect((await download('?revieweeId=101', 'agent', 102)).res.status).toBe(403);
    const bad = await download('?from=yesterday');
    expect(bad.res.status).toBe(400);
    expect((await pair[0].app.request('/api/v1/exports/evaluations.csv')).status).toBe(401);
  });
});

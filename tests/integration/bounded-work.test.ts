import { describe, expect, inject, it } from 'vitest';
import { createPgDb, type Db } from '../../src/server/db/db.ts';
import { breakdownReport, rootCauseReport, summaryReport, trendReport } from '../../src/server/services/reports.ts';
import type { PagePolicy } from '../../src/server/limits/batches.ts';
import { exportCsv } from '../../src/server/services/exports.ts';
import { evaluationBody, publishedScorecard, tenants, type Reply } from '../support/db-client.ts';
import { backends, useDb } from '../support/db.ts';
import { seed } from './reports-fixture.ts';

/** Waits (briefly) until `check` holds: requests go through authentication before they reach the gate. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!check()) throw new Error(`never happened: ${what}`);
}

describe.each(backends())('bounded heavy work on $name (decision 018)', (backend) => {
  const db = useDb(backend);

  it('a burst of reports gets 429 with Retry-After beyond the queue, while /healthz, a submit and another account are answered', async () => {
    const [a, b] = tenants(db(), { bounds: { heavy: { perAccount: 1, total: 2, queuePerAccount: 2, retryAfterSeconds: 7 } } });
    const scorecardId = await publishedScorecard(a);
    for (let i = 0; i < 3; i++)
      expect((await a.as('reviewer', 9).post('/evaluations', evaluationBody(scorecardId, { ticketId: 100 + i }))).status).toBe(201);
    const lead = a.as('lead', 2);
    await a.session('lead', 2);
    await b.session('lead', 2);
    const gate = a.app.heavyGate;

    // a download nobody reads yet holds the account's one slot
    const held = await lead.raw('/exports/evaluations.csv');
    expect(held.status).toBe(200);
    expect(gate.stats().byAccount[a.account]).toEqual({ running: 1, waiting: 0 });

    const paths = [
      '/reports/summary',
      '/reports/trend',
      '/reports/breakdown?dimension=criterion',
      '/reports/root-causes',
      '/reports/qa-vs-metrics',
      '/reports/tickets',
      '/reports/coverage',
      '/exports/evaluations.csv',
    ];
    let settled = 0;
    const burst: Array<Promise<Reply>> = paths.map((path) => lead.get(path).finally(() => settled++));
    burst.push(lead.post('/suggestions', { candidates: [] }).finally(() => settled++));
    await until(() => gate.stats().byAccount[a.account]?.waiting === 2 && settled === burst.length - 2, 'two queued, the rest refused');

    // meanwhile the light work of the same account, and another account's reports, go through
    const health = await a.app.request('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', storage: backend.name });
    expect((await a.as('reviewer', 9).post('/evaluations', evaluationBody(scorecardId, { ticketId: 200 }))).status).toBe(201);
    expect((await b.as('lead', 2).get('/reports/summary')).status).toBe(200);

    // reading the download frees the slot: the two queued run, in order
    expect((await held.text()).split('\r\n')).toHaveLength(1 + 3 * 3 + 1);
    const replies = await Promise.all(burst);
    const refused = replies.filter((r) => r.status === 429);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, ...Array(refused.length).fill(429)]);
    expect(refused).toHaveLength(burst.length - 2);
    for (const r of refused) {
      expect(r.headers.get('retry-after')).toBe('7');
      expect(r.body).toEqual({ error: 'too many reports and exports are running for your account: try again in a moment' });
    }
    expect(gate.stats()).toMatchObject({ running: 0, waiting: 0 });
    expect(a.logged.filter((l) => l.startsWith('error'))).toEqual([]);
  });

  it.runIf(backend.name === 'pg')('a statement past statement_timeout answers 503 with Retry-After, never 500', async () => {
    // a heavy pool whose every statement outlasts its timeout: the server itself cancels it (SQLSTATE 57014)
    const slow = await createPgDb(inject('pgUrl')!, { max: 1, statementTimeoutMs: 50 });
    try {
      const heavyDb: Db = { ...slow, query: (() => slow.query('SELECT pg_sleep(2)')) as Db['query'] };
      const [a] = tenants(db(), { bounds: { heavyDb, heavy: { retryAfterSeconds: 4 } } });
      const res = await a.as('lead', 2).get('/reports/summary');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('4');
      expect(res.body).toEqual({ error: 'the database took too long to answer: narrow the filters (a shorter period) or try again later' });
      expect(a.logged.some((l) => l.startsWith('warn statement timed out'))).toBe(true);
      expect(a.logged.filter((l) => l.startsWith('error'))).toEqual([]);
      // the light pool is untouched
      expect((await a.as('lead', 2).get('/scorecards')).status).toBe(200);
      expect(a.app.heavyGate.stats().running).toBe(0);
    } finally {
      await slow.close();
    }
  });

  it('reports read in pages (as on PGlite) equal reports read whole, whatever the page size', async () => {
    let now = new Date();
    const pair = tenants(db(), { clock: { now: () => now } });
    await seed(pair, (d) => (now = d));
    const account = pair[0].account;
    // pages of one or two evaluations: every boundary case of the merge (a reviewee or a cause over several pages)
    const tiny: PagePolicy = { first: 1, min: 1, max: 2, targetMs: 1e-6 };
    // numbers to 12 significant digits: a sum in another order may differ in its last bit
    const round = (x: unknown): unknown =>
      typeof x === 'number'
        ? Number(x.toPrecision(12))
        : Array.isArray(x)
          ? x.map(round)
          : x && typeof x === 'object'
            ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, round(v)]))
            : x;
    // from 10:30 is not day-aligned: summaries and trends then read the evaluations, not the rollup
    const ranged = { from: '2024-03-05T10:30:00Z' };
    const reports: Array<[string, (pages: PagePolicy) => Promise<unknown>]> = [
      ['summary', (pages) => summaryReport(db(), account, ranged, pages)],
      ['summary of one agent', (pages) => summaryReport(db(), account, { revieweeId: 101 }, pages)],
      ['trend', (pages) => trendReport(db(), account, { ...ranged, period: 'week' }, pages)],
      ['by agent', (pages) => breakdownReport(db(), account, { dimension: 'reviewee' }, pages)],
      ['by group', (pages) => breakdownReport(db(), account, { ...ranged, dimension: 'group' }, pages)],
      ['by criterion', (pages) => breakdownReport(db(), account, { dimension: 'criterion' }, pages)],
      ['root causes', (pages) => rootCauseReport(db(), account, {}, pages)],
      ['root causes of one criterion', (pages) => rootCauseReport(db(), account, { criterionId: 'solve' }, pages)],
    ];
    for (const [name, report] of reports) {
      const whole = await report('whole');
      expect(round(await report(tiny)), name).toEqual(round(whole));
    }
    expect(
      ((await breakdownReport(db(), account, { dimension: 'criterion' }, tiny)).rows as Array<{ reviewees: number }>).map(
        (r) => r.reviewees,
      ),
    ).toEqual([2, 2]);
    // the export: the same text in batches sized by time as in fixed ones
    const read = async (batch?: number) => {
      let text = '';
      for await (const chunk of exportCsv(db(), account, {}, { batch: batch ?? { first: 1, min: 1, max: 3, targetMs: 1e-6 } }))
        text += chunk;
      return text;
    };
    expect(await read()).toBe(await read(500));
  });
});

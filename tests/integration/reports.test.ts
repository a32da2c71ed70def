import { beforeAll, describe, expect, it } from 'vitest';
import type { QaRole } from '../../src/core/evaluation.ts';
import type { Breakdown, BreakdownRow, CriterionRow, RootCauses, Summary, Trend } from '../../src/core/reports.ts';
import { wilson } from '../../src/core/stats.ts';
import { foldRollup, rebuildRollup } from '../../src/server/store/reports/rollup.ts';
import { tenants, type Tenant } from '../support/db-client.ts';
import { backends, useDb } from '../support/db.ts';
import { seed, type Seeded } from './reports-fixture.ts';

const T3 = 4.302653; // t(0.975, 2), published
const T2 = 12.7062; // t(0.975, 1)

interface As {
  role?: QaRole;
  user?: number;
  other?: boolean;
}

describe.each(backends())('reports on $name', (backend) => {
  const db = useDb(backend);
  let pair: [Tenant, Tenant];
  let seeded: Seeded;

  beforeAll(async () => {
    let now = new Date();
    pair = tenants(db(), { clock: { now: () => now } });
    seeded = await seed(pair, (d) => (now = d));
  });

  const as = ({ role = 'lead', user = 1, other = false }: As = {}) => pair[other ? 1 : 0].as(role, user);
  const get = async <T>(path: string, who?: As): Promise<T> => {
    const res = await as(who).get(path.replace('/api/v1', ''));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as T;
  };

  it('sums March by hand: 100, 75, 0 (critical), 50', async () => {
    const s = await get<Summary>('/api/v1/reports/summary?from=2024-03-01&to=2024-03-31');
    expect(s.count).toBe(4);
    expect(s.averageScore.value).toBe(56.25);
    expect(s.averageScore.n).toBe(4);
    // s = 42.70, t(3) = 3.182: the interval is wider than the scale, clamped to 0..100
    expect([s.averageScore.low, s.averageScore.high]).toEqual([0, 100]);
    expect(s.passRate).toEqual({ value: 0.25, n: 4, low: expect.closeTo(0.0456, 4), high: expect.closeTo(0.6994, 4) });
    expect(s.criticalFailRate.value).toBe(0.25);
    expect(s.criticalFailRate.n).toBe(4);
  });

  it('leaves out calibration, withdrawn and other accounts, and counts all time', async () => {
    const s = await get<Summary>('/api/v1/reports/summary');
    expect(s.count).toBe(5); // E1-E5
    expect(s.averageScore.value).toBe((100 + 75 + 0 + 50 + 75) / 5);
    const globex = await get<Summary>('/api/v1/reports/summary', { other: true });
    expect(globex.count).toBe(1);
    expect(globex.averageScore.value).toBe(0);
  });

  it('answers the same from the rollup and from the evaluations (a timestamp bound is not day-aligned)', async () => {
    const byDay = await get<Summary>('/api/v1/reports/summary?from=2024-03-01&to=2024-03-13');
    const byInstant = await get<Summary>('/api/v1/reports/summary?from=2024-03-01&to=2024-03-14T00:00:00Z');
    expect(byInstant).toEqual(byDay);
    expect(byDay.count).toBe(4); // E4 at 23:59:59 on the 13th is in
    const before = await get<Summary>('/api/v1/reports/summary?from=2024-03-01&to=2024-03-13T23:59:59Z');
    expect(before.count).toBe(3);
  });

  it('filters by scorecard, group, channel, reviewee and reviewer', async () => {
    const q = (s: string) => get<Summary>(`/api/v1/reports/summary?${s}`);
    expect((await q(`scorecardId=${seeded.scorecardId}`)).count).toBe(5);
    expect((await q('scorecardId=nope')).count).toBe(0);
    expect((await q('groupId=8')).averageScore.value).toBe(62.5); // E4 50, E5 75
    const email = await q('channel=email&to=2024-03-31'); // E1 100, E2 75, E4 50
    expect(email.averageScore.value).toBe(75);
    expect(email.averageScore.low).toBeCloseTo(75 - (T3 * 25) / Math.sqrt(3), 4);
    expect(email.averageScore.high).toBe(100);
    expect((await q('revieweeId=101')).averageScore.value).toBeCloseTo((100 + 75 + 75) / 3, 9);
    expect((await q('reviewerId=10')).count).toBe(1);
    expect((await q('revieweeId=101&from=2024-03-06&to=2024-03-06')).count).toBe(1);
  });

  it('gives an empty figure, not an error, when nothing matches', async () => {
    const s = await get<Summary>('/api/v1/reports/summary?from=2030-01-01');
    expect(s).toEqual({
      count: 0,
      averageScore: { value: null, n: 0, low: null, high: null },
      passRate: { value: null, n: 0, low: null, high: null },
      criticalFailRate: { value: null, n: 0, low: null, high: null },
    });
  });

  it('trends by week (Mondays, empty weeks kept) and by month', async () => {
    const weekly = await get<Trend>('/api/v1/reports/trend?from=2024-03-01&to=2024-03-31&period=week');
    expect(weekly.period).toBe('week');
    expect(weekly.points.map((p) => [p.start, p.count, p.averageScore.value])).toEqual([
      ['2024-02-26', 0, null],
      ['2024-03-04', 2, 87.5],
      ['2024-03-11', 2, 25],
      ['2024-03-18', 0, null],
      ['2024-03-25', 0, null],
    ]);
    const week = weekly.points[1]!;
    // 100 and 75: s/√n = 12.5, t(1) = 12.706: far wider than the scale
    expect(week.averageScore).toEqual({ value: 87.5, n: 2, low: Math.max(0, 87.5 - T2 * 12.5), high: 100 });
    const monthly = await get<Trend>('/api/v1/reports/trend?period=month');
    expect(monthly.points.map((p) => [p.start, p.count])).toEqual([
      ['2024-03-01', 4],
      ['2024-04-01', 1],
    ]);
    expect(monthly.points[1]!.passRate).toEqual(wilson(0, 1));
  });

  it('breaks down by reviewee, group, channel and scorecard, weakest first', async () => {
    const b = (d: string) => get<Breakdown>(`/api/v1/reports/breakdown?dimension=${d}&from=2024-03-01&to=2024-03-31`);
    const rows = async (d: string) => ((await b(d)).rows as BreakdownRow[]).map((r) => [r.key, r.count, r.averageScore.value]);
    expect(await rows('reviewee')).toEqual([
      ['102', 2, 25],
      ['101', 2, 87.5],
    ]);
    expect(await rows('group')).toEqual([
      ['8', 1, 50],
      ['7', 3, 175 / 3],
    ]);
    expect(await rows('channel')).toEqual([
      ['chat', 1, 0],
      ['email', 3, 75],
    ]);
    const cards = await b('scorecard');
    expect(cards.rows).toMatchObject([{ key: seeded.scorecardId, label: 'Email support', count: 4 }]);
    const all = await get<Breakdown>('/api/v1/reports/breakdown?dimension=channel');
    expect(all.rows.find((r) => r.key === '')).toMatchObject({ label: 'none', count: 1 }); // E5 has no channel
  });

  it('breaks down by criterion: average fraction, fail rate, N/A, weakest first', async () => {
    const b = await get<Breakdown>('/api/v1/reports/breakdown?dimension=criterion&from=2024-03-01&to=2024-03-31');
    expect(b.dimension).toBe('criterion');
    const rows = b.rows as CriterionRow[];
    expect(rows.map((r) => r.key)).toEqual(['solve', 'greet']);
    const [solve, greet] = rows;
    // solve: 1, 1, 0, .5
    expect(solve).toMatchObject({
      label: 'Solved',
      scorecardId: seeded.scorecardId,
      count: 4,
      naCount: 0,
      reviewees: 2,
      revieweesFailing: 1,
    });
    expect(solve!.averageFraction.value).toBe(0.625);
    expect(solve!.failRate).toEqual(wilson(1, 4));
    // greet: 1, 0, 1, N/A
    expect(greet).toMatchObject({ label: 'Greeting', count: 3, naCount: 1, pattern: 'too-few', outliers: 0, systemic: false });
    expect(greet!.averageFraction.value).toBeCloseTo(2 / 3, 12);
    expect(greet!.failRate).toEqual(wilson(1, 3));
  });

  it('counts root causes with their kinds', async () => {
    const march = await get<RootCauses>('/api/v1/reports/root-causes?from=2024-03-01&to=2024-03-31');
    expect(march.items).toEqual([
      { cause: 'Bug', kind: 'product-defect', count: 1 },
      { cause: 'Knowledge gap', kind: 'agent-skill', count: 1 },
    ]);
    const greet = await get<RootCauses>('/api/v1/reports/root-causes?criterionId=greet');
    expect(greet.items).toEqual([{ cause: 'Script not followed', kind: 'process', count: 1 }]);
  });

  it('follows amendments and withdrawals at once, folded or not', async () => {
    const before = await get<Summary>('/api/v1/reports/summary?from=2024-03-01&to=2024-03-31');
    const lockVersion = (await as({ role: 'reviewer', user: 9 }).get(`/evaluations/${seeded.ids.E2}`)).body.lockVersion;
    const amended = await as({ role: 'reviewer', user: 9 }).put(`/evaluations/${seeded.ids.E2}`, {
      answers: [
        { criterionId: 'greet', rating: 1 },
        { criterionId: 'solve', rating: 2 },
      ],
      lockVersion,
    });
    expect(amended.status).toBe(200);
    const after = await get<Summary>('/api/v1/reports/summary?from=2024-03-01&to=2024-03-31');
    expect(after.count).toBe(before.count);
    expect(after.averageScore.value).toBe((100 + 100 + 0 + 50) / 4);
    expect(after.passRate.value).toBe(0.5);
    await foldRollup(db());
    expect(await get<Summary>('/api/v1/reports/summary?from=2024-03-01&to=2024-03-31')).toEqual(after);
    const pending = await db().query<{ deltas: number }>('SELECT count(*)::int AS deltas FROM report_daily_delta');
    expect(pending).toEqual([{ deltas: 0 }]);
    // and back, so the other tests keep their figures
    const back = await as({ role: 'reviewer', user: 9 }).put(`/evaluations/${seeded.ids.E2}`, {
      answers: [
        { criterionId: 'greet', rating: 0 },
        { criterionId: 'solve', rating: 2 },
      ],
      lockVersion: amended.body.lockVersion,
    });
    expect(back.status).toBe(200);
    expect(await get<Summary>('/api/v1/reports/summary?from=2024-03-01&to=2024-03-31')).toEqual(before);
  });

  it('rebuilds the rollup from the evaluations to the same figures', async () => {
    const paths = ['/reports/summary', '/reports/trend?period=month', '/reports/breakdown?dimension=group'];
    const before = await Promise.all(paths.map((p) => get(p)));
    await foldRollup(db());
    await db().query('DELETE FROM report_daily WHERE account = $1', [pair[0].account]);
    expect((await get<Summary>('/reports/summary')).count).toBe(0);
    await rebuildRollup(db(), pair[0].account);
    expect(await Promise.all(paths.map((p) => get(p)))).toEqual(before);
  });

  it('shows an agent only their own figures', async () => {
    const own = await get<Summary>('/api/v1/reports/summary', { role: 'agent', user: 101 });
    expect(own.count).toBe(3);
    const asked = await get<Summary>('/api/v1/reports/summary?revieweeId=101', { role: 'agent', user: 101 });
    expect(asked).toEqual(own);
    const other = await as({ role: 'agent', user: 101 }).get('/reports/summary?revieweeId=102');
    expect(other.status).toBe(403);
    const rows = (await get<Breakdown>('/api/v1/reports/breakdown?dimension=reviewee', { role: 'agent', user: 101 })).rows;
    expect(rows.map((r) => r.key)).toEqual(['101']);
    const causes = await get<RootCauses>('/api/v1/reports/root-causes', { role: 'agent', user: 102 });
    expect(causes.items.map((i) => i.cause).sort()).toEqual(['Bug', 'Knowledge gap']);
    const reviewer = await get<Summary>('/api/v1/reports/summary', { role: 'reviewer', user: 9 });
    expect(reviewer.count).toBe(5);
  });

  it('refuses bad queries with path-named issues, and requests without a token', async () => {
    for (const q of ['from=2024-02-30', 'form=2024-03-01', 'groupId=abc', 'period=day']) {
      const res = await as().get(`/reports/trend?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.issues.length, q).toBeGreaterThan(0);
    }
    expect((await as().get('/reports/breakdown')).status).toBe(400); // dimension is required
    const anonymous = await pair[0].app.request('/api/v1/reports/summary');
    expect(anonymous.status).toBe(401);
  });
});

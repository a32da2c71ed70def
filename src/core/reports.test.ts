import { describe, expect, it } from 'vitest';
import {
  Breakdown,
  BreakdownQuery,
  criterionRow,
  dayAligned,
  instantRange,
  periodStart,
  rankDistinct,
  ReportFilters,
  summaryFromSums,
  trendPoints,
  TrendQuery,
  weakestFirst,
  type EvaluationSums,
} from './reports.ts';
import { wilson } from './stats.ts';

describe('report queries', () => {
  it('coerces ids from the query string and defaults the period', () => {
    expect(TrendQuery.parse({ from: '2024-03-01', groupId: '42' })).toEqual({ from: '2024-03-01', groupId: 42, period: 'week' });
  });

  it('refuses unknown keys, bad dates and bad dimensions', () => {
    expect(ReportFilters.safeParse({ form: '2024-03-01' }).success).toBe(false);
    expect(ReportFilters.safeParse({ from: '2024-13-01' }).success).toBe(false);
    expect(ReportFilters.safeParse({ revieweeId: 'abc' }).success).toBe(false);
    expect(BreakdownQuery.safeParse({ dimension: 'ticket' }).success).toBe(false);
  });

  it('turns dates into a half-open range that includes the whole "to" day', () => {
    const r = instantRange({ from: '2024-03-01', to: '2024-03-31' });
    expect(r.from?.toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(r.until?.toISOString()).toBe('2024-04-01T00:00:00.000Z');
    expect(dayAligned(r)).toBe(true);
    expect(dayAligned(instantRange({ to: '2024-03-31T12:00:00Z' }))).toBe(false);
    expect(instantRange({})).toEqual({ from: null, until: null });
  });

  it('starts weeks on Monday and months on the first', () => {
    expect(periodStart('2024-03-03', 'week')).toBe('2024-02-26'); // a Sunday
    expect(periodStart('2024-03-04', 'week')).toBe('2024-03-04'); // a Monday
    expect(periodStart('2024-03-31T23:00:00.000Z', 'month')).toBe('2024-03-01');
  });
});

describe('report math', () => {
  const sums: EvaluationSums = {
    count: 4,
    scored: 3,
    scoreSum: 240,
    scoreSumSq: 100 ** 2 + 80 ** 2 + 60 ** 2,
    passes: 2,
    criticalFails: 1,
  };

  it('makes a summary from SQL sums', () => {
    const s = summaryFromSums(sums);
    expect(s.count).toBe(4);
    expect(s.averageScore.value).toBe(80);
    expect(s.averageScore.n).toBe(3);
    // s = 20, t(0.975, 2) = 4.3027: 80 ± 49.68, clamped to the score's 0..100
    expect(s.averageScore.low).toBeCloseTo(80 - 4.302653 * (20 / Math.sqrt(3)), 4);
    expect(s.averageScore.high).toBe(100);
    expect(s.passRate).toEqual(wilson(2, 3));
    expect(s.criticalFailRate).toEqual(wilson(1, 4));
  });

  it('fills empty periods of a trend', () => {
    const points = trendPoints('week', new Map([['2024-03-11', sums]]), instantRange({ from: '2024-03-01', to: '2024-03-17' }));
    expect(points.map((p) => [p.start, p.count])).toEqual([
      ['2024-02-26', 0],
      ['2024-03-04', 0],
      ['2024-03-11', 4],
    ]);
    expect(points[0]!.averageScore).toEqual({ value: null, n: 0, low: null, high: null });
    expect(trendPoints('month', new Map(), instantRange({}))).toEqual([]);
  });

  it('flags a criterion most agents fail as systemic, and sorts weakest first', () => {
    const base = { rated: 10, na: 1, fractionSumSq: 0, fails: 0, reviewees: 4, revieweesFailing: 0 };
    const tone = criterionRow('email', 'tone', 'Tone', { ...base, fractionSum: 9, fractionSumSq: 8.5, fails: 1, revieweesFailing: 1 });
    const kb = criterionRow('email', 'kb', undefined, { ...base, fractionSum: 4, fractionSumSq: 3, fails: 6, revieweesFailing: 3 });
    expect(kb.systemic).toBe(true);
    expect(tone.systemic).toBe(false);
    expect(tone.averageFraction.value).toBe(0.9);
    expect([tone, kb].sort(weakestFirst).map((r) => r.key)).toEqual(['kb', 'tone']);
    expect(Breakdown.parse({ dimension: 'criterion', rows: [kb] }).rows).toHaveLength(1);
  });

  it('marks ranks that overlap their neighbours', () => {
    expect(rankDistinct([wilson(49, 50), wilson(10, 50), wilson(1, 3)])).toEqual([true, false, false]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  Breakdown,
  BreakdownQuery,
  criterionRow,
  dayAligned,
  failurePattern,
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

  it('makes a criterion row from its reviewees and sorts weakest first', () => {
    const agents = (fails: number[], rated = 10) => fails.map((f) => ({ rated, fails: f }));
    const sums = (fractionSum: number, fractionSumSq: number, byReviewee: Array<{ rated: number; fails: number }>) => ({
      rated: byReviewee.reduce((s, r) => s + r.rated, 0),
      na: 1,
      fractionSum,
      fractionSumSq,
      fails: byReviewee.reduce((s, r) => s + r.fails, 0),
      byReviewee,
    });
    const tone = criterionRow('email', 'tone', 'Tone', sums(45, 42.5, agents([1, 0, 0, 0, 0])));
    const kb = criterionRow('email', 'kb', undefined, sums(20, 15, agents([6, 5, 5, 6, 6])));
    expect(kb).toMatchObject({ reviewees: 5, revieweesFailing: 5, pattern: 'systemic', systemic: true, outliers: 0 });
    expect(kb.commonFailRate).toEqual(wilson(28, 50));
    expect(tone).toMatchObject({ reviewees: 5, revieweesFailing: 1, pattern: 'none', systemic: false });
    expect(tone.averageFraction.value).toBe(0.9);
    expect([tone, kb].sort(weakestFirst).map((r) => r.key)).toEqual(['kb', 'tone']);
    expect(Breakdown.parse({ dimension: 'criterion', rows: [kb] }).rows).toHaveLength(1);
  });

  it('marks most agents failing at least once as no pattern when the fail rate is low (the old rule flagged it)', () => {
    // 5 agents, 20 answers each, each failed once or twice: 7 of 100
    expect(failurePattern([1, 2, 1, 2, 1].map((fails) => ({ rated: 20, fails }))).pattern).toBe('none');
  });

  it('marks ranks that overlap their neighbours', () => {
    expect(rankDistinct([wilson(49, 50), wilson(10, 50), wilson(1, 3)])).toEqual([true, false, false]);
  });
});

describe('the systemic-or-individual rule, at its boundaries', () => {
  const team = (fails: number[], rated = 20) => fails.map((f) => ({ rated, fails: f }));

  it('needs 30 rated answers from 5 agents', () => {
    expect(failurePattern(team([6, 6, 6, 6, 6], 6)).pattern).toBe('systemic'); // 30 answers, all failed
    expect(failurePattern([...team([6, 6, 6, 6], 6), { rated: 5, fails: 5 }]).pattern).toBe('too-few'); // 29
    expect(failurePattern(team([10, 10, 10, 10], 10)).pattern).toBe('too-few'); // 4 agents
    // agents without a rated answer do not count
    expect(failurePattern([...team([10, 10, 10, 10], 10), { rated: 0, fails: 0 }]).pattern).toBe('too-few');
    expect(failurePattern([]).pattern).toBe('too-few');
  });

  it('calls it systemic when the 95% lower bound of the common fail rate reaches 15%', () => {
    // 100 answers: 22 fails has a Wilson lower bound of 0.1500, 21 of 0.1417
    const at = failurePattern(team([5, 5, 4, 4, 4]));
    expect(at.commonFailRate.low).toBeGreaterThanOrEqual(0.15);
    expect(at).toMatchObject({ pattern: 'systemic', outliers: 0 });
    const below = failurePattern(team([5, 4, 4, 4, 4]));
    expect(below.commonFailRate.low).toBeLessThan(0.15);
    expect(below.pattern).toBe('none');
  });

  it('calls it individual when an agent fails improbably often at the team rate (binomial, Bonferroni over agents)', () => {
    // 5 agents x 10: one with 6 fails, the others 1 each; P(X >= 6 | 10, 0.2) = 0.0064 < 0.05 / 5
    const one = failurePattern(team([6, 1, 1, 1, 1], 10));
    expect(one).toMatchObject({ pattern: 'individual', outliers: 1, outlierIds: [] });
    // named when the reviewees have ids
    const named = failurePattern([6, 1, 1, 1, 1].map((fails, i) => ({ id: 101 + i, rated: 10, fails })));
    expect(named).toMatchObject({ outliers: 1, outlierIds: [101] });
    expect(one.commonFailRate).toEqual(wilson(4, 40));
    // 5 fails: P(X >= 5 | 10, 0.18) = 0.021, not below 0.01: no evidence either way
    expect(failurePattern(team([5, 1, 1, 1, 1], 10))).toMatchObject({ pattern: 'none', outliers: 0 });
  });

  it('stays systemic when the others fail often too, and counts the outliers', () => {
    const both = failurePattern([{ rated: 20, fails: 18 }, ...team([6, 6, 5, 6, 6, 5])]);
    expect(both).toMatchObject({ pattern: 'systemic', outliers: 1 });
    expect(both.commonFailRate).toEqual(wilson(34, 120));
  });

  it('finds no outlier when no one or everyone fails', () => {
    expect(failurePattern(team([0, 0, 0, 0, 0]))).toMatchObject({ pattern: 'none', outliers: 0 });
    expect(failurePattern(team([20, 20, 20, 20, 20]))).toMatchObject({ pattern: 'systemic', outliers: 0 });
  });
});

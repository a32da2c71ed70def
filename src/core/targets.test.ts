import { describe, expect, it } from 'vitest';
import type { EvaluationSums } from './reports.ts';
import { TargetCreate, targetProgress } from './targets.ts';

const sums = (scores: number[], passes = 0): EvaluationSums => ({
  count: scores.length,
  scored: scores.length,
  scoreSum: scores.reduce((s, x) => s + x, 0),
  scoreSumSq: scores.reduce((s, x) => s + x * x, 0),
  passes,
  criticalFails: 0,
});
const NONE = sums([]);

describe('targetProgress', () => {
  it('measures the way from the baseline to the target', () => {
    // baseline mean 70, now mean 85, target 90: 15 of 20 points = 0.75
    const p = targetProgress({ metric: 'average-score', value: 90 }, sums([80, 90]), sums([60, 80]), false);
    expect(p.current.value).toBe(85);
    expect(p.baseline.value).toBe(70);
    expect(p.progress).toBe(0.75);
    expect(p.certain).toBe(false); // two reviews: the interval easily spans 90
    expect(p.state).toBe('unclear'); // so it is not yet clear, not "behind"
  });

  it('is behind only when the whole interval is below the target', () => {
    const low = sums(Array.from({ length: 40 }, (_, i) => (i % 2 ? 70 : 72)));
    const p = targetProgress({ metric: 'average-score', value: 90 }, low, NONE, false);
    expect(p.current.high).toBeLessThan(90);
    expect(p).toMatchObject({ state: 'behind', certain: true });
    // below the target, but the interval reaches it: not yet clear
    const few = targetProgress({ metric: 'average-score', value: 75 }, sums([60, 80, 70]), NONE, false);
    expect(few.current.value).toBeLessThan(75);
    expect(few.current.high).toBeGreaterThanOrEqual(75);
    expect(few).toMatchObject({ state: 'unclear', certain: false });
  });

  it('is achieved or missed once due, on-track before, and certain only when the interval clears the target', () => {
    const many = sums(Array.from({ length: 40 }, (_, i) => (i % 2 ? 96 : 98)));
    expect(targetProgress({ metric: 'average-score', value: 90 }, many, NONE, true)).toMatchObject({
      state: 'achieved',
      certain: true,
      progress: null,
    });
    expect(targetProgress({ metric: 'average-score', value: 99 }, many, NONE, true)).toMatchObject({ state: 'missed', certain: true });
    expect(targetProgress({ metric: 'average-score', value: 90 }, many, NONE, false).state).toBe('on-track');
    expect(targetProgress({ metric: 'average-score', value: 90 }, NONE, NONE, true).state).toBe('no-data');
  });

  it('uses the pass rate as a share with a Wilson interval', () => {
    const p = targetProgress({ metric: 'pass-rate', value: 0.8 }, sums([90, 90, 90, 50], 3), sums([50, 50], 0), false);
    expect(p.current.value).toBe(0.75);
    expect(p.current.low).toBeCloseTo(0.3006, 3); // Wilson 3 of 4
    expect(p.progress).toBeCloseTo(0.75 / 0.8, 12);
  });
});

describe('TargetCreate', () => {
  it('refuses a pass rate above 1 and a due date before the start', () => {
    const r = TargetCreate.safeParse({
      subject: 'agent',
      subjectId: 5,
      metric: 'pass-rate',
      value: 90,
      startsOn: '2026-03-10',
      dueOn: '2026-03-01',
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['value', 'dueOn']);
  });
});

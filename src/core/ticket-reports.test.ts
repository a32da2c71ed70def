import { describe, expect, it } from 'vitest';
import { foldQaMetrics, type QaMetricCell } from './ticket-reports.ts';

const cell = (
  csat: QaMetricCell['csat'],
  result: QaMetricCell['result'],
  scores: number[],
  frt: number[],
  over: Partial<QaMetricCell> = {},
): QaMetricCell => ({
  csat,
  result,
  count: scores.length,
  scored: scores.length,
  scoreSum: scores.reduce((s, x) => s + x, 0),
  scoreSumSq: scores.reduce((s, x) => s + x * x, 0),
  passes: result === 'passed' ? scores.length : 0,
  criticalFails: 0,
  frtN: frt.length,
  frtSum: frt.reduce((s, x) => s + x, 0),
  frtSq: frt.reduce((s, x) => s + x * x, 0),
  resN: 0,
  resSum: 0,
  resSq: 0,
  reopenN: scores.length,
  reopened: 0,
  csatN: csat === 'none' ? 0 : scores.length,
  csatGood: csat === 'good' ? scores.length : 0,
  ...over,
});

describe('foldQaMetrics', () => {
  it('sums one scan into QA by CSAT and ticket numbers by QA result', () => {
    const folded = foldQaMetrics([
      cell('good', 'passed', [90, 100], [10, 20]),
      cell('good', 'failed', [40], [60], { reopened: 1 }),
      cell('bad', 'passed', [85], [30]),
      cell('none', 'none', [], []),
    ]);
    expect(folded.byCsat.map((b) => [b.csat, b.summary.count, b.summary.averageScore.value, b.summary.passRate.value])).toEqual([
      ['bad', 1, 85, 1],
      ['good', 3, 230 / 3, 2 / 3],
      ['none', 0, null, null],
    ]);
    const passed = folded.byResult.find((r) => r.result === 'passed')!.metrics;
    expect(passed.firstReplyMinutes.value).toBe(20); // (10 + 20 + 30) / 3
    expect(passed.csatGoodRate).toMatchObject({ value: 2 / 3, n: 3 });
    const failed = folded.byResult.find((r) => r.result === 'failed')!.metrics;
    expect(failed.reopenRate).toMatchObject({ value: 1, n: 1 });
    expect(folded.byResult.map((r) => r.result)).toEqual(['passed', 'failed']);
  });
});

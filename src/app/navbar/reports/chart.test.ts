import { describe, expect, it } from 'vitest';
import { bandPath, linePath, linearScale, niceTicks, READABLE_N, scoreAxis, tooFew, xLabels } from './chart.ts';

describe('chart geometry', () => {
  it('maps a domain onto a range, inverted for the y axis', () => {
    const y = linearScale([0, 100], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(75)).toBe(50);
    expect(linearScale([5, 5], [0, 10])(5)).toBe(0); // empty domain does not divide by zero
  });

  it('tops a score axis at 100, or at the round tick above the highest score shown (bonus)', () => {
    expect(scoreAxis([55, null, 98.2])).toEqual({ domain: [0, 100], ticks: [0, 50, 100] });
    expect(scoreAxis([]).domain).toEqual([0, 100]);
    expect(scoreAxis([101, 96])).toEqual({ domain: [0, 120], ticks: [0, 20, 40, 60, 80, 100, 120] });
    expect(scoreAxis([80, 117.5, null]).domain).toEqual([0, 120]);
    expect(scoreAxis([120]).domain).toEqual([0, 120]); // already on a tick
    expect(scoreAxis([640])).toEqual({ domain: [0, 800], ticks: [0, 200, 400, 600, 800] });
  });

  it('picks round ticks', () => {
    expect(niceTicks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0, 1, 4)).toEqual([0, 0.5, 1]); // raw step 0.25 rounds up to 0.5
    expect(niceTicks(62, 91)).toEqual([70, 80, 90]); // raw step 5.8 rounds up to 10
  });

  it('breaks the line at missing points and closes bands per run', () => {
    expect(
      linePath([
        { x: 0, y: 10 },
        { x: 10, y: 20 },
        { x: 20, y: null },
        { x: 30, y: 5 },
      ]),
    ).toBe('M0,10L10,20M30,5');
    expect(
      bandPath([
        { x: 0, low: 1, high: 3 },
        { x: 10, low: 2, high: 4 },
        { x: 20, low: null, high: null },
      ]),
    ).toBe('M0,3L10,4L10,2L0,1Z');
  });

  it('labels the first and the last period, anchored inside the chart, and never crowds the last', () => {
    expect(xLabels(0)).toEqual([]);
    expect(xLabels(1)).toEqual([{ i: 0, anchor: 'start' }]);
    expect(xLabels(4)).toEqual([
      { i: 0, anchor: 'start' },
      { i: 1, anchor: 'middle' },
      { i: 2, anchor: 'middle' },
      { i: 3, anchor: 'end' },
    ]);
    // 14 weeks, every second: 12 would sit next to 13, the last, so it goes
    expect(xLabels(14).map((l) => l.i)).toEqual([0, 2, 4, 6, 8, 10, 13]);
    expect(xLabels(13).map((l) => l.i)).toEqual([0, 2, 4, 6, 8, 10, 12]);
    for (let count = 2; count < 60; count++) {
      const labels = xLabels(count);
      expect(labels.at(-1)).toEqual({ i: count - 1, anchor: 'end' });
      expect(labels.length).toBeLessThanOrEqual(9);
    }
  });

  it('fades periods with evaluations but fewer than the readable minimum', () => {
    expect(READABLE_N).toBe(10);
    expect([0, 1, 9, 10, 50].map(tooFew)).toEqual([false, true, true, false, false]);
  });
});

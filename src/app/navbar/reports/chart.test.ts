import { describe, expect, it } from 'vitest';
import { bandPath, linePath, linearScale, niceTicks } from './chart.ts';

describe('chart geometry', () => {
  it('maps a domain onto a range, inverted for the y axis', () => {
    const y = linearScale([0, 100], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(75)).toBe(50);
    expect(linearScale([5, 5], [0, 10])(5)).toBe(0); // empty domain does not divide by zero
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
});

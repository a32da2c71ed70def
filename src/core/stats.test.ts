import { describe, expect, it } from 'vitest';
import { binomialAtLeast, distinguishable, krippendorffAlpha, mean, meanFromSums, tCdf, tQuantile, wilson, Z95 } from './stats.ts';
import { krippendorff2011Units } from './test-kit.ts';

describe('wilson', () => {
  // Newcombe 1998, "Two-sided confidence intervals for the single proportion", Table I, method 3
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i is [%f, %f]', (x, n, low, high) => {
    const f = wilson(x, n);
    expect(f.value).toBeCloseTo(x / n, 12);
    expect(f.n).toBe(n);
    expect(f.low).toBeCloseTo(low, 4);
    expect(f.high).toBeCloseTo(high, 4);
  });

  it('stays inside [0, 1] at the extremes and is symmetric', () => {
    const none = wilson(0, 10);
    const all = wilson(10, 10);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.2775, 4);
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(1 - none.high!, 12);
  });

  it('has no figure for n = 0', () => {
    expect(wilson(0, 0)).toEqual({ value: null, n: 0, low: null, high: null });
  });
});

describe('tQuantile', () => {
  // published two-sided 95% (and 99%) critical values of Student's t
  it.each([
    [0.975, 1, 12.706],
    [0.975, 2, 4.303],
    [0.975, 5, 2.571],
    [0.975, 9, 2.262],
    [0.975, 10, 2.228],
    [0.975, 30, 2.042],
    [0.975, 100, 1.984],
    [0.995, 5, 4.032],
    [0.95, 20, 1.725],
  ])('t(%f, %i) = %f', (p, df, t) => {
    expect(tQuantile(p, df)).toBeCloseTo(t, 3);
  });

  it('has closed forms at df 1 and 2 and tends to the normal quantile', () => {
    expect(tQuantile(0.975, 1)).toBeCloseTo(Math.tan(Math.PI * (0.975 - 0.5)), 9);
    const p = 0.9;
    expect(tQuantile(p, 2)).toBeCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 9);
    expect(tQuantile(0.975, 1e7)).toBeCloseTo(Z95, 5);
  });

  it('is antisymmetric and inverts the CDF', () => {
    expect(tQuantile(0.025, 7)).toBeCloseTo(-tQuantile(0.975, 7), 12);
    expect(tQuantile(0.5, 3)).toBe(0);
    expect(tCdf(tQuantile(0.8, 4), 4)).toBeCloseTo(0.8, 10);
  });

  it('inverts the CDF to 1e-10 from df 0.5 to a million, centre to far tail', () => {
    for (const p of [0.5000001, 0.6, 0.9, 0.975, 0.995, 0.9999999]) {
      for (let df = 0.5; df < 2e6; df *= 1.9) expect(Math.abs(tCdf(tQuantile(p, df), df) - p), `p=${p} df=${df}`).toBeLessThan(1e-10);
    }
  });

  it('refuses p outside (0, 1)', () => {
    expect(() => tQuantile(1, 3)).toThrow(RangeError);
    expect(() => tQuantile(0.5, 0)).toThrow(RangeError);
  });
});

describe('mean', () => {
  it('uses the t interval: 1..10 is 5.5 ± t(9) · s/√n', () => {
    const f = mean([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const half = 2.262157 * (Math.sqrt(55 / 6) / Math.sqrt(10)); // s² = 9.1667
    expect(f.value).toBe(5.5);
    expect(f.n).toBe(10);
    expect(f.low).toBeCloseTo(5.5 - half, 5);
    expect(f.high).toBeCloseTo(5.5 + half, 5);
  });

  it('gives no interval below two values, and none at all for none', () => {
    expect(mean([80])).toEqual({ value: 80, n: 1, low: null, high: null });
    expect(mean([])).toEqual({ value: null, n: 0, low: null, high: null });
  });

  it('agrees with the sums form and clamps to bounds', () => {
    const values = [100, 100, 90, 0];
    const sums = meanFromSums(4, 290, 100 ** 2 * 2 + 90 ** 2, { min: 0, max: 100 });
    expect(sums).toEqual(mean(values, { min: 0, max: 100 }));
    expect(sums.high).toBe(100);
    expect(sums.low).toBe(0);
  });

  it('survives cancellation when all values are equal', () => {
    const f = meanFromSums(1_000_000, 1_000_000 * 83.3, 1_000_000 * 83.3 * 83.3);
    expect(f.value).toBeCloseTo(83.3, 9);
    expect(f.low).toBeCloseTo(83.3, 6);
    expect(f.high).toBeCloseTo(83.3, 6);
  });
});

describe('distinguishable', () => {
  it('needs both intervals, not overlapping', () => {
    expect(distinguishable({ low: 0.1, high: 0.3 }, { low: 0.31, high: 0.5 })).toBe(true);
    expect(distinguishable({ low: 0.31, high: 0.5 }, { low: 0.1, high: 0.3 })).toBe(true);
    expect(distinguishable({ low: 0.1, high: 0.35 }, { low: 0.31, high: 0.5 })).toBe(false);
    expect(distinguishable({ low: null, high: null }, { low: 0.31, high: 0.5 })).toBe(false);
  });

  it('marks three reviews as indistinguishable from a strong record', () => {
    expect(distinguishable(wilson(1, 3), wilson(45, 50))).toBe(false);
    expect(distinguishable(wilson(10, 50), wilson(45, 50))).toBe(true);
  });
});

describe('binomialAtLeast', () => {
  it('is the exact upper tail of the binomial distribution', () => {
    expect(binomialAtLeast(10, 10, 0.5)).toBeCloseTo(1 / 1024, 14);
    // P(X >= 2 | 4, 0.5) = (6 + 4 + 1) / 16
    expect(binomialAtLeast(2, 4, 0.5)).toBeCloseTo(11 / 16, 12);
    // P(X >= 1 | 3, 0.2) = 1 - 0.8^3
    expect(binomialAtLeast(1, 3, 0.2)).toBeCloseTo(1 - 0.8 ** 3, 12);
  });

  it('is 1 for no failures, 0 beyond n or at p = 0, 1 at p = 1', () => {
    expect(binomialAtLeast(0, 5, 0.1)).toBe(1);
    expect(binomialAtLeast(6, 5, 0.9)).toBe(0);
    expect(binomialAtLeast(1, 5, 0)).toBe(0);
    expect(binomialAtLeast(5, 5, 1)).toBe(1);
  });
});

describe('krippendorffAlpha', () => {
  // Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", section C (see test-kit.ts).
  // Published: nominal .743, ordinal .815, interval .849, ratio .797.
  const units = krippendorff2011Units();

  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ] as const)('%s alpha is %f on the published example', (level, alpha) => {
    const result = krippendorffAlpha(units, level);
    expect(result.alpha).toBeCloseTo(alpha, 3);
    expect(result.units).toBe(11); // unit 12 has one value and is dropped
    expect(result.values).toBe(40);
  });

  it('gives 1 for perfect agreement and null when nothing varies or nothing pairs', () => {
    expect(
      krippendorffAlpha(
        [
          [1, 1],
          [2, 2],
          [3, 3],
        ],
        'ordinal',
      ).alpha,
    ).toBe(1);
    expect(
      krippendorffAlpha(
        [
          [2, 2],
          [2, 2],
        ],
        'nominal',
      ).alpha,
    ).toBeNull();
    expect(krippendorffAlpha([[1], [2, null]], 'interval')).toEqual({
      alpha: null,
      units: 0,
      values: 0,
      undefinedBecause: 'too-few-units',
    });
  });

  it('is undefined, with the reason, from one unit (where the formula gives 0 whatever the values) or without variation', () => {
    // one criterion in one session: three reviewers, two values
    expect(krippendorffAlpha([[1, 0, 1]], 'ordinal')).toEqual({ alpha: null, units: 1, values: 3, undefinedBecause: 'too-few-units' });
    expect(krippendorffAlpha([[1, 1], [0]], 'ordinal')).toMatchObject({ alpha: null, undefinedBecause: 'too-few-units' });
    expect(
      krippendorffAlpha(
        [
          [1, 1],
          [1, 1, null],
        ],
        'ordinal',
      ),
    ).toEqual({ alpha: null, units: 2, values: 4, undefinedBecause: 'no-variation' });
    // two units are enough for a number, and a defined alpha has no reason
    expect(
      krippendorffAlpha(
        [
          [1, 0],
          [1, 1],
        ],
        'nominal',
      ),
    ).not.toHaveProperty('undefinedBecause');
    expect(
      krippendorffAlpha(
        [
          [1, 0],
          [1, 1],
        ],
        'nominal',
      ).alpha,
    ).toEqual(expect.any(Number));
  });

  it('goes below zero for systematic disagreement', () => {
    expect(
      krippendorffAlpha(
        [
          [0, 1],
          [1, 0],
          [0, 1],
          [1, 0],
        ],
        'nominal',
      ).alpha!,
    ).toBeLessThan(0);
  });

  it('treats ordinal values by rank, not distance', () => {
    // the same ranks with stretched values: ordinal unchanged, interval changes
    const a = [
      [1, 2],
      [2, 3],
      [3, 3],
      [1, 1],
    ];
    const b = a.map((u) => u.map((v) => (v === 3 ? 30 : v)));
    expect(krippendorffAlpha(b, 'ordinal').alpha).toBeCloseTo(krippendorffAlpha(a, 'ordinal').alpha!, 12);
    expect(krippendorffAlpha(b, 'interval').alpha).not.toBeCloseTo(krippendorffAlpha(a, 'interval').alpha!, 3);
  });
});

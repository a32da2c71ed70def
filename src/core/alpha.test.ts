import { describe, expect, it } from 'vitest';
import {
  ALPHA_BOOTSTRAP_RESAMPLES,
  AlphaEstimate,
  alphaLevelForScale,
  codeRatings,
  criterionAgreement,
  krippendorffAlphaInterval,
  krippendorffAlphaOfRatings,
} from './alpha.ts';
import { seededRandom } from './random.ts';
import { krippendorff2011Units } from './test-kit.ts';

// Krippendorff 2011's example data: nominal .743, ordinal .815, interval .849
const units = krippendorff2011Units();

describe('krippendorffAlphaInterval', () => {
  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
  ] as const)('keeps the published %s alpha and puts it inside a stable interval', (level, alpha) => {
    const result = krippendorffAlphaInterval(units, level);
    expect(result.alpha).toBeCloseTo(alpha, 3);
    expect(result.units).toBe(11);
    expect(result.resamples).toBe(ALPHA_BOOTSTRAP_RESAMPLES);
    expect(result.defined).toBeGreaterThan(990);
    expect(result.low!).toBeLessThan(result.alpha!);
    expect(result.high!).toBeGreaterThanOrEqual(result.alpha!);
    expect(result.high!).toBeLessThanOrEqual(1);
    expect(krippendorffAlphaInterval(units, level)).toEqual(result);
    expect(AlphaEstimate.parse(result)).toEqual(result);
  });

  it('depends on the seed only through the resamples', () => {
    const a = krippendorffAlphaInterval(units, 'ordinal', { seed: 7, resamples: 200 });
    const b = krippendorffAlphaInterval(units, 'ordinal', { seed: 8, resamples: 200 });
    expect(a.alpha).toBe(b.alpha);
    expect(a.low).not.toBe(b.low);
    expect(Math.abs(a.low! - b.low!)).toBeLessThan(0.1);
  });

  it('is [1, 1] for perfect agreement and undefined with the reason where alpha is', () => {
    const perfect = krippendorffAlphaInterval(
      [
        [1, 1],
        [2, 2],
        [3, 3],
      ],
      'ordinal',
      { resamples: 100 },
    );
    expect(perfect).toMatchObject({ alpha: 1, low: 1, high: 1, resamples: 100 });
    // a resample of only one unit's value loses all variation and is left out
    expect(perfect.defined).toBeLessThan(100);
    expect(krippendorffAlphaInterval([[1, 2]], 'nominal')).toEqual({
      alpha: null,
      units: 1,
      values: 2,
      undefinedBecause: 'too-few-units',
      low: null,
      high: null,
      resamples: 0,
      defined: 0,
    });
    expect(
      krippendorffAlphaInterval(
        [
          [2, 2],
          [2, 2],
        ],
        'nominal',
      ),
    ).toMatchObject({ alpha: null, undefinedBecause: 'no-variation', low: null, high: null });
  });

  it('draws uniformly from its seeded generator', () => {
    const random = seededRandom(42);
    const draws = Array.from({ length: 10000 }, random);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.reduce((s, x) => s + x, 0) / draws.length).toBeCloseTo(0.5, 1);
    expect(seededRandom(42)()).toBe(draws[0]);
  });
});

describe('alpha from labels and scales', () => {
  it('codes labels in the given order and reproduces the published alphas', () => {
    const names = ['one', 'two', 'three', 'four', 'five'];
    const labelled = units.map((unit) => unit.map((v) => (v === null || v === undefined ? v : names[v - 1])));
    expect(krippendorffAlphaOfRatings(labelled, 'ordinal', names).alpha).toBeCloseTo(0.815, 3);
    expect(krippendorffAlphaOfRatings(labelled, 'nominal', names).alpha).toBeCloseTo(0.743, 3);
    expect(codeRatings([['b', null, 'a']])).toEqual([[1, null, 0]]);
    expect(() => codeRatings([['a', 'z']], ['a', 'b'])).toThrow(RangeError);
  });

  it('is ordinal for ordered options and nominal where options share a fraction', () => {
    expect(alphaLevelForScale({ preset: '5-point' })).toBe('ordinal');
    expect(alphaLevelForScale({ preset: 'binary' })).toBe('ordinal');
    expect(
      alphaLevelForScale({
        options: [
          { label: 'Refund', fraction: 1 },
          { label: 'Replacement', fraction: 1 },
          { label: 'Nothing', fraction: 0 },
        ],
      }),
    ).toBe('nominal');
  });

  it('is interval for points and percent (a typed amount), nominal for choices (unordered labels)', () => {
    expect(alphaLevelForScale({ points: 10 })).toBe('interval');
    expect(alphaLevelForScale({ percent: true })).toBe('interval');
    expect(alphaLevelForScale({ choices: ['Yes', 'No', 'Partial'] })).toBe('nominal');
  });

  it('rates a criterion by its option labels, ordered by fraction', () => {
    const scale = {
      options: [
        { label: 'Good', fraction: 1 },
        { label: 'Poor', fraction: 0 },
        { label: 'Fair', fraction: 0.5 },
      ],
    };
    const names = ['Poor', 'Fair', 'Good', 'Good', 'Good'];
    const labelled = units.map((unit) => unit.map((v) => (v === null || v === undefined ? v : names[v - 1]!)));
    const byLabel = criterionAgreement(labelled, scale, { resamples: 50 });
    const byCode = krippendorffAlphaInterval(
      units.map((unit) => unit.map((v) => (v === null || v === undefined ? v : [0, 1, 2, 2, 2][v - 1]!))),
      'ordinal',
      { resamples: 50 },
    );
    expect(byLabel).toEqual({ ...byCode, level: 'ordinal' });
  });
});

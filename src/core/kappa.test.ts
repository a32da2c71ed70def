import { describe, expect, it } from 'vitest';
import { cohenKappa, cohenKappaFromTable, fleissKappa, fleissKappaFromCounts, fleissKappaInterval, Kappa, kappaWeight } from './kappa.ts';
import { Z95 } from './stats.ts';

describe('cohenKappa', () => {
  // Wikipedia, "Cohen's kappa", worked example: 50 proposals, 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: kappa 0.40
  it('reproduces the 50-item yes/no example', () => {
    const result = cohenKappaFromTable([
      [20, 5],
      [10, 15],
    ]);
    expect(result.kappa).toBeCloseTo(0.4, 3);
    expect(result.n).toBe(50);
    expect(result.reason).toBeUndefined();
  });

  // SAS PROC FREQ output for this 3 × 3 table, as quoted in statsmodels' inter-rater tests: kappa .4842, ASE .1380, 95% CI .2137–.7547, ASE under
  // H0 .1484; weighted (Cicchetti-Allison, i.e. linear) .4701, ASE .1457, CI .1845–.7558, ASE under H0 .1426
  const sas = [
    [0, 4, 1],
    [0, 8, 0],
    [0, 1, 5],
  ];
  it.each([
    ['unweighted', 0.4842, 0.138, 0.2137, 0.7547, 0.1484],
    ['linear', 0.4701, 0.1457, 0.1845, 0.7558, 0.1426],
  ] as const)('reproduces the SAS agreement example, %s', (weights, kappa, se, low, high, se0) => {
    const result = cohenKappaFromTable(sas, weights);
    expect(result.kappa).toBeCloseTo(kappa, 4);
    expect(result.se).toBeCloseTo(se, 4);
    expect(result.low).toBeCloseTo(low, 4);
    expect(result.high).toBeCloseTo(high, 4);
    expect(result.seUnderNull).toBeCloseTo(se0, 4);
  });

  // R package irr, data(anxiety), kappa2(anxiety[, 2:3], weight): unweighted -0.006289308 (z -0.0604067),
  // "equal" (linear) 0.1459075 (z 1.282472), "squared" (quadratic) 0.2520325 (z 1.437451); categories as used
  const rater2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4];
  const rater3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2];
  it.each([
    ['unweighted', -0.006289308, -0.0604067],
    ['linear', 0.1459075, 1.282472],
    ['quadratic', 0.2520325, 1.437451],
  ] as const)('reproduces irr on the anxiety ratings, %s', (weights, kappa, z) => {
    const result = cohenKappa(rater2, rater3, { weights });
    expect(result.kappa).toBeCloseTo(kappa, 5);
    expect(result.kappa! / result.seUnderNull!).toBeCloseTo(z, 4);
    expect(result.n).toBe(20);
  });

  // Maple EssayTools QuadraticWeightedKappa help page, examples 1 and 2 (categories from the lowest to the highest
  // score given, 1..10): 0.758620689655172 and 0.438095238095238
  it.each([
    [[8, 8, 6, 6, 7, 6, 1, 4, 8], 0.758620689655172],
    [[3, 5, 6, 6, 7, 6, 1, 4, 8], 0.438095238095238],
  ])('reproduces the essay-scoring quadratic kappa against %j', (second, kappa) => {
    const scores = Array.from({ length: 10 }, (_v, i) => i + 1);
    expect(cohenKappa([9, 7, 8, 7, 6, 8, 3, 5, 10], second, { weights: 'quadratic', categories: scores }).kappa).toBeCloseTo(kappa, 9);
  });

  it('takes labels in a given order and drops items either rater left', () => {
    const order = ['Poor', 'Fair', 'Good'];
    const a = ['Poor', 'Fair', 'Good', 'Good', null, 'Fair'];
    const b = ['Poor', 'Good', 'Good', 'Fair', 'Poor', undefined];
    const byIndex = cohenKappa([0, 1, 2, 2], [0, 2, 2, 1], { weights: 'quadratic', categories: [0, 1, 2] });
    const byLabel = cohenKappa(a, b, { weights: 'quadratic', categories: order });
    expect(byLabel).toEqual(byIndex);
    expect(byLabel.n).toBe(4);
    expect(() => cohenKappa(['Poor'], ['Great'], { categories: order })).toThrow(RangeError);
  });

  it('is 1 for perfect agreement and undefined without items or variation', () => {
    const perfect = cohenKappa([1, 2, 3], [1, 2, 3], { weights: 'linear' });
    expect(perfect.kappa).toBe(1);
    expect(perfect.se).toBe(0);
    expect(cohenKappa([1], [1])).toMatchObject({ kappa: null, n: 1, reason: 'too-few-items' });
    expect(cohenKappa([], [])).toMatchObject({ kappa: null, n: 0, reason: 'too-few-items' });
    expect(cohenKappa(['Yes', 'Yes', 'Yes'], ['Yes', 'Yes', 'Yes'], { categories: ['No', 'Yes'] })).toEqual({
      kappa: null,
      n: 3,
      se: null,
      seUnderNull: null,
      low: null,
      high: null,
      reason: 'no-variation',
    });
  });

  it('keeps the interval within [-1, 1] and matches its schema', () => {
    const nearlyPerfect = cohenKappaFromTable([
      [9, 1],
      [0, 10],
    ]);
    expect(nearlyPerfect.kappa).toBeCloseTo(0.9, 12);
    expect(nearlyPerfect.kappa! + Z95 * nearlyPerfect.se!).toBeGreaterThan(1);
    expect(nearlyPerfect.high).toBe(1);
    expect(Kappa.parse(nearlyPerfect)).toEqual(nearlyPerfect);
  });

  it('weights from 1 on the diagonal to 0 at the far corner', () => {
    expect(kappaWeight(0, 4, 5, 'linear')).toBe(0);
    expect(kappaWeight(1, 2, 5, 'linear')).toBeCloseTo(0.75, 12);
    expect(kappaWeight(1, 2, 5, 'quadratic')).toBeCloseTo(0.9375, 12);
    expect(kappaWeight(2, 2, 5, 'quadratic')).toBe(1);
    expect(kappaWeight(1, 2, 5, 'unweighted')).toBe(0);
  });
});

describe('fleissKappa', () => {
  // Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories: kappa 0.210
  it('reproduces the 10-subject, 14-rater example', () => {
    const counts = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    const result = fleissKappaFromCounts(counts);
    expect(result.kappa).toBeCloseTo(0.21, 3);
    expect(result.n).toBe(10);
  });

  // Fleiss 1971, psychiatric diagnoses of 30 patients by 6 psychiatrists in 5 categories: kappa 0.430 (R irr
  // kappam.fleiss(diagnoses): 0.4302445, z 17.65183)
  it('reproduces Fleiss 1971 from the raters’ diagnoses', () => {
    const diagnoses = [
      [4, 4, 4, 4, 4, 4],
      [2, 2, 2, 5, 5, 5],
      [2, 3, 3, 3, 3, 5],
      [5, 5, 5, 5, 5, 5],
      [2, 2, 2, 4, 4, 4],
      [1, 1, 3, 3, 3, 3],
      [3, 3, 3, 3, 5, 5],
      [1, 1, 3, 3, 3, 4],
      [1, 1, 4, 4, 4, 4],
      [5, 5, 5, 5, 5, 5],
      [1, 4, 4, 4, 4, 4],
      [1, 2, 4, 4, 4, 4],
      [2, 2, 2, 3, 3, 3],
      [1, 4, 4, 4, 4, 4],
      [2, 2, 4, 4, 4, 5],
      [3, 3, 3, 3, 3, 5],
      [1, 1, 1, 4, 5, 5],
      [1, 1, 1, 1, 1, 2],
      [2, 2, 4, 4, 4, 4],
      [1, 3, 3, 5, 5, 5],
      [5, 5, 5, 5, 5, 5],
      [2, 4, 4, 4, 4, 4],
      [2, 2, 4, 5, 5, 5],
      [1, 1, 4, 4, 4, 4],
      [1, 4, 4, 4, 4, 5],
      [2, 2, 2, 2, 2, 4],
      [1, 1, 1, 1, 5, 5],
      [2, 2, 4, 4, 4, 4],
      [1, 3, 3, 3, 3, 3],
      [5, 5, 5, 5, 5, 5],
    ];
    const result = fleissKappa(diagnoses);
    expect(result.kappa).toBeCloseTo(0.43, 3);
    expect(result.kappa).toBeCloseTo(0.4302445, 6);
    expect(result.kappa! / result.seUnderNull!).toBeCloseTo(17.65183, 3);
    expect(result.n).toBe(30);

    // the bootstrap over the 30 patients: the same kappa, inside an interval as wide as a sample of 30 allows
    const withInterval = fleissKappaInterval(diagnoses);
    expect({ ...withInterval, low: null, high: null }).toEqual(result);
    expect(withInterval.low!).toBeLessThan(result.kappa!);
    expect(withInterval.high!).toBeGreaterThan(result.kappa!);
    expect(withInterval.low!).toBeGreaterThan(0.25);
    expect(withInterval.high!).toBeLessThan(0.6);
    expect(Kappa.parse(withInterval)).toEqual(withInterval);
    // seeded: the same data give the same interval; another seed moves it only a little
    expect(fleissKappaInterval(diagnoses)).toEqual(withInterval);
    const other = fleissKappaInterval(diagnoses, undefined, { seed: 9 });
    expect(Math.abs(other.low! - withInterval.low!)).toBeLessThan(0.03);
  });

  it('gives no interval where the kappa is undefined', () => {
    expect(fleissKappaInterval([['Yes', 'No']])).toMatchObject({ kappa: null, low: null, high: null, reason: 'too-few-items' });
    expect(
      fleissKappaInterval([
        ['Yes', 'Yes'],
        ['Yes', 'Yes'],
      ]),
    ).toMatchObject({ kappa: null, low: null, reason: 'no-variation' });
  });

  it('takes labels, and says why it is undefined', () => {
    const labels = fleissKappa(
      [
        ['Yes', 'Yes', 'No'],
        ['No', 'No', 'No'],
        ['Yes', 'Yes', 'Yes'],
      ],
      ['No', 'Yes'],
    );
    // observed 7/9, chance (5/9)² + (4/9)² = 41/81: (63 - 41) / 40
    expect(labels.kappa).toBeCloseTo(0.55, 12);
    expect(fleissKappa([['Yes', 'No']])).toMatchObject({ kappa: null, n: 1, reason: 'too-few-items' });
    expect(
      fleissKappa([
        ['Yes', 'No', 'Yes'],
        ['Yes', null, 'No'],
      ]),
    ).toMatchObject({ kappa: null, n: 2, reason: 'unequal-raters' });
    expect(fleissKappa([['Yes'], ['No']])).toMatchObject({ kappa: null, reason: 'too-few-raters' });
    expect(
      fleissKappa([
        ['Yes', 'Yes'],
        ['Yes', 'Yes'],
      ]),
    ).toMatchObject({ kappa: null, reason: 'no-variation' });
  });
});

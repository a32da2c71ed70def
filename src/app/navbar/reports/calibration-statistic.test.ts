import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CalibrationReport, LeveledAlpha, WeightedKappa } from '../../../core/calibration.ts';
import { cohenKappa, fleissKappa, type Kappa } from '../../../core/kappa.ts';
import { createTranslator, type Messages } from '../../i18n/translate.ts';
import { baselineKappaText, figureText, sessionStatistic } from './calibration-statistic.ts';

const en = JSON.parse(readFileSync(join(import.meta.dirname, '../../../../translations/en.json'), 'utf8')) as Messages;
const t = createTranslator(en);

const kappa = (over: Partial<WeightedKappa> = {}): WeightedKappa => ({
  kappa: 0.4126,
  n: 12,
  se: 0.158,
  seUnderNull: 0.2,
  low: 0.1028,
  high: 0.7222,
  weights: 'quadratic',
  ...over,
});
// undefined kappas as core computes them: one item, no variation, a criterion one reviewer left N/A
const tooFewItems = cohenKappa([1], [1]);
const noVariation = cohenKappa([1, 1], [1, 1]);
const unequalRaters = fleissKappa([
  [1, 0, 1],
  [1, 1],
]);
const alpha: LeveledAlpha = { alpha: 0.5, units: 3, values: 8, low: 0.1, high: 0.9, resamples: 1000, defined: 990, level: 'ordinal' };
const report = (over: Partial<CalibrationReport>) => ({ alpha: { alpha: 0, units: 3, values: 8 }, ...over }) as CalibrationReport;

describe('the calibration statistic', () => {
  it("shows Cohen's kappa for two reviewers with its weights, interval and n", () => {
    expect(sessionStatistic(report({ cohen: kappa(), agreement: alpha }), t)).toEqual({
      name: "Cohen's kappa between the two reviewers (quadratic weights)",
      text: '0.413 (95% interval 0.103 to 0.722), n = 12',
    });
  });

  it("shows Fleiss' kappa for many reviewers, without an interval it does not have", () => {
    const fleiss: Kappa = { kappa: 0.25, n: 5, se: null, seUnderNull: 0.1, low: null, high: null };
    expect(sessionStatistic(report({ fleiss, agreement: alpha }), t)).toEqual({
      name: "Fleiss' kappa among the reviewers",
      text: '0.250, n = 5',
    });
  });

  it("shows Fleiss' kappa with its bootstrap interval where it has one", () => {
    const fleiss: Kappa = { kappa: 0.43, n: 30, se: null, seUnderNull: 0.024, low: 0.341, high: 0.522 };
    expect(sessionStatistic(report({ fleiss, agreement: alpha }), t)).toEqual({
      name: "Fleiss' kappa among the reviewers (interval: bootstrap over the criteria)",
      text: '0.430 (95% interval 0.341 to 0.522), n = 30',
    });
  });

  it("falls back to alpha when some reviewers answered N/A, which Fleiss' kappa cannot take", () => {
    const s = sessionStatistic(report({ fleiss: unequalRaters, agreement: alpha }), t);
    expect(s?.name).toContain("Krippendorff's alpha");
    expect(s?.name).toContain('ordinal');
    expect(s?.text).toBe('0.500 (95% interval 0.100 to 0.900), n = 3');
  });

  it('says "not enough data" and why, never a number, where the statistic is undefined', () => {
    expect(sessionStatistic(report({ cohen: { ...kappa(), ...noVariation } }), t)?.text).toBe(
      'not enough data: every answer was the same, so agreement beyond chance cannot be measured',
    );
    expect(figureText({ value: null, low: null, high: null, n: 1, reason: 'too-few-units' }, t)).toBe(
      'not enough data: fewer than two criteria were answered by two or more reviewers',
    );
    expect(baselineKappaText({ ...kappa(), ...tooFewItems }, t)).toMatch(/^not enough data: /);
  });

  it('has nothing to say before two reviewers submitted, and a dash for the baseline itself', () => {
    expect(sessionStatistic(report({}), t)).toBeNull();
    expect(baselineKappaText(undefined, t)).toBe('–');
  });
});

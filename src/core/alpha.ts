/**
 * Krippendorff's alpha for calibration questions, around `krippendorffAlpha` in stats.ts: a bootstrap
 * interval, the level of measurement chosen from a criterion's scale, and ratings given as option labels.
 */
import { z } from 'zod';
import { categoryIndex, type Rating } from './kappa.ts';
import { BOOTSTRAP_RESAMPLES, type BootstrapOptions, percentileBootstrap } from './bootstrap.ts';
import { numericMax, scaleOptions } from './scale.ts';
import type { Scale } from './scorecard.ts';
import { Agreement, type AlphaLevel, krippendorffAlpha } from './stats.ts';

/** Resamples a bootstrap interval draws unless told otherwise. */
export const ALPHA_BOOTSTRAP_RESAMPLES = BOOTSTRAP_RESAMPLES;

export const AlphaEstimate = Agreement.extend({
  /** Percentile bootstrap interval; null when alpha is undefined or fewer than two resamples define it. */
  low: z.number().nullable(),
  high: z.number().nullable(),
  /** Resamples drawn, and those in which alpha was defined (a resample can lose all variation; it is left out). */
  resamples: z.number().int(),
  defined: z.number().int(),
});
export type AlphaEstimate = z.infer<typeof AlphaEstimate>;

/**
 * Krippendorff's alpha with a percentile bootstrap interval: the pairable units (two or more values) are resampled
 * with replacement, `resamples` times, from a seeded generator; resamples where alpha is undefined are left out and
 * counted apart. (Krippendorff's own bootstrap resamples pairs of values instead; resampling units keeps each unit's
 * coders together, as the calibration's tickets are the sampled thing.)
 */
export function krippendorffAlphaInterval(
  units: ReadonlyArray<ReadonlyArray<number | null | undefined>>,
  level: AlphaLevel,
  options: BootstrapOptions = {},
): AlphaEstimate {
  const point = krippendorffAlpha(units, level);
  if (point.alpha === null) return { ...point, low: null, high: null, resamples: 0, defined: 0 };
  const pairable = units.filter((unit) => unit.filter((v) => typeof v === 'number' && Number.isFinite(v)).length >= 2);
  return { ...point, ...percentileBootstrap(pairable, (sample) => krippendorffAlpha(sample, level).alpha, options) };
}

/**
 * The level of measurement a criterion's scale supports: interval for points and percent scales (the number typed is
 * a measured amount with equal steps), nominal for choices (unordered labels, decision 027) and for options two of
 * which share a fraction (they have no order), ordinal otherwise (every preset, options with distinct fractions: the
 * gaps between them are a scorecard's choice, not a measured distance).
 */
export function alphaLevelForScale(scale: Scale): AlphaLevel {
  if (numericMax(scale) !== null) return 'interval';
  if ('choices' in scale) return 'nominal';
  const fractions = scaleOptions(scale).map((o) => o.fraction);
  return new Set(fractions).size === fractions.length ? 'ordinal' : 'nominal';
}

/**
 * Ratings given as labels (or numbers) in category indices: the index in `categories` when given, else in the sorted
 * distinct ratings; missing ratings stay missing. A label outside `categories` throws.
 */
export function codeRatings(units: ReadonlyArray<readonly Rating[]>, categories?: ReadonlyArray<string | number>): (number | null)[][] {
  const index = categoryIndex(units.flat(), categories);
  return units.map((unit) => unit.map((r) => (r === null || r === undefined ? null : index.get(r)!)));
}

/** Krippendorff's alpha of ratings given as labels or numbers (see codeRatings). */
export function krippendorffAlphaOfRatings(
  units: ReadonlyArray<readonly Rating[]>,
  level: AlphaLevel,
  categories?: ReadonlyArray<string | number>,
): Agreement {
  return krippendorffAlpha(codeRatings(units, categories), level);
}

/**
 * Alpha of a criterion's ratings given as its option labels, at the level its scale supports: options are coded by
 * their order of fraction (ties share no order, and the level is then nominal). With the bootstrap interval.
 */
export function criterionAgreement(
  units: ReadonlyArray<ReadonlyArray<string | null | undefined>>,
  scale: Scale,
  options: { resamples?: number; seed?: number } = {},
): AlphaEstimate & { level: AlphaLevel } {
  const level = alphaLevelForScale(scale);
  const labels = scaleOptions(scale)
    .slice()
    .sort((a, b) => a.fraction - b.fraction)
    .map((o) => o.label);
  return { ...krippendorffAlphaInterval(codeRatings(units, labels), level, options), level };
}

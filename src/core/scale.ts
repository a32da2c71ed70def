import type { Criterion, Scale, ScaleOption, ScalePreset } from './scorecard.ts';

/** Kept apart from the zod schemas: the sidebar scores live without bundling zod. */
const PRESET_LABELS: Record<ScalePreset, string[]> = {
  binary: ['No', 'Yes'],
  '3-point': ['Below', 'Meets', 'Exceeds'],
  '4-point': ['Poor', 'Fair', 'Good', 'Excellent'],
  '5-point': ['Very poor', 'Poor', 'Fair', 'Good', 'Excellent'],
};

/** An answer fails below this fraction unless the criterion says otherwise: a middle rating on a 3-point scale does not fail. */
export const DEFAULT_FAIL_BELOW = 0.5;

const evenly = (labels: readonly string[]): ScaleOption[] => {
  const last = labels.length - 1;
  return labels.map((label, i) => ({ label, fraction: i / last }));
};

/** The highest number a reviewer types on a points (0..N) or percent (0..100) scale; null for scales chosen from a list. */
export function numericMax(scale: Scale): number | null {
  if ('points' in scale) return scale.points;
  if ('percent' in scale) return 100;
  return null;
}

/**
 * The options in rating order (a rating is an index here). Presets lowest first with fraction (i - min) / (max - min);
 * points and percent scales have one option per whole number, so the rating is the number typed; choices are spread
 * evenly but score nothing (only non-scoring criteria use them).
 */
export function scaleOptions(scale: Scale): ScaleOption[] {
  if ('options' in scale) return scale.options;
  if ('choices' in scale) return evenly(scale.choices);
  if ('preset' in scale) return evenly(PRESET_LABELS[scale.preset]);
  const max = 'points' in scale ? scale.points : 100;
  const unit = 'percent' in scale ? '%' : '';
  return Array.from({ length: max + 1 }, (_, i) => ({ label: `${i}${unit}`, fraction: i / max }));
}

/**
 * Whether the answer at `option` counts as a failure of the criterion (for its critical rule and the reports' fail
 * rates): the option's own `countsAsFail` when it says, else its fraction below the criterion's `failBelow`.
 * A non-scoring criterion never fails.
 */
export function optionFails(criterion: Pick<Criterion, 'failBelow' | 'scoring'>, option: ScaleOption): boolean {
  if (criterion.scoring === false) return false;
  return option.countsAsFail ?? option.fraction < (criterion.failBelow ?? DEFAULT_FAIL_BELOW);
}

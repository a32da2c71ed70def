import type { Scale, ScaleOption, ScalePreset } from './scorecard.ts';

/** Kept apart from the zod schemas: the sidebar scores live without bundling zod. */
const PRESET_LABELS: Record<ScalePreset, string[]> = {
  binary: ['No', 'Yes'],
  '3-point': ['Below', 'Meets', 'Exceeds'],
  '4-point': ['Poor', 'Fair', 'Good', 'Excellent'],
  '5-point': ['Very poor', 'Poor', 'Fair', 'Good', 'Excellent'],
};

/** Preset options lowest first, with fraction (i - min) / (max - min). */
export function scaleOptions(scale: Scale): ScaleOption[] {
  if ('options' in scale) return scale.options;
  const labels = PRESET_LABELS[scale.preset];
  const last = labels.length - 1;
  return labels.map((label, i) => ({ label, fraction: i / last }));
}

/**
 * The percentile bootstrap the agreement statistics share: the units (a calibration's tickets, a kappa's subjects)
 * are resampled with replacement from a seeded generator, so the same data give the same interval everywhere.
 */
import { seededRandom } from './random.ts';

/** Resamples a bootstrap interval draws unless told otherwise. */
export const BOOTSTRAP_RESAMPLES = 1000;

export interface BootstrapOptions {
  resamples?: number;
  seed?: number;
  /** 0.95 unless told otherwise. */
  confidence?: number;
}

export interface BootstrapInterval {
  /** null when fewer than two resamples define the statistic. */
  low: number | null;
  high: number | null;
  resamples: number;
  /** Resamples in which the statistic was defined (a resample can lose all variation; it is left out). */
  defined: number;
}

/** The p-quantile of sorted values, interpolating between neighbours (Hyndman & Fan type 7, R's default). */
function quantile(sorted: readonly number[], p: number): number {
  const at = (sorted.length - 1) * p;
  const below = Math.floor(at);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (at - below) * (sorted[above]! - sorted[below]!);
}

/** Percentile interval of `statistic` over resamples of `units` (null from `statistic`: undefined in that resample). */
export function percentileBootstrap<T>(
  units: readonly T[],
  statistic: (sample: T[]) => number | null,
  options: BootstrapOptions = {},
): BootstrapInterval {
  const resamples = options.resamples ?? BOOTSTRAP_RESAMPLES;
  const confidence = options.confidence ?? 0.95;
  const random = seededRandom(options.seed ?? 1);
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const value = statistic(units.map(() => units[Math.floor(random() * units.length)]!));
    if (value !== null) values.push(value);
  }
  values.sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  const interval = values.length >= 2 ? { low: quantile(values, tail), high: quantile(values, 1 - tail) } : { low: null, high: null };
  return { ...interval, resamples, defined: values.length };
}

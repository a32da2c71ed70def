/**
 * Statistics for reports (DESIGN.md §7): intervals beside every figure, and inter-rater agreement.
 * Pure functions; the service sums in SQL and turns the sums into figures here.
 */

/** Two-sided 95%: the standard normal quantile at 0.975. */
export const Z95 = 1.959963984540054;

/** A figure with its sample size and a 95% interval; null when there is nothing to estimate. */
export interface Estimate {
  value: number | null;
  n: number;
  low: number | null;
  high: number | null;
}

const EMPTY = (n: number): Estimate => ({ value: null, n, low: null, high: null });

/** Wilson score interval for a proportion: behaves at 0 and n (unlike the Wald interval). */
export function wilson(successes: number, n: number, z = Z95): Estimate {
  if (!(n > 0)) return EMPTY(0);
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // exact ends: 0 of n has low 0 and n of n high 1 (the formula leaves rounding noise there)
  return { value: p, n, low: successes <= 0 ? 0 : centre - half, high: successes >= n ? 1 : centre + half };
}

/** Optional hard limits of the measured quantity (a score is within 0..100). */
export interface Bounds {
  min: number;
  max: number;
}

/**
 * Mean with a t-based 95% interval from sufficient statistics (count, sum, sum of squares),
 * as SQL aggregates return them. n < 2 gives the mean without an interval.
 */
export function meanFromSums(n: number, sum: number, sumOfSquares: number, bounds?: Bounds): Estimate {
  if (!(n > 0)) return EMPTY(0);
  const mean = sum / n;
  if (n < 2) return { value: mean, n, low: null, high: null };
  // max(0, …): cancellation can make an all-equal sample's variance slightly negative
  const variance = Math.max(0, (sumOfSquares - (sum * sum) / n) / (n - 1));
  const half = tQuantile(0.975, n - 1) * Math.sqrt(variance / n);
  const low = mean - half;
  const high = mean + half;
  return {
    value: mean,
    n,
    low: bounds ? Math.max(bounds.min, low) : low,
    high: bounds ? Math.min(bounds.max, high) : high,
  };
}

/** Mean with a t-based 95% interval of a list of values. */
export function mean(values: readonly number[], bounds?: Bounds): Estimate {
  let sum = 0;
  let sumOfSquares = 0;
  for (const v of values) {
    sum += v;
    sumOfSquares += v * v;
  }
  return meanFromSums(values.length, sum, sumOfSquares, bounds);
}

/** Rankings: two figures are distinguishable only when both intervals exist and do not overlap. */
export function distinguishable(a: Pick<Estimate, 'low' | 'high'>, b: Pick<Estimate, 'low' | 'high'>): boolean {
  if (a.low === null || a.high === null || b.low === null || b.high === null) return false;
  return a.high < b.low || b.high < a.low;
}

// ---------------------------------------------------------------------------------------------
// Student's t quantile: the t CDF through the regularised incomplete beta function, inverted by
// bisection. Exact to ~1e-12, so no table or series approximation to validate.

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let a = 0.99999999999980993;
  const t = y + 7.5;
  LANCZOS.forEach((c, i) => {
    a += c / (y + i + 1);
  });
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction for the incomplete beta function (modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const TINY = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // the continued fraction converges fast on this side of the mean; use the symmetry otherwise
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(x, a, b)) / a : 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** P(T <= t) for Student's t with df degrees of freedom. */
export function tCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The p-quantile of Student's t with df > 0 degrees of freedom. */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) throw new RangeError(`tQuantile needs 0 < p < 1 and df > 0 (got p=${p}, df=${df})`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -tQuantile(1 - p, df);
  let low = 0;
  let high = 2;
  while (tCdf(high, df) < p) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-13 * high; i++) {
    const mid = (low + high) / 2;
    if (tCdf(mid, df) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

// ---------------------------------------------------------------------------------------------
// Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability").

export type AlphaLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/** What a distance function may use: the sorted distinct values and how often each was coded. */
interface ValueTable {
  values: readonly number[];
  counts: readonly number[];
}

type Distance = (c: number, k: number, table: ValueTable) => number;

/** δ² per level of measurement, by value index; one table, callers never branch on the level. */
const DISTANCE: Record<AlphaLevel, Distance> = {
  nominal: (c, k) => (c === k ? 0 : 1),
  ordinal: (c, k, { counts }) => {
    const [from, to] = c < k ? [c, k] : [k, c];
    let between = 0;
    for (let g = from; g <= to; g++) between += counts[g]!;
    const d = between - (counts[from]! + counts[to]!) / 2;
    return d * d;
  },
  interval: (c, k, { values }) => (values[c]! - values[k]!) ** 2,
  ratio: (c, k, { values }) => {
    const sum = values[c]! + values[k]!;
    return sum === 0 ? 0 : ((values[c]! - values[k]!) / sum) ** 2;
  },
};

export interface Agreement {
  /** null when it cannot be computed (fewer than 2 pairable values, or no variation at all). */
  alpha: number | null;
  /** Units with at least two values (the others carry no information about agreement). */
  units: number;
  /** Pairable values: the sum of values over those units. */
  values: number;
}

/**
 * Krippendorff's alpha. `units[u][coder]` is a coder's value for unit u; null or undefined is
 * missing (N/A, or the coder did not code that unit). Units with fewer than two values are dropped.
 */
export function krippendorffAlpha(units: ReadonlyArray<ReadonlyArray<number | null | undefined>>, level: AlphaLevel): Agreement {
  const pairable = units
    .map((unit) => unit.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)))
    .filter((unit) => unit.length >= 2);
  const values = [...new Set(pairable.flat())].sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  const size = values.length;
  // coincidence matrix: each ordered pair within a unit counts 1 / (m_u - 1)
  const coincidences = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const unit of pairable) {
    const weight = 1 / (unit.length - 1);
    unit.forEach((a, i) => {
      unit.forEach((b, j) => {
        if (i !== j) coincidences[index.get(a)!]![index.get(b)!]! += weight;
      });
    });
  }
  const counts = coincidences.map((row) => row.reduce((s, x) => s + x, 0));
  const n = counts.reduce((s, x) => s + x, 0);
  const result = { units: pairable.length, values: Math.round(n) };
  if (n < 2) return { alpha: null, ...result };
  const distance = DISTANCE[level];
  const table = { values, counts };
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      if (c === k) continue;
      const d = distance(c, k, table);
      observed += coincidences[c]![k]! * d;
      expected += counts[c]! * counts[k]! * d;
    }
  }
  if (expected === 0) return { alpha: null, ...result };
  return { alpha: 1 - ((n - 1) * observed) / expected, ...result };
}

/**
 * Statistics for reports (docs/decisions/008-report-rollups.md): intervals beside every figure, and inter-rater
 * agreement. Pure functions; the service sums in SQL and turns the sums into figures here.
 */
import { z } from 'zod';

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
// safeguarded Newton steps from the Cornish-Fisher expansion. Exact to ~1e-12, so no table or
// series approximation to validate; a few microseconds per call (reports compute one per row).

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
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
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  // the continued fraction converges fast on this side of the mean; use the symmetry otherwise
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(x, a, b)) / a : 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/**
 * P(X >= k) for X ~ Binomial(n, p): the one-sided p-value of seeing k or more failures in n when each fails with
 * chance p (exact, through the incomplete beta function: P(X >= k) = I_p(k, n - k + 1)).
 */
export function binomialAtLeast(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n || p <= 0) return 0;
  if (p >= 1) return 1;
  return incompleteBeta(p, k, n - k + 1);
}

/** P(T <= t) for Student's t with df degrees of freedom. */
export function tCdf(t: number, df: number): number {
  const t2 = t * t;
  // near the centre df / (df + t²) rounds to 1: integrate from the other end with t² / (df + t²)
  const tail = t2 < df ? 0.5 - 0.5 * incompleteBeta(t2 / (df + t2), 0.5, df / 2) : 0.5 * incompleteBeta(df / (df + t2), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** Density of Student's t. */
function tPdf(t: number, df: number): number {
  return Math.exp(logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9): a starting point. */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** Cornish-Fisher expansion of the t quantile in 1/df (Abramowitz & Stegun 26.7.5). */
function cornishFisher(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

const quantiles = new Map<string, number>();

/** The p-quantile of Student's t with df > 0 degrees of freedom. */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) throw new RangeError(`tQuantile needs 0 < p < 1 and df > 0 (got p=${p}, df=${df})`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -tQuantile(1 - p, df);
  const key = `${p}|${df}`;
  const known = quantiles.get(key);
  if (known !== undefined) return known;
  // closed forms at df 1 and 2; elsewhere Newton on the CDF, kept inside a bracket (bisect when it leaves it)
  let t = df === 1 ? Math.tan(Math.PI * (p - 0.5)) : df === 2 ? (2 * p - 1) / Math.sqrt(2 * p * (1 - p)) : NaN;
  if (Number.isNaN(t)) {
    let low = 0;
    let high = Math.max(1, cornishFisher(normalQuantile(p), df)) * 2;
    while (tCdf(high, df) < p) high *= 2;
    t = Math.min(high, Math.max(low, cornishFisher(normalQuantile(p), df)));
    for (let i = 0; i < 200; i++) {
      const f = tCdf(t, df) - p;
      if (f < 0) low = t;
      else high = t;
      let next = t - f / tPdf(t, df);
      if (!(next > low && next < high)) next = (low + high) / 2;
      const done = Math.abs(next - t) <= 1e-13 * Math.max(1, Math.abs(t));
      t = next;
      if (done) break;
    }
  }
  if (quantiles.size >= 4096) quantiles.clear();
  quantiles.set(key, t);
  return t;
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

/**
 * Why alpha is undefined: fewer than two units with two values each (`too-few-units`: one unit gives 0 whatever the
 * values, since its own disagreement is all the expected disagreement there is), or every value the same
 * (`no-variation`: the reviewers agree, but agreement beyond chance cannot be measured without variation).
 */
export const AlphaUndefined = z.enum(['too-few-units', 'no-variation']);
export type AlphaUndefined = z.infer<typeof AlphaUndefined>;

export const Agreement = z.object({
  /** null when it is undefined; `undefinedBecause` says why. */
  alpha: z.number().nullable(),
  /** Units with at least two values (the others carry no information about agreement). */
  units: z.number().int(),
  /** Pairable values: the sum of values over those units. */
  values: z.number().int(),
  /** Set exactly when alpha is null. */
  undefinedBecause: AlphaUndefined.optional(),
});
export type Agreement = z.infer<typeof Agreement>;

/** Alpha needs at least this many units with two or more values each. */
export const ALPHA_MIN_UNITS = 2;

/**
 * Krippendorff's alpha. `units[u][coder]` is a coder's value for unit u; null or undefined is
 * missing (N/A, or the coder did not code that unit). Units with fewer than two values are dropped.
 * Undefined (null, with the reason) below ALPHA_MIN_UNITS pairable units or without any variation: never a 0
 * that reads as "no better than chance".
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
  if (pairable.length < ALPHA_MIN_UNITS) return { alpha: null, ...result, undefinedBecause: 'too-few-units' };
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
  if (expected === 0) return { alpha: null, ...result, undefinedBecause: 'no-variation' };
  return { alpha: 1 - ((n - 1) * observed) / expected, ...result };
}

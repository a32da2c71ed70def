/**
 * Agreement beyond chance for calibration questions: Cohen's kappa for two reviewers (unweighted, linear or
 * quadratic weights over ordered categories) and Fleiss' kappa for many. Pure functions; undefined figures come back
 * as null with a `reason`, never as a 0 that reads as "no better than chance".
 */
import { z } from 'zod';
import { type BootstrapOptions, percentileBootstrap } from './bootstrap.ts';
import { Z95 } from './stats.ts';

export type KappaWeights = 'unweighted' | 'linear' | 'quadratic';

/**
 * Why a kappa is undefined: fewer than two rated items (`too-few-items`), fewer than two raters per item
 * (`too-few-raters`), items rated by different numbers of raters in Fleiss' kappa (`unequal-raters`: use
 * Krippendorff's alpha, which allows missing ratings), or chance agreement already 1, as when every rating is the
 * same category (`no-variation`).
 */
export const KappaUndefined = z.enum(['too-few-items', 'too-few-raters', 'unequal-raters', 'no-variation']);
export type KappaUndefined = z.infer<typeof KappaUndefined>;

/** A kappa with its 95% interval and the items it rests on; null figures exactly when `reason` is set. */
export const Kappa = z.object({
  kappa: z.number().nullable(),
  /** Items rated (pairs for Cohen's kappa, subjects for Fleiss'). */
  n: z.number().int(),
  /** Large-sample standard error under the alternative (Cohen's: Fleiss, Cohen & Everitt 1969); null for Fleiss'. */
  se: z.number().nullable(),
  /** Standard error under kappa = 0, for a test of agreement beyond chance (Fleiss, Nee & Landis 1979 for Fleiss'). */
  seUnderNull: z.number().nullable(),
  /**
   * 95% interval: Cohen's kappa ± 1.96 se within [-1, 1]; Fleiss' kappa has no simple SE away from 0, so
   * `fleissKappaInterval` gives a percentile bootstrap over the subjects instead (null from `fleissKappa`).
   */
  low: z.number().nullable(),
  high: z.number().nullable(),
  reason: KappaUndefined.optional(),
});
export type Kappa = z.infer<typeof Kappa>;

const UNDEFINED = (n: number, reason: KappaUndefined): Kappa => ({
  kappa: null,
  n,
  se: null,
  seUnderNull: null,
  low: null,
  high: null,
  reason,
});

/** Agreement weight of categories i and j out of k ordered categories: 1 on the diagonal, 0 at the far corners. */
export function kappaWeight(i: number, j: number, k: number, weights: KappaWeights): number {
  if (weights === 'unweighted' || k < 2) return i === j ? 1 : 0;
  const d = Math.abs(i - j) / (k - 1);
  return weights === 'linear' ? 1 - d : 1 - d * d;
}

/**
 * Cohen's kappa from a k × k table of counts (`table[i][j]`: items the first rater put in category i and the second
 * in j; categories in their order, which the weights use). Standard error: the large-sample one of Fleiss, Cohen &
 * Everitt (1969) under the alternative, as SAS PROC FREQ reports it (its ASE), and the one under kappa = 0.
 */
export function cohenKappaFromTable(table: ReadonlyArray<ReadonlyArray<number>>, weights: KappaWeights = 'unweighted'): Kappa {
  const k = table.length;
  let n = 0;
  for (const row of table) {
    if (row.length !== k) throw new RangeError(`Cohen's kappa needs a square table (a row has ${row.length} of ${k} cells)`);
    for (const x of row) n += x;
  }
  if (n < 2) return UNDEFINED(n, 'too-few-items');
  const w = (i: number, j: number) => kappaWeight(i, j, k, weights);
  const p = table.map((row) => row.map((x) => x / n));
  const rows = p.map((row) => row.reduce((s, x) => s + x, 0));
  const cols = p[0]!.map((_x, j) => p.reduce((s, row) => s + row[j]!, 0));
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      observed += w(i, j) * p[i]![j]!;
      expected += w(i, j) * rows[i]! * cols[j]!;
    }
  }
  // rounding can leave 1 - 1e-16 where both raters used one category only
  if (expected >= 1 - 1e-12) return UNDEFINED(n, 'no-variation');
  const kappa = (observed - expected) / (1 - expected);
  // mean weights of row i over the second rater's margin, and of column j over the first's
  const rowMean = rows.map((_r, i) => cols.reduce((s, c, j) => s + w(i, j) * c, 0));
  const colMean = cols.map((_c, j) => rows.reduce((s, r, i) => s + w(i, j) * r, 0));
  let alternative = 0;
  let nullSum = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const around = rowMean[i]! + colMean[j]!;
      alternative += p[i]![j]! * (w(i, j) - around * (1 - kappa)) ** 2;
      nullSum += rows[i]! * cols[j]! * (w(i, j) - around) ** 2;
    }
  }
  const scale = (1 - expected) * Math.sqrt(n);
  // max(0, …): cancellation can leave a perfect table's variance slightly negative
  const se = Math.sqrt(Math.max(0, alternative - (kappa - expected * (1 - kappa)) ** 2)) / scale;
  const seUnderNull = Math.sqrt(Math.max(0, nullSum - expected * expected)) / scale;
  return { kappa, n, se, seUnderNull, low: Math.max(-1, kappa - Z95 * se), high: Math.min(1, kappa + Z95 * se) };
}

/** A rating: a category's label or number; null or undefined when missing (N/A, or not rated). */
export type Rating = string | number | null | undefined;

/**
 * Category indices of ratings: the index in `categories` (in their order) when given, else in the sorted distinct
 * ratings (numbers ascending, labels alphabetically: give `categories` for labels when the order matters, as weights
 * do). A rating not in `categories` throws: a calibration must not quietly drop one.
 */
export function categoryIndex(ratings: readonly Rating[], categories?: ReadonlyArray<string | number>): Map<string | number, number> {
  const order =
    categories ??
    [...new Set(ratings.filter((r): r is string | number => r !== null && r !== undefined))].sort((a, b) =>
      typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)),
    );
  const index = new Map(order.map((c, i) => [c, i]));
  for (const r of ratings) {
    if (r !== null && r !== undefined && !index.has(r)) throw new RangeError(`rating ${JSON.stringify(r)} is not one of the categories`);
  }
  return index;
}

/**
 * Cohen's kappa of two raters' ratings of the same items (`first[u]` and `second[u]` rate item u); items either left
 * unrated are dropped. `categories` orders labels (and keeps categories nobody used in the weights' spacing).
 */
export function cohenKappa(
  first: readonly Rating[],
  second: readonly Rating[],
  options: { weights?: KappaWeights; categories?: ReadonlyArray<string | number> } = {},
): Kappa {
  if (first.length !== second.length) throw new RangeError(`the raters rated ${first.length} and ${second.length} items`);
  const index = categoryIndex([...first, ...second], options.categories);
  const table = Array.from({ length: index.size }, () => new Array<number>(index.size).fill(0));
  first.forEach((a, u) => {
    const b = second[u];
    if (a === null || a === undefined || b === null || b === undefined) return;
    table[index.get(a)!]![index.get(b)!]! += 1;
  });
  return cohenKappaFromTable(table, options.weights);
}

/**
 * Fleiss' kappa (Fleiss 1971) from counts: `counts[i][j]` raters who put subject i in category j. Every subject must
 * have the same number of raters, at least two; otherwise it is undefined (`unequal-raters`; Krippendorff's alpha
 * takes missing ratings). Standard error under kappa = 0 from Fleiss, Nee & Landis (1979); none under the alternative.
 */
export function fleissKappaFromCounts(counts: ReadonlyArray<ReadonlyArray<number>>): Kappa {
  const subjects = counts.length;
  if (subjects < 2) return UNDEFINED(subjects, 'too-few-items');
  const raters = counts[0]!.reduce((s, x) => s + x, 0);
  if (counts.some((row) => row.reduce((s, x) => s + x, 0) !== raters)) return UNDEFINED(subjects, 'unequal-raters');
  if (raters < 2) return UNDEFINED(subjects, 'too-few-raters');
  const categories = counts[0]!.length;
  const shares = Array.from({ length: categories }, (_x, j) => counts.reduce((s, row) => s + row[j]!, 0) / (subjects * raters));
  let observed = 0;
  for (const row of counts) observed += (row.reduce((s, x) => s + x * x, 0) - raters) / (raters * (raters - 1));
  observed /= subjects;
  const expected = shares.reduce((s, p) => s + p * p, 0);
  if (expected >= 1 - 1e-12) return UNDEFINED(subjects, 'no-variation');
  const kappa = (observed - expected) / (1 - expected);
  const pq = shares.reduce((s, p) => s + p * (1 - p), 0);
  const skew = shares.reduce((s, p) => s + p * (1 - p) * (1 - 2 * p), 0);
  const seUnderNull = (Math.sqrt(2) / (pq * Math.sqrt(subjects * raters * (raters - 1)))) * Math.sqrt(Math.max(0, pq * pq - skew));
  return { kappa, n: subjects, se: null, seUnderNull, low: null, high: null };
}

/**
 * Fleiss' kappa from each subject's ratings (`subjects[i]`: the ratings subject i received, labels or numbers;
 * missing ones are dropped, which leaves that subject with fewer raters and the kappa `unequal-raters`).
 */
export function fleissKappa(subjects: ReadonlyArray<readonly Rating[]>, categories?: ReadonlyArray<string | number>): Kappa {
  return fleissKappaFromCounts(categoryCounts(subjects, categories));
}

/** Each subject's count of ratings per category (missing ratings dropped). */
function categoryCounts(subjects: ReadonlyArray<readonly Rating[]>, categories?: ReadonlyArray<string | number>): number[][] {
  const index = categoryIndex(subjects.flat(), categories);
  return subjects.map((ratings) => {
    const row = new Array<number>(index.size).fill(0);
    for (const r of ratings) if (r !== null && r !== undefined) row[index.get(r)!]! += 1;
    return row;
  });
}

/**
 * Fleiss' kappa with a percentile bootstrap interval over the subjects (the calibration's criteria, each rated by every
 * reviewer): subjects resampled with replacement from a seeded generator (bootstrap.ts, as for alpha), resamples where
 * kappa is undefined (every rating alike) left out. The kappa, n and standard errors are `fleissKappa`'s.
 */
export function fleissKappaInterval(
  subjects: ReadonlyArray<readonly Rating[]>,
  categories?: ReadonlyArray<string | number>,
  options: BootstrapOptions = {},
): Kappa {
  const counts = categoryCounts(subjects, categories);
  const point = fleissKappaFromCounts(counts);
  if (point.kappa === null) return point;
  const { low, high } = percentileBootstrap(counts, (sample) => fleissKappaFromCounts(sample).kappa, options);
  return { ...point, low, high };
}

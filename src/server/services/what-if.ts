/** What-if (decision 005): the last 90 days of a scorecard's evaluations re-scored with a draft definition. */
import { Answers, type Answer } from '../../core/answers.ts';
import type { WhatIfResult } from '../../core/api.ts';
import { numericMax, scaleOptions } from '../../core/scale.ts';
import { allCriteria, type Criterion, type ScorecardDefinition } from '../../core/scorecard.ts';
import { scoreEvaluation } from '../../core/scoring.ts';
import type { Db } from '../db/db.ts';
import { notFound } from '../errors.ts';
import type { AdaptiveBatch } from '../limits/batches.ts';
import { findScorecard } from '../store/scorecards.ts';
import { storedScoresSince } from '../store/what-if.ts';
import { versionDefinitions } from './evaluation-scoring.ts';

export const WHAT_IF_DAYS = 90;

export interface StoredScore {
  answers: readonly Answer[];
  /** The criteria of the version the answers were given on, to carry a rating over to a points or percent scale. */
  criteriaThen?: ReadonlyMap<string, Criterion>;
  finalScore: number | null;
  passed: boolean | null;
  criticalFailed: boolean;
}

const sameScale = (a: Criterion['scale'], b: Criterion['scale']) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The rating an answer given on `then` has on the draft's `now`: the same index between two lists of options (decision
 * 005), and by its fraction when either scale is typed as a number (decision 027): to points or percent the nearest
 * whole number (3-point's Meets is 5 of 10 points), to a list the option with that very fraction; undefined when
 * nothing fits.
 */
function ratingOnDraft(rating: number, then: Criterion | undefined, now: Criterion): number | undefined {
  if (!then || sameScale(then.scale, now.scale) || (numericMax(then.scale) === null && numericMax(now.scale) === null)) return rating;
  const fraction = scaleOptions(then.scale)[rating]?.fraction;
  if (fraction === undefined) return undefined;
  const max = numericMax(now.scale);
  if (max !== null) return Math.round(fraction * max);
  const i = scaleOptions(now.scale).findIndex((o) => Math.abs(o.fraction - fraction) < 1e-9);
  return i >= 0 ? i : undefined;
}

/**
 * Answers carried over to a draft by criterion id (ids are stable across versions): answers to removed
 * criteria drop out, new criteria stay unanswered; null when an answer no longer fits (a rating beyond
 * the new scale, N/A where the draft forbids it) or nothing is left to score. `then` (the criteria the answers were
 * given on) carries a rating by its fraction to or from a points or percent scale.
 */
export function carryOver(
  answers: readonly Answer[],
  criteria: ReadonlyMap<string, Criterion>,
  then?: ReadonlyMap<string, Criterion>,
): Answer[] | null {
  const kept: Answer[] = [];
  for (const answer of answers) {
    const criterion = criteria.get(answer.criterionId);
    if (!criterion) continue;
    if (answer.na) {
      if (!criterion.allowNA && !criterion.metric) return null;
      kept.push(answer);
      continue;
    }
    const rating = answer.rating === undefined ? undefined : ratingOnDraft(answer.rating, then?.get(answer.criterionId), criterion);
    if ((rating ?? Infinity) >= scaleOptions(criterion.scale).length) return null;
    kept.push(rating === answer.rating ? answer : { ...answer, rating });
  }
  return kept.length ? kept : null;
}

/** Re-scores stored evaluations with a draft definition a batch at a time; every figure covers the same evaluations. */
export function whatIfTally(definition: ScorecardDefinition) {
  const criteria = new Map(allCriteria(definition).map(({ criterion }) => [criterion.id, criterion]));
  const sums = { before: 0, after: 0, passedBefore: 0, passedAfter: 0, criticalBefore: 0, criticalAfter: 0, wouldFail: 0, wouldPass: 0 };
  let n = 0;
  let notRescored = 0;
  return {
    add(stored: readonly StoredScore[]): void {
      for (const evaluation of stored) {
        const answers = carryOver(evaluation.answers, criteria, evaluation.criteriaThen);
        const rescored = answers && scoreEvaluation(definition, answers);
        if (!rescored || rescored.finalScore === null || evaluation.finalScore === null) {
          notRescored++;
          continue;
        }
        const passedAfter = rescored.passed === true;
        const passedBefore = evaluation.passed === true;
        sums.before += evaluation.finalScore;
        sums.after += rescored.finalScore;
        sums.passedBefore += Number(passedBefore);
        sums.passedAfter += Number(passedAfter);
        sums.criticalBefore += Number(evaluation.criticalFailed);
        sums.criticalAfter += Number(rescored.criticalFailures.length > 0);
        sums.wouldFail += Number(passedBefore && !passedAfter);
        sums.wouldPass += Number(!passedBefore && passedAfter);
        n++;
      }
    },
    result(days = WHAT_IF_DAYS): WhatIfResult {
      const share = (x: number) => (n ? x / n : null);
      return {
        days,
        currentAverage: share(sums.before),
        whatIfAverage: share(sums.after),
        passRate: { current: share(sums.passedBefore), whatIf: share(sums.passedAfter) },
        criticalFailRate: { current: share(sums.criticalBefore), whatIf: share(sums.criticalAfter) },
        wouldFail: sums.wouldFail,
        wouldPass: sums.wouldPass,
        n,
        notRescored,
      };
    },
  };
}

/** Re-scores stored evaluations with a draft definition; every figure covers the same evaluations. */
export function whatIf(definition: ScorecardDefinition, stored: readonly StoredScore[], days = WHAT_IF_DAYS): WhatIfResult {
  const tally = whatIfTally(definition);
  tally.add(stored);
  return tally.result(days);
}

/**
 * Rows read, parsed and re-scored a page at a time on both backends (decision 018): 20k evaluations are ~0.4 s of
 * parsing and scoring in this thread, which would hold every other request for that long.
 */
const WHAT_IF_PAGES: AdaptiveBatch = { first: 500, min: 100, max: 5_000, targetMs: 20 };

/** What the last `WHAT_IF_DAYS` of the scorecard's evaluations score, pass and critically fail now and under `definition`. */
export async function whatIfOfScorecard(
  db: Db,
  account: string,
  scorecardId: string,
  definition: ScorecardDefinition,
  now: Date,
): Promise<WhatIfResult> {
  const card = await findScorecard(db, account, scorecardId);
  if (!card) throw notFound('scorecard');
  const since = new Date(now.getTime() - WHAT_IF_DAYS * 86_400_000);
  const tally = whatIfTally(definition);
  // the criteria of each version met, read once
  const definitionOf = versionDefinitions(db, account);
  const criteriaOf = new Map<number, ReadonlyMap<string, Criterion> | undefined>();
  for await (const rows of storedScoresSince(db, account, card.id, since, WHAT_IF_PAGES)) {
    for (const version of new Set(rows.map((r) => r.scorecard_version))) {
      if (criteriaOf.has(version)) continue;
      const then = await definitionOf(card.id, version);
      criteriaOf.set(version, then ? new Map(allCriteria(then).map(({ criterion }) => [criterion.id, criterion])) : undefined);
    }
    tally.add(
      rows.map((row) => {
        const answers = Answers.safeParse(typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers);
        const scores = { passed: row.passed, criticalFailed: row.critical_failed };
        const criteriaThen = criteriaOf.get(row.scorecard_version);
        return answers.success
          ? { answers: answers.data, finalScore: row.final_score, ...scores, ...(criteriaThen ? { criteriaThen } : {}) }
          : { answers: [], finalScore: null, ...scores };
      }),
    );
  }
  return tally.result();
}

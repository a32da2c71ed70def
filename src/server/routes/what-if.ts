import { Hono } from 'hono';
import { Answers, type Answer } from '../../core/answers.ts';
import { WhatIfRequest, type WhatIfResult } from '../../core/api.ts';
import { scaleOptions } from '../../core/scale.ts';
import { allCriteria, type Criterion, type ScorecardDefinition } from '../../core/scorecard.ts';
import { scoreEvaluation } from '../../core/scoring.ts';
import { actorOf, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { notFound, parseOrThrow, readJson } from '../errors.ts';
import { pathId } from '../edge.ts';
import { pagedQuery, type AdaptiveBatch } from '../reports/pages.ts';
import { findScorecard } from '../store/scorecards.ts';
import { requireScorecardManager } from '../services/policy.ts';

export const WHAT_IF_DAYS = 90;

export interface StoredScore {
  answers: readonly Answer[];
  finalScore: number | null;
}

/**
 * Answers carried over to a draft by criterion id (ids are stable across versions): answers to removed
 * criteria drop out, new criteria stay unanswered; null when an answer no longer fits (a rating beyond
 * the new scale, N/A where the draft forbids it) or nothing is left to score.
 */
export function carryOver(answers: readonly Answer[], criteria: ReadonlyMap<string, Criterion>): Answer[] | null {
  const kept: Answer[] = [];
  for (const answer of answers) {
    const criterion = criteria.get(answer.criterionId);
    if (!criterion) continue;
    if (answer.na ? !criterion.allowNA && !criterion.metric : (answer.rating ?? Infinity) >= scaleOptions(criterion.scale).length) return null;
    kept.push(answer);
  }
  return kept.length ? kept : null;
}

/** Re-scores stored evaluations with a draft definition a batch at a time; both averages cover the same evaluations. */
export function whatIfTally(definition: ScorecardDefinition) {
  const criteria = new Map(allCriteria(definition).map(({ criterion }) => [criterion.id, criterion]));
  let before = 0;
  let after = 0;
  let n = 0;
  let notRescored = 0;
  return {
    add(stored: readonly StoredScore[]): void {
      for (const evaluation of stored) {
        const answers = carryOver(evaluation.answers, criteria);
        const rescored = answers && scoreEvaluation(definition, answers).finalScore;
        if (rescored === null || rescored === undefined || evaluation.finalScore === null) {
          notRescored++;
          continue;
        }
        before += evaluation.finalScore;
        after += rescored;
        n++;
      }
    },
    result(days = WHAT_IF_DAYS): WhatIfResult {
      return { days, currentAverage: n ? before / n : null, whatIfAverage: n ? after / n : null, n, notRescored };
    },
  };
}

/** Re-scores stored evaluations with a draft definition; both averages cover the same evaluations. */
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

/** `POST /scorecards/{id}/what-if`: what the last 90 days would average under a draft (scorecard managers). */
export function whatIfRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.post('/:id/what-if', async (c) => {
    const actor = actorOf(c);
    await requireScorecardManager(db, actor);
    const { definition } = parseOrThrow(WhatIfRequest, await readJson(c.req));
    const card = await findScorecard(db, actor.account, pathId(c));
    if (!card) throw notFound('scorecard');
    const since = new Date(clock.now().getTime() - WHAT_IF_DAYS * 86_400_000);
    const tally = whatIfTally(definition);
    // the evaluations reports count (calibration scores are exercises, withdrawn ones gone) of this card since then
    const pages = pagedQuery<{ answers: unknown; final_score: number | null }>(
      db,
      actor.account,
      { scorecardId: card.id },
      { from: since, until: null },
      (_p, where) => `SELECT e.answers, e.final_score FROM evaluations e WHERE ${where.join(' AND ')}`,
      WHAT_IF_PAGES,
    );
    for await (const rows of pages) {
      tally.add(
        rows.map((row) => {
          const answers = Answers.safeParse(typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers);
          return answers.success ? { answers: answers.data, finalScore: row.final_score } : { answers: [], finalScore: null };
        }),
      );
    }
    return c.json(tally.result());
  });
  return r;
}

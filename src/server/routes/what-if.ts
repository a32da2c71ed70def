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
import { findScorecard } from '../store/scorecards.ts';
import { requireScorecardManager } from './policy.ts';

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

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** Re-scores stored evaluations with a draft definition; both averages cover the same evaluations. */
export function whatIf(definition: ScorecardDefinition, stored: readonly StoredScore[], days = WHAT_IF_DAYS): WhatIfResult {
  const criteria = new Map(allCriteria(definition).map(({ criterion }) => [criterion.id, criterion]));
  const before: number[] = [];
  const after: number[] = [];
  let notRescored = 0;
  for (const evaluation of stored) {
    const answers = carryOver(evaluation.answers, criteria);
    const rescored = answers && scoreEvaluation(definition, answers).finalScore;
    if (rescored === null || rescored === undefined || evaluation.finalScore === null) {
      notRescored++;
      continue;
    }
    before.push(evaluation.finalScore);
    after.push(rescored);
  }
  return { days, currentAverage: mean(before), whatIfAverage: mean(after), n: after.length, notRescored };
}

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
    // calibration scores are exercises, not service quality: reports leave them out too
    const rows = await db.query<{ answers: unknown; final_score: number | null }>(
      `SELECT answers, final_score FROM evaluations
        WHERE account = $1 AND scorecard_id = $2 AND status <> 'withdrawn' AND kind <> 'calibration' AND created_at >= $3`,
      [actor.account, card.id, since],
    );
    const stored = rows.flatMap((row) => {
      const answers = Answers.safeParse(typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers);
      return answers.success ? [{ answers: answers.data, finalScore: row.final_score }] : [{ answers: [], finalScore: null }];
    });
    return c.json(whatIf(definition, stored));
  });
  return r;
}

import { z } from 'zod';
import { allCriteria, MAX_CRITERIA, scaleOptions, type ScorecardDefinition } from './scorecard.ts';
import { safeText } from './text.ts';

export const Answer = z
  .strictObject({
    criterionId: safeText(64).min(1),
    rating: z.number().int().min(0).optional(),
    na: z.literal(true).optional(),
    comment: safeText(5000).optional(),
    rootCauses: z.array(safeText(120).min(1)).max(50).optional(),
  })
  .refine((a) => (a.rating === undefined) !== (a.na === undefined), {
    message: 'give exactly one of "rating" or "na": true',
  });
export type Answer = z.infer<typeof Answer>;

export const Answers = z.array(Answer).max(MAX_CRITERIA);
export type Answers = z.infer<typeof Answers>;

/** A domain-rule problem with the answers, named by its path in the answers array. */
export interface AnswerProblem {
  path: string;
  message: string;
}

export interface CheckOptions {
  /** Enforce `commentRequiredAtOrBelow` (the service and the sidebar do; the score command does not). */
  requireComments: boolean;
}

/** Every criterion answered exactly once, ratings in range, N/A only where allowed, known root causes. */
export function checkAnswers(card: ScorecardDefinition, answers: Answers, options: CheckOptions): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const criteria = new Map(allCriteria(card).map(({ criterion }) => [criterion.id, criterion]));
  const seen = new Set<string>();
  answers.forEach((answer, i) => {
    const at = `[${i}]`;
    const criterion = criteria.get(answer.criterionId);
    if (!criterion) {
      problems.push({ path: `${at}.criterionId`, message: `no criterion "${answer.criterionId}" in this scorecard` });
      return;
    }
    if (seen.has(criterion.id)) {
      problems.push({ path: `${at}.criterionId`, message: `criterion "${criterion.id}" is answered more than once` });
      return;
    }
    seen.add(criterion.id);
    if (answer.na) {
      if (!criterion.allowNA && !criterion.metric)
        problems.push({ path: `${at}.na`, message: `criterion "${criterion.id}" does not allow N/A` });
    } else if (answer.rating !== undefined) {
      const opts = scaleOptions(criterion.scale);
      if (answer.rating >= opts.length) {
        problems.push({
          path: `${at}.rating`,
          message: `criterion "${criterion.id}" has ${opts.length} options: rating must be 0 to ${opts.length - 1}`,
        });
      } else if (
        options.requireComments &&
        criterion.commentRequiredAtOrBelow !== undefined &&
        opts[answer.rating]!.fraction <= criterion.commentRequiredAtOrBelow &&
        !answer.comment?.trim()
      ) {
        problems.push({ path: `${at}.comment`, message: `criterion "${criterion.id}" needs a comment at this rating` });
      }
    }
    for (const cause of answer.rootCauses ?? []) {
      if (!criterion.rootCauses.includes(cause)) {
        problems.push({ path: `${at}.rootCauses`, message: `"${cause}" is not a root cause of criterion "${criterion.id}"` });
      }
    }
  });
  for (const id of criteria.keys()) {
    if (!seen.has(id)) problems.push({ path: '', message: `criterion "${id}" is not answered` });
  }
  return problems;
}

/** The reviewer's form as pure functions over a Draft: edits, answers for scoring, and what blocks a submit. */
import type { Answer } from '../../core/answers.ts';
import { metricAnswer, type TicketMetrics } from '../../core/metrics.ts';
import { optionFails, scaleOptions } from '../../core/scale.ts';
import type { Criterion, ScorecardDefinition } from '../../core/scorecard.ts';
import { scoreEvaluation, type ScoreResult } from '../../core/scoring.ts';
import type { Draft, DraftAnswer } from './draft-store.ts';

export type FormEdit =
  | { type: 'rate'; criterionId: string; rating: number }
  | { type: 'na'; criterionId: string }
  | { type: 'clear'; criterionId: string }
  | { type: 'comment'; criterionId: string; comment: string }
  | { type: 'root-cause'; criterionId: string; cause: string; on: boolean }
  | { type: 'overall'; comment: string }
  | { type: 'reviewee'; revieweeId: number | null };

const withAnswer = (draft: Draft, id: string, change: (a: DraftAnswer) => DraftAnswer): Draft => ({
  ...draft,
  answers: { ...draft.answers, [id]: change(draft.answers[id] ?? {}) },
});

/** One table keyed by edit type: a new edit is one entry, not another branch. */
const APPLY: { [K in FormEdit['type']]: (draft: Draft, edit: Extract<FormEdit, { type: K }>) => Draft } = {
  rate: (d, e) => withAnswer(d, e.criterionId, ({ na: _na, ...a }) => ({ ...a, rating: e.rating })),
  // N/A toggles: pressing it again clears the answer
  na: (d, e) => withAnswer(d, e.criterionId, ({ rating: _r, na, ...a }) => (na ? a : { ...a, na: true })),
  clear: (d, e) => withAnswer(d, e.criterionId, ({ rating: _r, na: _na, ...a }) => a),
  comment: (d, e) => withAnswer(d, e.criterionId, (a) => ({ ...a, comment: e.comment })),
  'root-cause': (d, e) =>
    withAnswer(d, e.criterionId, (a) => {
      const set = new Set(a.rootCauses ?? []);
      if (e.on) set.add(e.cause);
      else set.delete(e.cause);
      return { ...a, rootCauses: [...set] };
    }),
  overall: (d, e) => ({ ...d, overallComment: e.comment }),
  reviewee: (d, e) => ({ ...d, revieweeId: e.revieweeId }),
};

export function applyEdit(draft: Draft, edit: FormEdit): Draft {
  return (APPLY[edit.type] as (d: Draft, e: FormEdit) => Draft)(draft, edit);
}

export function newDraft(card: { id: string; version: number }, evaluationId: string, revieweeId: number | null): Draft {
  return {
    evaluationId,
    scorecardId: card.id,
    scorecardVersion: card.version,
    revieweeId,
    answers: {},
    overallComment: '',
    savedAt: 0,
  };
}

export const criteriaOf = (card: ScorecardDefinition): Criterion[] => card.sections.flatMap((s) => s.criteria);

/** Metric criteria are answered from the ticket's numbers, not by the reviewer. */
export const isManual = (c: Criterion): boolean => !c.metric;

/** The answers as the service takes them: manual ones from the draft, metric ones from the ticket. */
export function toAnswers(card: ScorecardDefinition, draft: Draft, metrics: TicketMetrics | null): Answer[] {
  return criteriaOf(card).flatMap((c): Answer[] => {
    if (c.metric) {
      const a = metrics ? metricAnswer(c, metrics) : null;
      return a ? [a] : [{ criterionId: c.id, na: true }];
    }
    const d = draft.answers[c.id];
    if (!d || (d.rating === undefined && !d.na)) return [];
    const answer: Answer = d.na ? { criterionId: c.id, na: true } : { criterionId: c.id, rating: d.rating! };
    if (d.comment?.trim()) answer.comment = d.comment.trim();
    // root causes explain a low rating; they mean nothing on N/A
    if (!d.na && d.rootCauses?.length) answer.rootCauses = d.rootCauses.filter((r) => c.rootCauses.includes(r));
    return [answer];
  });
}

export const liveScore = (card: ScorecardDefinition, draft: Draft, metrics: TicketMetrics | null): ScoreResult =>
  scoreEvaluation(card, toAnswers(card, draft, metrics));

/** Criteria the reviewer has not answered yet (metric ones answer themselves). */
const unanswered = (card: ScorecardDefinition, draft: Draft): Criterion[] =>
  criteriaOf(card).filter((c) => isManual(c) && draft.answers[c.id]?.rating === undefined && !draft.answers[c.id]?.na);

/** The rating with the lowest fraction: what an unrated criterion could do at worst to the score. */
const lowestRating = (c: Criterion): number => {
  const options = scaleOptions(c.scale);
  return options.reduce((low, o, i) => (o.fraction < options[low]!.fraction ? i : low), 0);
};

/**
 * Whether the criteria still unanswered could fail an evaluation that passes so far: one of them is critical and has
 * an answer that fails it (core's optionFails: `countsAsFail`, `failBelow`), or answering them at their lowest (or N/A
 * where that lowers the score more) takes the score under the pass line. Non-scoring criteria never can, nor bonus.
 */
export function couldStillFail(card: ScorecardDefinition, draft: Draft, metrics: TicketMetrics | null): boolean {
  const left = unanswered(card, draft).filter((c) => c.scoring !== false);
  if (left.length === 0) return false;
  if (left.some((c) => c.critical && scaleOptions(c.scale).some((o) => optionFails(c, o)))) return true;
  const given = toAnswers(card, draft, metrics);
  const worst = (na: boolean) =>
    scoreEvaluation(card, [
      ...given,
      ...left.map((c): Answer => (na && c.allowNA ? { criterionId: c.id, na: true } : { criterionId: c.id, rating: lowestRating(c) })),
    ]).passed === false;
  return worst(false) || worst(true);
}

/** The comment is asked for at or below the criterion's threshold. */
export function commentRequired(c: Criterion, a: DraftAnswer | undefined): boolean {
  if (c.commentRequiredAtOrBelow === undefined || a?.rating === undefined) return false;
  const option = scaleOptions(c.scale)[a.rating];
  return option !== undefined && option.fraction <= c.commentRequiredAtOrBelow;
}

/** Low ratings open the comment and root causes by themselves. */
export function detailsOpenByRating(c: Criterion, a: DraftAnswer | undefined): boolean {
  if (a?.rating === undefined) return false;
  if (commentRequired(c, a)) return true;
  const option = scaleOptions(c.scale)[a.rating];
  return c.rootCauses.length > 0 && option !== undefined && option.fraction < 1;
}

export type Problem = { criterionId: string; kind: 'unanswered' | 'comment-required' };

/** What stops a submit, in scorecard order; the view names each criterion. */
export function problems(card: ScorecardDefinition, draft: Draft): Problem[] {
  return criteriaOf(card)
    .filter(isManual)
    .flatMap((c): Problem[] => {
      const a = draft.answers[c.id];
      if (!a || (a.rating === undefined && !a.na)) return [{ criterionId: c.id, kind: 'unanswered' }];
      if (commentRequired(c, a) && !a.comment?.trim()) return [{ criterionId: c.id, kind: 'comment-required' }];
      return [];
    });
}

/** A draft restored from an older version keeps the answers whose criteria still exist (ids are stable). */
export function adaptDraft(draft: Draft, card: { id: string; version: number; definition: ScorecardDefinition }): Draft {
  if (draft.scorecardVersion === card.version) return draft;
  const ids = new Set(criteriaOf(card.definition).map((c) => c.id));
  const answers = Object.fromEntries(Object.entries(draft.answers).filter(([id]) => ids.has(id)));
  return { ...draft, scorecardVersion: card.version, answers };
}

/** A stored evaluation as a draft, to edit it (amend keeps the id; the service keeps the history). */
export function draftFromEvaluation(
  e: {
    id: string;
    scorecardId: string;
    scorecardVersion: number;
    revieweeId: number;
    answers: Answer[];
    overallComment: string;
    lockVersion?: number | undefined;
  },
  newId: string,
): Draft {
  const answers: Record<string, DraftAnswer> = {};
  for (const a of e.answers) {
    const d: DraftAnswer = a.na ? { na: true } : { rating: a.rating! };
    if (a.comment) d.comment = a.comment;
    if (a.rootCauses?.length) d.rootCauses = a.rootCauses;
    answers[a.criterionId] = d;
  }
  return {
    evaluationId: newId,
    amends: e.id,
    ...(e.lockVersion !== undefined ? { amendsLockVersion: e.lockVersion } : {}),
    scorecardId: e.scorecardId,
    scorecardVersion: e.scorecardVersion,
    revieweeId: e.revieweeId,
    answers,
    overallComment: e.overallComment,
    savedAt: 0,
  };
}

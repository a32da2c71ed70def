import { describe, expect, it } from 'vitest';
import { card, criterion, section } from '../../core/test-kit.ts';
import {
  adaptDraft,
  applyEdit,
  commentRequired,
  couldStillFail,
  detailsOpenByRating,
  draftFromEvaluation,
  liveScore,
  newDraft,
  problems,
  toAnswers,
} from './form.ts';

const scorecard = card(
  [
    section('solution', [
      criterion('offered', { scale: { preset: '5-point' }, commentRequiredAtOrBelow: 0.25, rootCauses: ['Knowledge gap'] }),
      criterion('tone', { allowNA: true }),
    ]),
    section('compliance', [criterion('identity', { critical: { effect: 'zero' } })]),
    section('speed', [criterion('fast', { metric: { name: 'first-reply-minutes', direction: 'at-most', target: 60 } })]),
  ],
  { passThreshold: 80 },
);
const metrics = { firstReplyMinutes: 30, fullResolutionMinutes: null, reopens: 0, csat: null };
const start = () => newDraft({ id: 'email', version: 1 }, 'e1', 11);

describe('reviewer form', () => {
  it('scores live with the core function, metric criteria from the ticket', () => {
    let d = start();
    d = applyEdit(d, { type: 'rate', criterionId: 'offered', rating: 4 });
    d = applyEdit(d, { type: 'na', criterionId: 'tone' });
    d = applyEdit(d, { type: 'rate', criterionId: 'identity', rating: 1 });
    expect(toAnswers(scorecard, d, metrics)).toEqual([
      { criterionId: 'offered', rating: 4 },
      { criterionId: 'tone', na: true },
      { criterionId: 'identity', rating: 1 },
      { criterionId: 'fast', rating: 1 },
    ]);
    expect(liveScore(scorecard, d, metrics)).toMatchObject({ rawScore: 100, finalScore: 100, passed: true });
  });

  it('a failed critical criterion zeroes the final score and keeps the raw one', () => {
    let d = start();
    d = applyEdit(d, { type: 'rate', criterionId: 'offered', rating: 4 });
    d = applyEdit(d, { type: 'rate', criterionId: 'identity', rating: 0 });
    const s = liveScore(scorecard, d, null);
    expect(s.rawScore).toBe(50);
    expect(s).toMatchObject({ finalScore: 0, passed: false, criticalFailures: ['identity'] });
  });

  it('names unanswered criteria and missing required comments; metric ones need nothing', () => {
    let d = start();
    expect(problems(scorecard, d)).toEqual([
      { criterionId: 'offered', kind: 'unanswered' },
      { criterionId: 'tone', kind: 'unanswered' },
      { criterionId: 'identity', kind: 'unanswered' },
    ]);
    d = applyEdit(d, { type: 'rate', criterionId: 'offered', rating: 1 });
    d = applyEdit(d, { type: 'rate', criterionId: 'tone', rating: 1 });
    d = applyEdit(d, { type: 'rate', criterionId: 'identity', rating: 1 });
    expect(problems(scorecard, d)).toEqual([{ criterionId: 'offered', kind: 'comment-required' }]);
    expect(detailsOpenByRating(scorecard.sections[0]!.criteria[0]!, d.answers.offered)).toBe(true);
    d = applyEdit(d, { type: 'comment', criterionId: 'offered', comment: '  Missed the refund policy ' });
    expect(problems(scorecard, d)).toEqual([]);
    expect(toAnswers(scorecard, d, null)[0]).toEqual({ criterionId: 'offered', rating: 1, comment: 'Missed the refund policy' });
  });

  it('N/A toggles off, rating clears N/A, root causes toggle', () => {
    let d = start();
    d = applyEdit(d, { type: 'na', criterionId: 'tone' });
    d = applyEdit(d, { type: 'na', criterionId: 'tone' });
    expect(d.answers.tone).toEqual({});
    d = applyEdit(d, { type: 'na', criterionId: 'tone' });
    d = applyEdit(d, { type: 'rate', criterionId: 'tone', rating: 0 });
    expect(d.answers.tone).toEqual({ rating: 0 });
    d = applyEdit(d, { type: 'root-cause', criterionId: 'offered', cause: 'Knowledge gap', on: true });
    d = applyEdit(d, { type: 'root-cause', criterionId: 'offered', cause: 'Knowledge gap', on: false });
    expect(d.answers.offered).toEqual({ rootCauses: [] });
  });

  it('adapts a draft of an older version and turns an evaluation into an editable draft', () => {
    const old = { ...start(), scorecardVersion: 1, answers: { offered: { rating: 2 }, gone: { rating: 1 } } };
    expect(adaptDraft(old, { id: 'email', version: 2, definition: scorecard }).answers).toEqual({ offered: { rating: 2 } });
    const d = draftFromEvaluation(
      {
        id: 'e0',
        scorecardId: 'email',
        scorecardVersion: 1,
        revieweeId: 11,
        overallComment: 'ok',
        answers: [
          { criterionId: 'tone', na: true },
          { criterionId: 'offered', rating: 1, comment: 'x' },
        ],
      },
      'edit-1',
    );
    expect(d).toMatchObject({
      evaluationId: 'edit-1',
      amends: 'e0',
      answers: { tone: { na: true }, offered: { rating: 1, comment: 'x' } },
    });
  });

  describe('format 2', () => {
    // the vendor case: an answer worth 0.6 that is treated as a fail, on a rule that keeps the score
    const treated = card(
      [
        section('solution', [criterion('correct', { scale: { points: 15 }, weight: 15, commentRequiredAtOrBelow: 0.4 })]),
        section('compliance', [
          criterion('identity', {
            weight: 5,
            critical: { effect: 'fail' },
            scale: {
              options: [
                { label: 'Fully', fraction: 1 },
                { label: 'After the change', fraction: 0.6, countsAsFail: true },
              ],
            },
          }),
          criterion('refund', { weight: 0, scoring: false, scale: { choices: ['Yes', 'No'] } }),
        ]),
      ],
      { formatVersion: 2, passThreshold: 50 },
    );

    it('countsAsFail keeps "Passing so far" honest: an unrated critical answer that can fail the evaluation is still open', () => {
      const d = applyEdit(start(), { type: 'rate', criterionId: 'correct', rating: 15 });
      // at worst 'After the change' scores 18/20 = 90, above the line: only its countsAsFail can fail it
      expect(liveScore(treated, d, null).passed).toBe(true);
      expect(couldStillFail(treated, d, null)).toBe(true);
      // the same answer without countsAsFail (0.6 is above the default 0.5) could not
      const plain = structuredClone(treated);
      plain.sections[1]!.criteria[0]!.scale = {
        options: [
          { label: 'Fully', fraction: 1 },
          { label: 'After the change', fraction: 0.6 },
        ],
      };
      expect(couldStillFail(plain, d, null)).toBe(false);
      // chosen: it fails, the score is kept
      const failed = applyEdit(d, { type: 'rate', criterionId: 'identity', rating: 1 });
      expect(liveScore(treated, failed, null)).toMatchObject({
        finalScore: 90,
        rawScore: 90,
        passed: false,
        criticalFailures: ['identity'],
      });
    });

    it('a non-scoring question left cannot fail it, but must still be answered', () => {
      let d = applyEdit(start(), { type: 'rate', criterionId: 'correct', rating: 15 });
      d = applyEdit(d, { type: 'rate', criterionId: 'identity', rating: 0 });
      expect(couldStillFail(treated, d, null)).toBe(false);
      expect(problems(treated, d)).toEqual([{ criterionId: 'refund', kind: 'unanswered' }]);
    });

    it('points left unrated could pull the score under the pass line', () => {
      const d = applyEdit(start(), { type: 'rate', criterionId: 'identity', rating: 0 });
      expect(couldStillFail(treated, d, null)).toBe(true);
    });

    it('a typed number of points is the rating: scored, and asks for a comment at a low fraction', () => {
      const d = applyEdit(start(), { type: 'rate', criterionId: 'correct', rating: 6 });
      expect(liveScore(treated, d, null)).toMatchObject({ earned: 6, possible: 15 });
      expect(commentRequired(treated.sections[0]!.criteria[0]!, d.answers.correct)).toBe(true);
      expect(commentRequired(treated.sections[0]!.criteria[0]!, { rating: 7 })).toBe(false);
    });
  });
});

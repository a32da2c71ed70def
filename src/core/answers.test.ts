import { describe, expect, it } from 'vitest';
import { Answer, Answers, checkAnswers } from './answers.ts';
import { parseWith } from './issues.ts';
import { card, criterion, na, rate, section } from './test-kit.ts';

const c = card([
  section('s', [
    criterion('greet', { scale: { preset: '3-point' }, commentRequiredAtOrBelow: 0.5, rootCauses: ['Template not used'] }),
    criterion('tone', { allowNA: true }),
    criterion('frt', { metric: { name: 'first-reply-minutes', direction: 'at-most', target: 60 } }),
  ]),
]);
const good = [rate('greet', 2), na('tone'), rate('frt', 1)];
const check = (answers: Answers, requireComments = false) => checkAnswers(c, answers, { requireComments });

describe('checkAnswers', () => {
  it('accepts every criterion answered once', () => {
    expect(check(good, true)).toEqual([]);
  });

  it('names a missing criterion', () => {
    expect(check([rate('greet', 2), na('tone')])).toEqual([{ path: '', message: 'criterion "frt" is not answered' }]);
  });

  it('refuses a criterion answered twice', () => {
    expect(check([...good, rate('greet', 0)])).toEqual([
      { path: '[3].criterionId', message: 'criterion "greet" is answered more than once' },
    ]);
  });

  it('refuses an unknown criterion', () => {
    expect(check([...good, rate('nope', 0)])).toEqual([{ path: '[3].criterionId', message: 'no criterion "nope" in this scorecard' }]);
  });

  it('refuses a rating beyond the scale', () => {
    expect(check([rate('greet', 3), na('tone'), rate('frt', 1)])).toEqual([
      { path: '[0].rating', message: 'criterion "greet" has 3 options: rating must be 0 to 2' },
    ]);
  });

  it('refuses N/A where it is not allowed, and allows it on a metric criterion (metric unknown)', () => {
    expect(check([na('greet'), na('tone'), na('frt')])).toEqual([{ path: '[0].na', message: 'criterion "greet" does not allow N/A' }]);
  });

  it('refuses an unknown root cause', () => {
    const answers = [
      { criterionId: 'greet', rating: 0, comment: 'x', rootCauses: ['Template not used', 'Moon phase'] },
      na('tone'),
      rate('frt', 1),
    ];
    expect(check(answers)).toEqual([{ path: '[0].rootCauses', message: '"Moon phase" is not a root cause of criterion "greet"' }]);
  });

  it('requires a comment at or below the rule only when asked to', () => {
    const low = [rate('greet', 1), na('tone'), rate('frt', 1)];
    expect(check(low, false)).toEqual([]);
    expect(check(low, true)).toEqual([{ path: '[0].comment', message: 'criterion "greet" needs a comment at this rating' }]);
    expect(check([{ criterionId: 'greet', rating: 1, comment: '   ' }, na('tone'), rate('frt', 1)], true)).toHaveLength(1);
    expect(check([{ criterionId: 'greet', rating: 1, comment: 'Skipped the name' }, na('tone'), rate('frt', 1)], true)).toEqual([]);
    expect(check(good, true)).toEqual([]); // above the rule: no comment needed
  });
});

describe('Answer schema', () => {
  it('needs exactly one of rating or na', () => {
    expect(parseWith(Answer, { criterionId: 'a' })).toEqual({ ok: false, errors: ['(root): give exactly one of "rating" or "na": true'] });
    expect(parseWith(Answer, { criterionId: 'a', rating: 1, na: true }).ok).toBe(false);
    expect(parseWith(Answer, { criterionId: 'a', na: true }).ok).toBe(true);
  });

  it('names the path in an answers array', () => {
    expect(
      parseWith(Answers, [
        { criterionId: 'a', rating: 0 },
        { criterionId: 'b', rating: -1 },
        { criterionId: 'c', rating: 1.5 },
        { criterionId: 'd', rating: 0, mood: 1 },
      ]),
    ).toEqual({
      ok: false,
      errors: ['[1].rating: must be >= 0', '[2].rating: must be a whole number', '[3]: unknown key "mood"'],
    });
  });
});

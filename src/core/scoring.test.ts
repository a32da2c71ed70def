import { describe, expect, it } from 'vitest';
import { scoreEvaluation, roundForDisplay } from './scoring.ts';
import { card, criterion, na, rate, section, type CriterionInput } from './test-kit.ts';

const one = (c: ReturnType<typeof criterion>, over = {}) => card([section('s', [c])], over);

describe('scale fractions reach the score', () => {
  it.each([
    ['binary', [0, 100]],
    ['3-point', [0, 50, 100]],
    ['4-point', [0, 100 / 3, 200 / 3, 100]],
    ['5-point', [0, 25, 50, 75, 100]],
  ] as const)('%s preset scores each rating as (i - min) / (max - min)', (preset, expected) => {
    const c = one(criterion('a', { scale: { preset } }));
    expected.forEach((score, rating) => expect(scoreEvaluation(c, [rate('a', rating)]).rawScore).toBeCloseTo(score, 10));
  });

  it('custom fractions are used as given, which covers reverse-scored items', () => {
    // "Interrupted the customer": Never is best
    const options = [
      { label: 'Never', fraction: 1 },
      { label: 'Once', fraction: 0.75 },
      { label: 'Often', fraction: 0.25 },
      { label: 'Always', fraction: 0 },
    ];
    const c = one(criterion('a', { scale: { options } }));
    expect([0, 1, 2, 3].map((r) => scoreEvaluation(c, [rate('a', r)]).rawScore)).toEqual([100, 75, 25, 0]);
  });
});

describe('weights and N/A', () => {
  const answers = [rate('a', 1), rate('b', 0), na('c')];
  const sections = [section('s', [criterion('a', { weight: 3 }), criterion('b'), criterion('c', { weight: 2, allowNA: true })])];

  it('weights each criterion: 3 of 4 weight earned is 75', () => {
    const r = scoreEvaluation(card(sections), [rate('a', 1), rate('b', 0), rate('c', 1)]);
    expect(r.rawScore).toBeCloseTo(((3 + 2) / 6) * 100, 10);
    expect(scoreEvaluation(card(sections), answers).rawScore).toBe(75);
  });

  it('exclude takes N/A out of numerator and denominator', () => {
    const r = scoreEvaluation(card(sections, { naPolicy: 'exclude' }), answers);
    expect(r.rawScore).toBe(75); // 3 / (3 + 1)
    expect(r.earned).toBe(3);
    expect(r.possible).toBe(4);
  });

  it('count-as-pass counts N/A as full marks', () => {
    const r = scoreEvaluation(card(sections, { naPolicy: 'count-as-pass' }), answers);
    expect(r.rawScore).toBeCloseTo((5 / 6) * 100, 10); // (3 + 2) / (3 + 1 + 2)
    expect(r.possible).toBe(6);
  });

  it('a zero-weight criterion does not move the score', () => {
    const c = card([section('s', [criterion('a'), criterion('z', { weight: 0 })])]);
    expect(scoreEvaluation(c, [rate('a', 1), rate('z', 0)]).rawScore).toBe(100);
  });
});

describe('critical criteria', () => {
  it.each([
    ['3-point', 1, false],
    ['3-point', 0, true],
    ['5-point', 2, false],
    ['5-point', 1, true],
    ['4-point', 2, false],
    ['4-point', 1, true],
    ['binary', 0, true],
    ['binary', 1, false],
  ] as const)('%s rating %i fails: %s (fails only below 0.5)', (preset, rating, fails) => {
    const c = one(criterion('a', { scale: { preset }, critical: { effect: 'zero' } }));
    expect(scoreEvaluation(c, [rate('a', rating)]).criticalFailures).toEqual(fails ? ['a'] : []);
  });

  it('a custom fraction of exactly 0.5 does not fail, 0.49 does', () => {
    const options = [
      { label: 'low', fraction: 0.49 },
      { label: 'half', fraction: 0.5 },
    ];
    const c = one(criterion('a', { scale: { options }, critical: { effect: 'zero' } }));
    expect(scoreEvaluation(c, [rate('a', 1)]).criticalFailures).toEqual([]);
    expect(scoreEvaluation(c, [rate('a', 0)]).criticalFailures).toEqual(['a']);
  });

  it('N/A on a critical criterion never fails it, under either policy', () => {
    for (const naPolicy of ['exclude', 'count-as-pass'] as const) {
      const c = card([section('s', [criterion('a', { allowNA: true, critical: { effect: 'zero' } }), criterion('b')])], { naPolicy });
      const r = scoreEvaluation(c, [na('a'), rate('b', 1)]);
      expect(r.criticalFailures).toEqual([]);
      expect(r.finalScore).toBe(100);
    }
  });

  const three = (critical: NonNullable<CriterionInput['critical']>) =>
    card([section('s', [criterion('a', { scale: { preset: '3-point' }, critical }), criterion('b'), criterion('c')])]);

  it('zero: final is 0, raw keeps the score before the effect', () => {
    const r = scoreEvaluation(three({ effect: 'zero' }), [rate('a', 0), rate('b', 1), rate('c', 1)]);
    expect(r.rawScore).toBeCloseTo(200 / 3, 10);
    expect(r.finalScore).toBe(0);
    expect(r.passed).toBe(false);
    expect(r.criticalFailures).toEqual(['a']);
  });

  it('cap: final is min(raw, cap)', () => {
    const c = card([
      section('s', [criterion('a', { critical: { effect: 'cap', cap: 65 } }), ...'bcdefghij'.split('').map((id) => criterion(id))]),
    ]);
    const all = (ra: number) => [rate('a', ra), ...'bcdefghij'.split('').map((id) => rate(id, 1))];
    const r = scoreEvaluation(c, all(0));
    expect(r.rawScore).toBe(90);
    expect(r.finalScore).toBe(65);
    expect(r.passed).toBe(false);
    expect(scoreEvaluation(c, all(1))).toMatchObject({ rawScore: 100, finalScore: 100, passed: true, criticalFailures: [] });
  });

  it('cap above the raw score leaves it, yet the evaluation still fails', () => {
    const r = scoreEvaluation(three({ effect: 'cap', cap: 95 }), [rate('a', 0), rate('b', 1), rate('c', 1)]);
    expect(r.finalScore).toBeCloseTo(200 / 3, 10);
    expect(r.passed).toBe(false);
  });

  it('cap vs zero: zero wins; two caps: the lower wins', () => {
    const c = card([
      section('s', [
        criterion('a', { critical: { effect: 'cap', cap: 60 } }),
        criterion('b', { critical: { effect: 'cap', cap: 40 } }),
        criterion('z', { critical: { effect: 'zero' } }),
        ...['c', 'd', 'e', 'f', 'g'].map((id) => criterion(id)),
      ]),
    ]);
    const rest = ['c', 'd', 'e', 'f', 'g'].map((id) => rate(id, 1));
    expect(scoreEvaluation(c, [rate('a', 0), rate('b', 0), rate('z', 1), ...rest])).toMatchObject({
      rawScore: 75, // 6 of 8
      finalScore: 40,
      criticalFailures: ['a', 'b'],
    });
    expect(scoreEvaluation(c, [rate('a', 0), rate('b', 1), rate('z', 0), ...rest])).toMatchObject({
      rawScore: 75, // 6 of 8
      finalScore: 0,
      criticalFailures: ['a', 'z'],
    });
  });

  it('zero-section zeroes the answered criteria of its section (weighted-criteria)', () => {
    const c = card([
      section('s1', [criterion('a', { critical: { effect: 'zero-section' } }), criterion('a2')]),
      section('s2', [criterion('b'), criterion('c')]),
    ]);
    const r = scoreEvaluation(c, [rate('a', 0), rate('a2', 1), rate('b', 1), rate('c', 1)]);
    expect(r.rawScore).toBe(75); // 3 of 4
    expect(r.finalScore).toBe(50); // a2's point is lost, the denominator stays 4
    expect(r.sections.map((s) => s.score)).toEqual([50, 100]); // section scores are raw
  });

  it('zero-section in weighted-sections sets that section to 0 before combining', () => {
    const c = card(
      [
        section('s1', [criterion('a', { critical: { effect: 'zero-section' } }), criterion('a2')], { weight: 1 }),
        section('s2', [criterion('b'), criterion('c')], { weight: 3 }),
      ],
      { method: 'weighted-sections' },
    );
    const r = scoreEvaluation(c, [rate('a', 0), rate('a2', 1), rate('b', 1), rate('c', 1)]);
    expect(r.rawScore).toBe(87.5); // (1 * 50 + 3 * 100) / 4
    expect(r.finalScore).toBe(75); // (1 * 0 + 3 * 100) / 4
  });

  it('zero-section then cap: the cap applies after', () => {
    const c = card([
      section('s1', [criterion('a', { critical: { effect: 'zero-section' } }), criterion('a2')]),
      section('s2', [criterion('b', { critical: { effect: 'cap', cap: 10 } }), criterion('c'), criterion('d'), criterion('e')]),
    ]);
    const r = scoreEvaluation(c, [rate('a', 0), rate('a2', 1), rate('b', 0), rate('c', 1), rate('d', 1), rate('e', 1)]);
    expect(r.rawScore).toBeCloseTo(400 / 6, 10);
    expect(r.finalScore).toBe(10);
  });
});

describe('methods on the same answers (hand-computed)', () => {
  // A: 1 of 2 points; B: 6 of 8 points
  const sections = (wa: number, wb: number) => [
    section('A', [criterion('a1'), criterion('a2')], { weight: wa }),
    section(
      'B',
      [criterion('b1', { weight: 2 }), criterion('b2', { weight: 2 }), criterion('b3', { weight: 2 }), criterion('b4', { weight: 2 })],
      { weight: wb },
    ),
  ];
  const answers = [rate('a1', 1), rate('a2', 0), rate('b1', 1), rate('b2', 1), rate('b3', 1), rate('b4', 0)];

  it('total-points pools the points: 7 / 10 = 70', () => {
    const r = scoreEvaluation(card(sections(1, 1), { method: 'total-points' }), answers);
    expect(r).toMatchObject({ rawScore: 70, earned: 7, possible: 10 });
  });

  it('weighted-criteria is the same number as total-points', () => {
    expect(scoreEvaluation(card(sections(1, 1), { method: 'weighted-criteria' }), answers).rawScore).toBe(70);
  });

  it('weighted-sections averages the section scores: (50 + 75) / 2 = 62.5', () => {
    const r = scoreEvaluation(card(sections(1, 1), { method: 'weighted-sections' }), answers);
    expect(r.rawScore).toBe(62.5);
    expect(r.sections).toEqual([
      { id: 'A', score: 50, earned: 1, possible: 2, bonusPossible: 0 },
      { id: 'B', score: 75, earned: 6, possible: 8, bonusPossible: 0 },
    ]);
  });

  it('weighted-sections uses section weights: (3 * 50 + 1 * 75) / 4 = 56.25', () => {
    expect(scoreEvaluation(card(sections(3, 1), { method: 'weighted-sections' }), answers).rawScore).toBe(56.25);
  });

  it('weighted-sections drops a section with nothing counted and renormalises', () => {
    const c = card(
      [section('A', [criterion('a', { allowNA: true })], { weight: 9 }), section('B', [criterion('b1'), criterion('b2')], { weight: 1 })],
      { method: 'weighted-sections' },
    );
    const r = scoreEvaluation(c, [na('a'), rate('b1', 1), rate('b2', 0)]);
    expect(r.rawScore).toBe(50);
    expect(r.sections[0]!.score).toBeNull();
  });

  it('section weights do not matter to total-points', () => {
    expect(scoreEvaluation(card(sections(3, 1), { method: 'total-points' }), answers).rawScore).toBe(70);
  });
});

describe('pass', () => {
  const ten = (threshold: number) =>
    card(
      [
        section(
          's',
          'abcde'.split('').map((id) => criterion(id)),
        ),
      ],
      { passThreshold: threshold },
    );
  const yes = (n: number) => 'abcde'.split('').map((id, i) => rate(id, i < n ? 1 : 0));

  it('passes at exactly the threshold, fails below it', () => {
    expect(scoreEvaluation(ten(80), yes(4))).toMatchObject({ finalScore: 80, passed: true });
    expect(scoreEvaluation(ten(80), yes(3))).toMatchObject({ finalScore: 60, passed: false });
    expect(scoreEvaluation(ten(60), yes(3)).passed).toBe(true);
  });

  it('a score that is exactly the threshold in arithmetic passes despite float error', () => {
    // (0 * 1 + 1/3 * 2 + 2/3 * 5) / 8 = 1/2, which floats compute as 49.99999999999999
    const c = card(
      [
        section(
          's',
          [1, 2, 5].map((w, i) => criterion(`c${i}`, { weight: w, scale: { preset: '4-point' } })),
        ),
      ],
      {
        passThreshold: 50,
      },
    );
    const r = scoreEvaluation(c, [rate('c0', 0), rate('c1', 1), rate('c2', 2)]);
    expect(roundForDisplay(r.finalScore!)).toBe(50);
    expect(r.passed).toBe(true);
  });

  it('a critical failure fails even when the final score clears the threshold', () => {
    // a zero-weight gate: it carries no points, only the critical rule
    const c = card([section('s', [criterion('gate', { weight: 0, critical: { effect: 'cap', cap: 100 } }), criterion('b')])]);
    const r = scoreEvaluation(c, [rate('gate', 0), rate('b', 1)]);
    expect(r).toMatchObject({ rawScore: 100, finalScore: 100, passed: false, criticalFailures: ['gate'] });
  });

  it('a critical failure with nothing else scored: no score, but not passed', () => {
    const c = card([section('s', [criterion('gate', { weight: 0, critical: { effect: 'zero' } }), criterion('b', { allowNA: true })])]);
    expect(scoreEvaluation(c, [rate('gate', 0), na('b')])).toMatchObject({ rawScore: null, finalScore: null, passed: false });
  });
});

describe('partial answers', () => {
  const c = card([section('A', [criterion('a'), criterion('b')]), section('B', [criterion('c')])], { method: 'weighted-sections' });

  it('nothing answered: null scores, passed null', () => {
    const r = scoreEvaluation(c, []);
    expect(r).toMatchObject({ rawScore: null, finalScore: null, passed: null, criticalFailures: [], earned: 0, possible: 0 });
    expect(r.sections.map((s) => s.score)).toEqual([null, null]);
  });

  it('unanswered criteria are left out (the live sidebar score)', () => {
    const r = scoreEvaluation(c, [rate('a', 1)]);
    expect(r.rawScore).toBe(100);
    expect(r.sections.map((s) => s.score)).toEqual([100, null]);
  });

  it('all N/A under exclude: null, passed null', () => {
    const d = card([section('s', [criterion('a', { allowNA: true }), criterion('b', { allowNA: true })])]);
    expect(scoreEvaluation(d, [na('a'), na('b')])).toMatchObject({ rawScore: null, finalScore: null, passed: null });
    expect(scoreEvaluation({ ...d, naPolicy: 'count-as-pass' }, [na('a'), na('b')])).toMatchObject({ rawScore: 100, passed: true });
  });

  it('an out-of-range rating is left out rather than throwing (checkAnswers refuses it at the edge)', () => {
    expect(scoreEvaluation(c, [rate('a', 7), rate('b', 0)]).rawScore).toBe(0);
  });
});

describe('roundForDisplay', () => {
  it('rounds to 2 decimals', () => {
    expect(roundForDisplay(200 / 3)).toBe(66.67);
    expect(roundForDisplay(49.99999999999999)).toBe(50);
  });
});

/**
 * Vendors' own worked examples, written in our format 2 and scored by our one formula (docs/decisions/027-scorecard-format-2.md).
 * Sources: MaestroQA help "How do Total Point Rubrics work?" and "How do Custom Weighted Sections Rubrics work?",
 * Playvox help "Scorecard Bonus Sections", EvaluAgent's "treat as Pass/Fail" answers and auto-fail "keep score".
 */
import { describe, expect, it } from 'vitest';
import { parseWith } from './issues.ts';
import { ScorecardDefinition, type ScorecardDefinitionInput } from './scorecard.ts';
import { scoreEvaluation } from './scoring.ts';
import { na, rate } from './test-kit.ts';

const v2 = (card: Omit<ScorecardDefinitionInput, 'formatVersion'>) => ScorecardDefinition.parse({ formatVersion: 2, ...card });
const points = (id: string, max: number, over: Record<string, unknown> = {}) => ({
  id,
  label: id,
  weight: max,
  scale: { points: max },
  ...over,
});

describe('MaestroQA total-points rubric', () => {
  // Grammar and Tone 5, Product Knowledge 10, Problem Solving 15, Privacy and Security 5: 35 points
  const rubric = v2({
    name: 'Rubric A',
    method: 'total-points',
    sections: [
      { id: 'grammar', name: 'Grammar and Tone', criteria: [points('grammar-tone', 5)] },
      { id: 'product', name: 'Product Knowledge', criteria: [points('product-knowledge', 10)] },
      { id: 'solving', name: 'Problem Solving', criteria: [points('problem-solving', 15)] },
      { id: 'privacy', name: 'Privacy and Security', criteria: [points('privacy', 5, { allowNA: true })] },
    ],
  });

  it('21 of 35 points is a QA score of 60%', () => {
    const r = scoreEvaluation(rubric, [
      rate('grammar-tone', 3),
      rate('product-knowledge', 5),
      rate('problem-solving', 8),
      rate('privacy', 5),
    ]);
    expect(r).toMatchObject({ earned: 21, possible: 35, rawScore: 60, finalScore: 60 });
    expect(r.sections.map((s) => [s.earned, s.possible])).toEqual([
      [3, 5],
      [5, 10],
      [8, 15],
      [5, 5],
    ]);
  });

  it('Privacy and Security marked N/A leaves 16 of 30 points, roughly 53%', () => {
    const r = scoreEvaluation(rubric, [rate('grammar-tone', 3), rate('product-knowledge', 5), rate('problem-solving', 8), na('privacy')]);
    expect(r).toMatchObject({ earned: 16, possible: 30 });
    expect(r.finalScore).toBeCloseTo(53.33, 2);
  });

  it('custom weighted sections: 70% where total points gives 65%', () => {
    const sections = [
      { id: 'grammar', name: 'Grammar and Tone', weight: 10, criteria: [points('grammar-tone', 3)] },
      { id: 'product', name: 'Product Knowledge', weight: 30, criteria: [points('product-knowledge', 10)] },
      { id: 'solving', name: 'Problem Solving', weight: 50, criteria: [points('problem-solving', 5)] },
      { id: 'privacy', name: 'Privacy and Security', weight: 10, criteria: [points('privacy', 2)] },
    ];
    const answers = [rate('grammar-tone', 3), rate('product-knowledge', 5), rate('problem-solving', 4), rate('privacy', 1)];
    expect(scoreEvaluation(v2({ name: 'W', method: 'weighted-sections', sections }), answers).finalScore).toBeCloseTo(70, 10);
    expect(scoreEvaluation(v2({ name: 'T', method: 'total-points', sections }), answers).finalScore).toBeCloseTo(65, 10);
  });
});

describe('Playvox bonus section', () => {
  // 100 points as usual, and a bonus section worth 20 more: a maximum of 120
  const card = v2({
    name: 'With bonus',
    method: 'total-points',
    maxScore: 120,
    sections: [
      { id: 'opening', name: 'Opening', criteria: [points('greeting', 40)] },
      { id: 'resolution', name: 'Resolution', criteria: [points('solved', 60)] },
      { id: 'extra', name: 'Extra credit', bonus: true, criteria: [points('delight', 20)] },
    ],
  });

  it('a perfect evaluation with the whole bonus scores 120', () => {
    const r = scoreEvaluation(card, [rate('greeting', 40), rate('solved', 60), rate('delight', 20)]);
    expect(r).toMatchObject({ rawScore: 120, finalScore: 120, earned: 120, possible: 100, bonusPossible: 20, maxScore: 120, passed: true });
  });

  it('bonus points make up for points missed: 90 + 15 = 105', () => {
    const r = scoreEvaluation(card, [rate('greeting', 35), rate('solved', 55), rate('delight', 15)]);
    expect(r.finalScore).toBe(105);
    expect(r.sections[2]).toMatchObject({ id: 'extra', score: 75, earned: 15, possible: 0, bonusPossible: 20 });
  });

  it('no bonus earned scores as if there were none', () => {
    expect(scoreEvaluation(card, [rate('greeting', 30), rate('solved', 50), rate('delight', 0)]).finalScore).toBe(80);
  });

  it('with nothing but the bonus answered there is no score to judge', () => {
    expect(scoreEvaluation(card, [rate('delight', 20)])).toMatchObject({ rawScore: null, finalScore: null, passed: null });
  });

  it('a declared maximum below what bonus could reach caps the score', () => {
    const capped = v2({ ...card, maxScore: 110 });
    expect(scoreEvaluation(capped, [rate('greeting', 40), rate('solved', 60), rate('delight', 20)]).finalScore).toBe(110);
  });

  it('a bonus section under weighted sections adds its weighted share on top', () => {
    const weighted = v2({
      name: 'Weighted bonus',
      method: 'weighted-sections',
      maxScore: 120,
      sections: [
        { id: 'a', name: 'A', weight: 50, criteria: [{ id: 'a1', label: 'a1', weight: 1, scale: { preset: 'binary' } }] },
        { id: 'b', name: 'B', weight: 50, criteria: [{ id: 'b1', label: 'b1', weight: 1, scale: { preset: 'binary' } }] },
        { id: 'x', name: 'Bonus', weight: 20, bonus: true, criteria: [{ id: 'x1', label: 'x1', weight: 1, scale: { preset: '3-point' } }] },
      ],
    });
    // (50 x 1 + 50 x 0 + 20 x 0.5) / 100 = 60
    expect(scoreEvaluation(weighted, [rate('a1', 1), rate('b1', 0), rate('x1', 1)]).finalScore).toBe(60);
  });
});

describe('EvaluAgent "treat as" answers and auto-fail that keeps the score', () => {
  const card = (effect: 'fail' | 'zero') =>
    v2({
      name: 'Compliance',
      method: 'weighted-criteria',
      passThreshold: 70,
      sections: [
        {
          id: 'compliance',
          name: 'Compliance',
          criteria: [
            {
              id: 'verified',
              label: 'Verified the caller',
              weight: 2,
              critical: { effect },
              scale: {
                options: [
                  { label: 'Fully', fraction: 1 },
                  // worth 0.6 of the points, but treated as a fail
                  { label: 'Partly', fraction: 0.6, countsAsFail: true },
                  // worth 0.4, treated as a pass
                  { label: 'Late', fraction: 0.4, countsAsFail: false },
                  { label: 'No', fraction: 0 },
                ],
              },
            },
            { id: 'tone', label: 'Tone', weight: 1, scale: { preset: 'binary' } },
          ],
        },
      ],
    });

  it('an option worth 0.6 treated as fail fails the outcome; "fail" keeps the score', () => {
    const r = scoreEvaluation(card('fail'), [rate('verified', 1), rate('tone', 1)]);
    // (2 x 0.6 + 1 x 1) / 3 = 73.33: above the threshold, failed all the same
    expect(r.finalScore).toBeCloseTo(73.33, 2);
    expect(r.rawScore).toBe(r.finalScore);
    expect(r).toMatchObject({ passed: false, criticalFailures: ['verified'] });
  });

  it('an option worth 0.4 treated as pass does not fail', () => {
    const r = scoreEvaluation(card('fail'), [rate('verified', 2), rate('tone', 1)]);
    expect(r).toMatchObject({ passed: false, criticalFailures: [] });
    expect(r.finalScore).toBeCloseTo(60, 10);
  });

  it('the same answer under "zero" scores 0', () => {
    expect(scoreEvaluation(card('zero'), [rate('verified', 1), rate('tone', 1)])).toMatchObject({ finalScore: 0, passed: false });
  });

  it('a per-criterion fail line: below 0.75 fails a critical 5-point criterion', () => {
    const strict = v2({
      name: 'Strict',
      method: 'weighted-criteria',
      sections: [
        {
          id: 's',
          name: 'S',
          criteria: [{ id: 'c', label: 'c', weight: 1, scale: { preset: '5-point' }, critical: { effect: 'fail' }, failBelow: 0.75 }],
        },
      ],
    });
    expect(scoreEvaluation(strict, [rate('c', 2)]).criticalFailures).toEqual(['c']);
    expect(scoreEvaluation(strict, [rate('c', 3)]).criticalFailures).toEqual([]);
  });
});

describe('non-scoring criteria and percentages', () => {
  const card = v2({
    name: 'Kixie-style categories',
    method: 'weighted-criteria',
    sections: [
      {
        id: 'call',
        name: 'Call',
        criteria: [
          { id: 'discovery', label: 'Discovery', weight: 30, scale: { percent: true } },
          { id: 'close', label: 'Close', weight: 70, scale: { percent: true } },
          { id: 'refund', label: 'Was a refund issued?', weight: 0, scoring: false, scale: { choices: ['Yes', 'No', 'Partial'] } },
        ],
      },
    ],
  });

  it('category percentages weigh in directly: 30% x 85 + 70% x 60 = 67.5', () => {
    expect(scoreEvaluation(card, [rate('discovery', 85), rate('close', 60), rate('refund', 0)]).finalScore).toBeCloseTo(67.5, 10);
  });

  it('a non-scoring answer never changes the score', () => {
    const scores = [0, 1, 2].map((choice) => scoreEvaluation(card, [rate('discovery', 85), rate('close', 60), rate('refund', choice)]));
    expect(new Set(scores.map((s) => s.finalScore)).size).toBe(1);
    expect(scores[0]!.possible).toBe(100);
  });
});

describe('format 2 rules', () => {
  const base = {
    name: 'Card',
    method: 'total-points' as const,
    sections: [{ id: 's', name: 'S', criteria: [{ id: 'c', label: 'c', weight: 15, scale: { points: 15 } }] }],
  };
  const errors = (card: unknown) => {
    const r = parseWith(ScorecardDefinition, card);
    return r.ok ? [] : r.errors;
  };

  it('format-2 features without formatVersion 2 are refused, naming where and what to add', () => {
    expect(errors(base)).toEqual([
      'sections[0].criteria[0].scale: points and percent scales need "formatVersion": 2 (add it at the top of the scorecard)',
    ]);
    expect(errors({ ...base, formatVersion: 2 })).toEqual([]);
  });

  it('a format newer than this code reads is refused by name', () => {
    expect(errors({ ...base, formatVersion: 3 })[0]).toEqual('formatVersion: must be one of 1, 2');
  });

  it('points go from 1 to 100', () => {
    expect(
      errors({
        ...base,
        formatVersion: 2,
        sections: [{ ...base.sections[0], criteria: [{ id: 'c', label: 'c', weight: 1, scale: { points: 101 } }] }],
      }),
    ).toEqual(['sections[0].criteria[0].scale.points: must be <= 100']);
  });

  it.each([
    [{ bonus: true }, 'maxScore: a scorecard with bonus criteria must declare maxScore, its highest score (above 100)'],
    [{ bonus: true, allowNA: true }, 'sections[0].criteria[1].allowNA: a bonus criterion cannot be N/A: a bonus not earned is 0'],
    [{ bonus: true, critical: { effect: 'zero' } }, 'sections[0].criteria[1].critical: a bonus criterion cannot be critical'],
    [{ scoring: false }, 'sections[0].criteria[1].weight: a non-scoring criterion counts nothing: weight must be 0'],
    [
      { weight: 0, scale: { choices: ['A', 'B'] } },
      'sections[0].criteria[1].scale: choices carry no score: use them with "scoring": false',
    ],
    [{ failBelow: 0.7 }, 'sections[0].criteria[1].failBelow: failBelow applies to a critical criterion: set "critical" or remove it'],
  ])('%j is refused with a reason', (extra, message) => {
    const card = {
      ...base,
      formatVersion: 2,
      sections: [
        {
          ...base.sections[0],
          criteria: [...base.sections[0]!.criteria, { id: 'd', label: 'd', weight: 5, scale: { points: 5 }, ...extra }],
        },
      ],
    };
    expect(errors(card)).toContain(message);
  });

  it('maxScore without bonus is refused', () => {
    expect(errors({ ...base, formatVersion: 2, maxScore: 120 })).toEqual([
      'maxScore: maxScore is for scorecards with bonus criteria: remove it or mark a bonus',
    ]);
  });

  it('bonus and non-scoring criteria alone cannot make a score', () => {
    const card = {
      ...base,
      formatVersion: 2,
      maxScore: 120,
      sections: [{ id: 's', name: 'S', bonus: true, criteria: [{ id: 'c', label: 'c', weight: 15, scale: { points: 15 } }] }],
    };
    expect(errors(card)).toContain('sections: at least one criterion must have a weight above 0');
  });
});

describe('examples/points-and-bonus-scorecard.json', () => {
  it('parses and scores 120 with full marks and the whole bonus', async () => {
    const { default: example } = await import('../../examples/points-and-bonus-scorecard.json', { with: { type: 'json' } });
    const card = ScorecardDefinition.parse(example);
    const r = scoreEvaluation(card, [
      rate('question-identified', 30),
      rate('correct', 50),
      rate('refund-issued', 1),
      rate('identity-verified', 0),
      rate('proactive', 20),
    ]);
    expect(r).toMatchObject({ finalScore: 120, passed: true, maxScore: 120 });
    // "After the change" is worth 0.6 of 20 points and fails the outcome, keeping 30 + 50 + 12 + 20 = 112
    const late = scoreEvaluation(card, [
      rate('question-identified', 30),
      rate('correct', 50),
      rate('refund-issued', 1),
      rate('identity-verified', 1),
      rate('proactive', 20),
    ]);
    expect(late).toMatchObject({ passed: false, criticalFailures: ['identity-verified'] });
    expect(late.finalScore).toBeCloseTo(112, 10);
  });
});

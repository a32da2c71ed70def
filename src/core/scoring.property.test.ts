import { describe, expect, it } from 'vitest';
import type { Answer } from './answers.ts';
import { scoreEvaluation, type ScoreResult } from './scoring.ts';
import { ScorecardDefinition, allCriteria, scaleOptions, type Criterion } from './scorecard.ts';
import { seeded, type Random } from './test-kit.ts';

const RUNS = 400;

function randomWeight(r: Random): number {
  return r.pick([0, 0.5, 1, 1, 2, 3, 5, 10, r.int(0, 1000) / 7]);
}

function randomScale(r: Random): Criterion['scale'] {
  if (r.chance(0.7)) return { preset: r.pick(['binary', '3-point', '4-point', '5-point'] as const) };
  return { options: Array.from({ length: r.int(2, 6) }, (_, i) => ({ label: `o${i}`, fraction: r.int(0, 100) / 100 })) };
}

function randomCard(r: Random): ScorecardDefinition {
  let n = 0;
  const sections = Array.from({ length: r.int(1, 4) }, (_, s) => ({
    id: `s${s}`,
    name: `Section ${s}`,
    weight: randomWeight(r),
    criteria: Array.from({ length: r.int(1, 5) }, () => {
      const id = `c${n++}`;
      return {
        id,
        label: id,
        weight: randomWeight(r),
        scale: randomScale(r),
        allowNA: r.chance(0.4),
        critical: r.chance(0.7)
          ? null
          : r.pick([{ effect: 'zero' as const }, { effect: 'zero-section' as const }, { effect: 'cap' as const, cap: r.int(0, 100) }]),
      };
    }),
  }));
  // the schema refuses all-zero weights; keep the generated cards valid
  sections[0]!.weight ||= 1;
  sections[0]!.criteria[0]!.weight ||= 1;
  return ScorecardDefinition.parse({
    name: 'Random',
    method: r.pick(['weighted-criteria', 'total-points', 'weighted-sections'] as const),
    naPolicy: r.pick(['exclude', 'count-as-pass'] as const),
    passThreshold: r.int(0, 100),
    sections,
  });
}

/** Answers a random subset; N/A only where allowed. */
function randomAnswers(r: Random, card: ScorecardDefinition, answerRate = 0.85): Answer[] {
  return allCriteria(card).flatMap(({ criterion }): Answer[] => {
    if (!r.chance(answerRate)) return [];
    if (criterion.allowNA && r.chance(0.25)) return [{ criterionId: criterion.id, na: true }];
    return [{ criterionId: criterion.id, rating: r.int(0, scaleOptions(criterion.scale).length - 1) }];
  });
}

function cases(seed: number, run: (card: ScorecardDefinition, answers: Answer[], r: Random) => void) {
  const r = seeded(seed);
  for (let i = 0; i < RUNS; i++) {
    const card = randomCard(r);
    run(card, randomAnswers(r, card, r.pick([0, 0.5, 0.85, 1])), r);
  }
}

const inRange = (x: number | null) => x === null || (x >= 0 && x <= 100);

function scaleWeights(card: ScorecardDefinition, k: number): ScorecardDefinition {
  return {
    ...card,
    sections: card.sections.map((s) => ({ ...s, weight: s.weight * k, criteria: s.criteria.map((c) => ({ ...c, weight: c.weight * k })) })),
  };
}

function expectSameScores(a: ScoreResult, b: ScoreResult) {
  for (const key of ['rawScore', 'finalScore'] as const) {
    if (a[key] === null) expect(b[key]).toBeNull();
    else expect(b[key]).toBeCloseTo(a[key], 9);
  }
  expect(b.passed).toBe(a.passed);
  expect(b.criticalFailures).toEqual(a.criticalFailures);
  a.sections.forEach((s, i) =>
    s.score === null ? expect(b.sections[i]!.score).toBeNull() : expect(b.sections[i]!.score).toBeCloseTo(s.score, 9),
  );
}

describe('scoring properties (seeded, replayable)', () => {
  it('every score is within 0..100 or null', () => {
    cases(1, (card, answers) => {
      const r = scoreEvaluation(card, answers);
      expect(inRange(r.rawScore) && inRange(r.finalScore) && r.sections.every((s) => inRange(s.score))).toBe(true);
    });
  });

  it('final <= raw, and final is null exactly when raw is', () => {
    cases(2, (card, answers) => {
      const r = scoreEvaluation(card, answers);
      expect(r.finalScore === null).toBe(r.rawScore === null);
      if (r.rawScore !== null) expect(r.finalScore!).toBeLessThanOrEqual(r.rawScore);
    });
  });

  it('multiplying every weight (criteria and sections) by a positive constant changes nothing', () => {
    cases(3, (card, answers, r) => {
      const k = r.pick([0.001, 0.37, 3, 7.5, 1000, 1e6]);
      expectSameScores(scoreEvaluation(card, answers), scoreEvaluation(scaleWeights(card, k), answers));
    });
  });

  it('adding an N/A answer for an unanswered allowNA criterion under exclude changes nothing', () => {
    let tried = 0;
    cases(4, (card, answers, r) => {
      const excl: ScorecardDefinition = { ...card, naPolicy: 'exclude' };
      const answered = new Set(answers.map((a) => a.criterionId));
      const open = allCriteria(excl).filter(({ criterion }) => criterion.allowNA && !answered.has(criterion.id));
      if (open.length === 0) return;
      tried++;
      const extra = { criterionId: r.pick(open).criterion.id, na: true as const };
      expect(scoreEvaluation(excl, [...answers, extra])).toEqual(scoreEvaluation(excl, answers));
    });
    expect(tried).toBeGreaterThan(RUNS / 4); // the property was really exercised
  });

  it('weighted-criteria and total-points give the same number', () => {
    cases(5, (card, answers) => {
      const a = scoreEvaluation({ ...card, method: 'weighted-criteria' }, answers);
      const b = scoreEvaluation({ ...card, method: 'total-points' }, answers);
      expect(b).toEqual(a);
    });
  });

  it('passed follows the rule: a critical failure fails, else final >= threshold, else null without a score', () => {
    cases(6, (card, answers) => {
      const r = scoreEvaluation(card, answers);
      if (r.criticalFailures.length > 0) expect(r.passed).toBe(false);
      else if (r.finalScore === null) expect(r.passed).toBeNull();
      else expect(r.passed).toBe(r.finalScore >= card.passThreshold - 1e-9);
    });
  });

  it('all top ratings score 100 with no critical failure when each scale reaches 1', () => {
    cases(7, (card) => {
      const top = allCriteria(card).map(({ criterion }) => {
        const fractions = scaleOptions(criterion.scale).map((o) => o.fraction);
        return { criterionId: criterion.id, rating: fractions.indexOf(Math.max(...fractions)) };
      });
      const everyScaleReachesOne = allCriteria(card).every(({ criterion }) => scaleOptions(criterion.scale).some((o) => o.fraction === 1));
      const r = scoreEvaluation(card, top);
      if (everyScaleReachesOne && r.rawScore !== null) expect(r.finalScore).toBeCloseTo(100, 9);
    });
  });
});

/** The format-2 example card and answers the service's format-2 tests share. */
import { readFileSync } from 'node:fs';
import { ScorecardDefinition } from '../../src/core/scorecard.ts';

export const POINTS_AND_BONUS = ScorecardDefinition.parse(
  JSON.parse(readFileSync(new URL('../../examples/points-and-bonus-scorecard.json', import.meta.url), 'utf8')),
);

/** question 30/30, correct 45/50, refund: Partial, identity: 'After the change' (0.6, counts as fail), proactive 10/20. */
export const FORMAT_2_ANSWERS = [
  { criterionId: 'question-identified', rating: 30 },
  { criterionId: 'correct', rating: 45 },
  { criterionId: 'refund-issued', rating: 2 },
  { criterionId: 'identity-verified', rating: 1 },
  { criterionId: 'proactive', rating: 10 },
];

/** 30 + 50 + 20 of 100, and 5 bonus points: 105. */
export const FORMAT_2_HIGH = [
  { criterionId: 'question-identified', rating: 30 },
  { criterionId: 'correct', rating: 50 },
  { criterionId: 'refund-issued', rating: 0 },
  { criterionId: 'identity-verified', rating: 0 },
  { criterionId: 'proactive', rating: 5 },
];

import exampleCard from '../../../examples/email-scorecard.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { ScorecardDefinition } from '../scorecard.ts';
import { scoreEvaluation } from '../scoring.ts';
import { format1Cases } from './format-1-cases.ts';
import recorded from './format-1-scores.json' with { type: 'json' };

// Recorded with the scoring code as it was before format 2 (commit 3f8073e); a template edit means recording again.
describe('format-1 scorecards keep parsing and scoring exactly as before format 2', () => {
  const cases = format1Cases(exampleCard);

  it('has every recorded case', () => {
    expect(cases).toHaveLength(recorded.length);
  });

  it('scores every case to the recorded bit', () => {
    const now = cases.map((c) => {
      const s = scoreEvaluation(c.definition, c.answers);
      return [
        c.card,
        s.rawScore,
        s.finalScore,
        s.passed,
        s.criticalFailures,
        s.earned,
        s.possible,
        s.sections.map((x) => [x.id, x.score, x.earned, x.possible]),
      ];
    });
    expect(now).toEqual(recorded);
  });

  it('parses a stored format-1 definition to itself: no version or field is added', () => {
    for (const c of cases) {
      expect(c.definition.formatVersion).toBeUndefined();
      expect(ScorecardDefinition.parse(JSON.parse(JSON.stringify(c.definition)))).toEqual(c.definition);
    }
  });
});

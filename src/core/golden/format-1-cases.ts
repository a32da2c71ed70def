/**
 * Format-1 scorecards and answers whose scores were recorded before format 2 existed (format-1-scores.json): the
 * templates, the example file, and seeded random cards with every format-1 feature. Test support only.
 */
import type { Answer } from '../answers.ts';
import { allCriteria, ScorecardDefinition, scaleOptions } from '../scorecard.ts';
import { TEMPLATES } from '../templates.ts';
import { type Random, seeded } from '../test-kit.ts';

const weight = (r: Random) => r.pick([0, 0.5, 1, 1, 2, 3, 5, 10, r.int(0, 1000) / 7]);

function randomCard(r: Random, i: number): ScorecardDefinition {
  let n = 0;
  const sections = Array.from({ length: r.int(1, 4) }, (_, s) => ({
    id: `s${s}`,
    name: `Section ${s}`,
    weight: weight(r),
    criteria: Array.from({ length: r.int(1, 6) }, () => {
      const id = `c${n++}`;
      const metric = r.chance(0.1);
      return {
        id,
        label: id,
        weight: weight(r),
        scale: metric
          ? { preset: 'binary' as const }
          : r.chance(0.7)
            ? { preset: r.pick(['binary', '3-point', '4-point', '5-point'] as const) }
            : { options: Array.from({ length: r.int(2, 11) }, (_, o) => ({ label: `o${o}`, fraction: r.int(0, 100) / 100 })) },
        allowNA: r.chance(0.4),
        critical: r.chance(0.65)
          ? null
          : r.pick([{ effect: 'zero' as const }, { effect: 'zero-section' as const }, { effect: 'cap' as const, cap: r.int(0, 100) }]),
        ...(metric ? { metric: { name: 'reopens' as const, direction: 'at-most' as const, target: 0 } } : {}),
      };
    }),
  }));
  sections[0]!.weight ||= 1;
  sections[0]!.criteria[0]!.weight ||= 1;
  return ScorecardDefinition.parse({
    name: `Random ${i}`,
    method: r.pick(['weighted-criteria', 'total-points', 'weighted-sections'] as const),
    naPolicy: r.pick(['exclude', 'count-as-pass'] as const),
    passThreshold: r.int(0, 100),
    sections,
  });
}

function randomAnswers(r: Random, card: ScorecardDefinition): Answer[] {
  return allCriteria(card).flatMap(({ criterion }): Answer[] => {
    if (r.chance(0.1)) return [];
    if ((criterion.allowNA || criterion.metric) && r.chance(0.2)) return [{ criterionId: criterion.id, na: true }];
    return [{ criterionId: criterion.id, rating: r.int(0, scaleOptions(criterion.scale).length - 1) }];
  });
}

export interface GoldenCase {
  card: string;
  definition: ScorecardDefinition;
  answers: Answer[];
}

/** 10 answer sets for each of the 4 templates, the example and 60 random cards: 650 cases. */
export function format1Cases(exampleCard: unknown): GoldenCase[] {
  const r = seeded(20261207);
  const cards: Array<[string, ScorecardDefinition]> = [
    ...Object.entries(TEMPLATES).map(([name, t]): [string, ScorecardDefinition] => [`template:${name}`, ScorecardDefinition.parse(t)]),
    ['examples/email-scorecard.json', ScorecardDefinition.parse(exampleCard)],
    ...Array.from({ length: 60 }, (_, i): [string, ScorecardDefinition] => [`random:${i}`, randomCard(r, i)]),
  ];
  return cards.flatMap(([card, definition]) =>
    Array.from({ length: 10 }, () => ({ card, definition, answers: randomAnswers(r, definition) })),
  );
}

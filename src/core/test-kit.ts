// Builders and a seeded random source for core tests; pure like the rest of core.
import type { Answer } from './answers.ts';
import { seededRandom } from './random.ts';
import { ScorecardDefinition, type ScorecardDefinitionInput } from './scorecard.ts';

export type CriterionInput = ScorecardDefinitionInput['sections'][number]['criteria'][number];
type SectionInput = Omit<ScorecardDefinitionInput['sections'][number], 'criteria'> & { criteria: CriterionInput[] };

/** A binary, weight-1 criterion unless told otherwise. */
export function criterion(id: string, over: Partial<CriterionInput> = {}): CriterionInput {
  return { id, label: id, weight: 1, scale: { preset: 'binary' }, ...over };
}

export function section(id: string, criteria: CriterionInput[], over: Partial<SectionInput> = {}): SectionInput {
  return { id, name: id, criteria, ...over };
}

/** Parses a scorecard through the public schema so tests see the same defaults as production. */
export function card(sections: SectionInput[], over: Partial<ScorecardDefinitionInput> = {}): ScorecardDefinition {
  return ScorecardDefinition.parse({ name: 'Test', method: 'weighted-criteria', sections, ...over });
}

export const rate = (criterionId: string, rating: number): Answer => ({ criterionId, rating });
export const na = (criterionId: string): Answer => ({ criterionId, na: true });

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** Core's seeded generator (mulberry32) with helpers, for property tests that must replay the same cases. */
export function seeded(seed: number): Random {
  const next = seededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, int, pick: (items) => items[int(0, items.length - 1)]!, chance: (p) => next() < p };
}

/**
 * Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", section C: 4 observers x 12 units, values 1..5,
 * missing null, as units (one array of the observers' values per unit). Published alpha: nominal .743, ordinal .815,
 * interval .849, ratio .797.
 */
export function krippendorff2011Units(): (number | null)[][] {
  const _ = null;
  const observers = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
  ];
  return observers[0]!.map((_v, u) => observers.map((o) => o[u] ?? null));
}

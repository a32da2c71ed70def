// Builders and a seeded random source for core tests; pure like the rest of core.
import type { Answer } from './answers.ts';
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

/** mulberry32: tiny, seeded, good enough for property tests that must replay the same cases. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, int, pick: (items) => items[int(0, items.length - 1)]!, chance: (p) => next() < p };
}

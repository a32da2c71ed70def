import type { Answer } from './answers.ts';
import { scaleOptions, type Criterion, type ScorecardDefinition, type Section } from './scorecard.ts';

/** A critical criterion fails below this fraction: a middle rating on a 3-point scale does not fail. */
export const CRITICAL_FAIL_BELOW = 0.5;

export interface SectionScore {
  id: string;
  /** 0..100 before critical effects, null when nothing in the section counts. */
  score: number | null;
  earned: number;
  possible: number;
}

export interface ScoreResult {
  /** 0..100 before critical effects; null when nothing was answered. */
  rawScore: number | null;
  /** 0..100 after critical effects; null when nothing was answered. */
  finalScore: number | null;
  /** null when there is no score to judge. */
  passed: boolean | null;
  criticalFailures: string[];
  sections: SectionScore[];
  /** Points view of the raw score (total-points shows "earned of possible"). */
  earned: number;
  possible: number;
}

interface Counted {
  weight: number;
  fraction: number;
}

/** The fraction and weight a single answer contributes, or null when it is left out of the score. */
function counted(criterion: Criterion, answer: Answer | undefined, naPolicy: ScorecardDefinition['naPolicy']): Counted | null {
  if (!answer) return null;
  if (answer.na) return naPolicy === 'count-as-pass' ? { weight: criterion.weight, fraction: 1 } : null;
  const option = answer.rating === undefined ? undefined : scaleOptions(criterion.scale)[answer.rating];
  return option ? { weight: criterion.weight, fraction: option.fraction } : null;
}

function ratio(earned: number, possible: number): number | null {
  return possible > 0 ? (earned / possible) * 100 : null;
}

function sum(parts: Counted[]): { earned: number; possible: number } {
  let earned = 0;
  let possible = 0;
  for (const p of parts) {
    earned += p.weight * p.fraction;
    possible += p.weight;
  }
  return { earned, possible };
}

type Combine = (sections: Section[], partsBySection: Counted[][]) => number | null;

/** One table keyed by method; weighted-criteria and total-points are the same number. */
const COMBINE: Record<ScorecardDefinition['method'], Combine> = {
  'weighted-criteria': (_s, parts) => {
    const t = sum(parts.flat());
    return ratio(t.earned, t.possible);
  },
  'total-points': (_s, parts) => {
    const t = sum(parts.flat());
    return ratio(t.earned, t.possible);
  },
  'weighted-sections': (sections, parts) => {
    let weighted = 0;
    let weights = 0;
    sections.forEach((section, i) => {
      const t = sum(parts[i]!);
      const score = ratio(t.earned, t.possible);
      if (score === null) return; // sections with nothing answered drop out and the weights renormalise
      weighted += section.weight * score;
      weights += section.weight;
    });
    return weights > 0 ? weighted / weights : null;
  },
};

/**
 * Scores answers against a scorecard: the same function runs live in the sidebar and
 * authoritatively on the server. Tolerates partial answers (unanswered criteria are left out).
 */
export function scoreEvaluation(card: ScorecardDefinition, answers: readonly Answer[]): ScoreResult {
  const byId = new Map(answers.map((a) => [a.criterionId, a]));
  const criticalFailures: string[] = [];
  const zeroedSections = new Set<number>();
  let cap = Infinity;
  let zero = false;

  const parts: Counted[][] = card.sections.map((section, s) =>
    section.criteria.flatMap((criterion) => {
      const c = counted(criterion, byId.get(criterion.id), card.naPolicy);
      const answer = byId.get(criterion.id);
      if (criterion.critical && c && !answer?.na && c.fraction < CRITICAL_FAIL_BELOW) {
        criticalFailures.push(criterion.id);
        if (criterion.critical.effect === 'zero') zero = true;
        else if (criterion.critical.effect === 'zero-section') zeroedSections.add(s);
        else cap = Math.min(cap, criterion.critical.cap);
      }
      return c ? [c] : [];
    }),
  );

  const combine = COMBINE[card.method];
  const rawScore = combine(card.sections, parts);
  const adjusted = parts.map((p, s) => (zeroedSections.has(s) ? p.map((c) => ({ ...c, fraction: 0 })) : p));
  let finalScore = zeroedSections.size > 0 ? combine(card.sections, adjusted) : rawScore;
  if (finalScore !== null) {
    if (zero) finalScore = 0;
    finalScore = Math.min(finalScore, cap);
  }
  const total = sum(parts.flat());
  return {
    rawScore,
    finalScore,
    passed: finalScore === null ? null : finalScore >= card.passThreshold && criticalFailures.length === 0,
    criticalFailures,
    sections: card.sections.map((section, s) => {
      const t = sum(parts[s]!);
      return { id: section.id, score: ratio(t.earned, t.possible), earned: t.earned, possible: t.possible };
    }),
    earned: total.earned,
    possible: total.possible,
  };
}

/** Display rounding only (2 decimals); stored and compared scores stay unrounded. */
export function roundForDisplay(score: number): number {
  return Math.round(score * 100) / 100;
}

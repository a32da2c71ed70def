import type { Answer } from './answers.ts';
import { optionFails, scaleOptions } from './scale.ts';
import type { Criterion, ScorecardDefinition, Section } from './scorecard.ts';

/** Float slack for the pass check: 1/3-fractions can land at 49.99999999999999 for an exact 50 (docs/decisions/002-scoring.md). */
export const PASS_TOLERANCE = 1e-9;

export interface SectionScore {
  id: string;
  /**
   * Before critical effects, null when nothing in the section counts: earned / possible x 100, above 100 when bonus
   * criteria earned more than the others missed; a bonus section scores its share of its own bonus (0..100).
   */
  score: number | null;
  /** Points earned, bonus included. */
  earned: number;
  /** Points possible without bonus. */
  possible: number;
  /** Points the section's bonus criteria could add. */
  bonusPossible: number;
}

export interface ScoreResult {
  /** 0..100 before critical effects; null when nothing was answered. */
  rawScore: number | null;
  /** 0..100 after critical effects; null when nothing was answered. */
  finalScore: number | null;
  /** false on any critical failure; otherwise null when there is no score to judge. */
  passed: boolean | null;
  criticalFailures: string[];
  sections: SectionScore[];
  /** Points view of the raw score (total-points shows "earned of possible"); earned includes bonus, possible does not. */
  earned: number;
  possible: number;
  /** Points bonus criteria could add on top of `possible`. */
  bonusPossible: number;
  /** The highest score: 100, or the card's declared maxScore with bonus criteria. */
  maxScore: number;
}

interface Counted {
  weight: number;
  fraction: number;
  /** Adds earned points only (docs/decisions/027-scorecard-format-2.md). */
  bonus: boolean;
}

/** The fraction and weight a single answer contributes, or null when it is left out of the score. */
function counted(
  section: Section,
  criterion: Criterion,
  answer: Answer | undefined,
  naPolicy: ScorecardDefinition['naPolicy'],
): Counted | null {
  if (!answer || criterion.scoring === false) return null;
  const bonus = section.bonus === true || criterion.bonus === true;
  // an N/A bonus is a bonus not earned, whatever the N/A policy
  if (answer.na) return naPolicy === 'count-as-pass' && !bonus ? { weight: criterion.weight, fraction: 1, bonus } : null;
  const option = answer.rating === undefined ? undefined : scaleOptions(criterion.scale)[answer.rating];
  return option ? { weight: criterion.weight, fraction: option.fraction, bonus } : null;
}

function sum(parts: readonly Counted[]): { earned: number; possible: number; bonusPossible: number } {
  let earned = 0;
  let possible = 0;
  let bonusPossible = 0;
  for (const p of parts) {
    earned += p.weight * p.fraction;
    if (p.bonus) bonusPossible += p.weight;
    else possible += p.weight;
  }
  return { earned, possible, bonusPossible };
}

/**
 * Share of the possible, or null when nothing counts (all N/A, unanswered or zero weight). Without bonus criteria it
 * stays in 0..1 (rounding is monotone); bonus earned adds to it. A bonus section's share is of its own bonus.
 */
function share(parts: readonly Counted[], bonusSection = false): number | null {
  const t = sum(parts);
  const of = bonusSection ? t.bonusPossible : t.possible;
  return of > 0 ? t.earned / of : null;
}

const percent = (s: number | null): number | null => (s === null ? null : s * 100);

type Combine = (sections: readonly Section[], partsBySection: readonly Counted[][]) => number | null;

/** Weighted-criteria and total-points are one formula (points = weight); only the display differs. */
const pooled: Combine = (_sections, parts) => percent(share(parts.flat()));

/** One table keyed by method (docs/decisions/002-scoring.md). */
const COMBINE: Record<ScorecardDefinition['method'], Combine> = {
  'weighted-criteria': pooled,
  'total-points': pooled,
  'weighted-sections': (sections, parts) => {
    // each section's share weighted by the section weight; sections with nothing counted drop out and the rest
    // renormalise; a bonus section adds its weighted share on top
    const weighted = sections.flatMap((section, i) => {
      const s = share(parts[i]!, section.bonus === true);
      return s === null ? [] : [{ weight: section.weight, fraction: s, bonus: section.bonus === true }];
    });
    const t = sum(weighted);
    return t.possible > 0 ? percent(t.earned / t.possible) : null;
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
      const answer = byId.get(criterion.id);
      const c = counted(section, criterion, answer, card.naPolicy);
      const option = answer?.rating === undefined ? undefined : scaleOptions(criterion.scale)[answer.rating];
      // N/A never fails a critical rule, whatever the N/A policy
      if (criterion.critical && c && option && optionFails(criterion, option)) {
        criticalFailures.push(criterion.id);
        const rule = criterion.critical;
        if (rule.effect === 'zero') zero = true;
        else if (rule.effect === 'zero-section') zeroedSections.add(s);
        else if (rule.effect === 'cap') cap = Math.min(cap, rule.cap);
        // 'fail' fails the evaluation and keeps its score
      }
      return c ? [c] : [];
    }),
  );

  const maxScore = card.maxScore ?? 100;
  const combine: Combine = (sections, p) => {
    const score = COMBINE[card.method](sections, p);
    // bonus lifts a score to the card's declared maximum, no further
    return score === null ? null : Math.min(score, maxScore);
  };
  const rawScore = combine(card.sections, parts);
  // zero-section keeps the section's answered criteria in the denominator at fraction 0; zero and cap apply after
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
    passed: criticalFailures.length > 0 ? false : finalScore === null ? null : finalScore >= card.passThreshold - PASS_TOLERANCE,
    criticalFailures,
    sections: card.sections.map((section, s) => {
      const t = sum(parts[s]!);
      return { id: section.id, score: percent(share(parts[s]!, section.bonus === true)), ...t };
    }),
    earned: total.earned,
    possible: total.possible,
    bonusPossible: total.bonusPossible,
    maxScore,
  };
}

/** Display rounding only (2 decimals); stored and compared scores stay unrounded. */
export function roundForDisplay(score: number): number {
  return Math.round(score * 100) / 100;
}

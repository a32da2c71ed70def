import type { Answer } from './answers.ts';
import { scaleOptions } from './scale.ts';
import type { Criterion, ScorecardDefinition, Section } from './scorecard.ts';

/** A critical criterion fails below this fraction: a middle rating on a 3-point scale does not fail. */
export const CRITICAL_FAIL_BELOW = 0.5;

/** Float slack for the pass check: 1/3-fractions can land at 49.99999999999999 for an exact 50 (docs/decisions/002-scoring.md). */
export const PASS_TOLERANCE = 1e-9;

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
  /** false on any critical failure; otherwise null when there is no score to judge. */
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

function sum(parts: readonly Counted[]): { earned: number; possible: number } {
  let earned = 0;
  let possible = 0;
  for (const p of parts) {
    earned += p.weight * p.fraction;
    possible += p.weight;
  }
  return { earned, possible };
}

/** Share of the possible in 0..1, or null when nothing counts (all N/A, unanswered or zero weight). */
function share(parts: readonly Counted[]): number | null {
  const t = sum(parts);
  // earned <= possible holds in floating point too (rounding is monotone), so the share never exceeds 1
  return t.possible > 0 ? t.earned / t.possible : null;
}

const percent = (s: number | null): number | null => (s === null ? null : s * 100);

type Combine = (sections: readonly Section[], partsBySection: readonly Counted[][]) => number | null;

/** Weighted-criteria and total-points are one formula (points = weight); only the display differs. */
const pooled: Combine = (_sections, parts) => percent(share(parts.flat()));

/** One table keyed by method (docs/decisions/002-scoring.md). */
const COMBINE: Record<ScorecardDefinition['method'], Combine> = {
  'weighted-criteria': pooled,
  'total-points': pooled,
  'weighted-sections': (sections, parts) =>
    // each section's share weighted by the section weight; sections with nothing counted drop out and the rest renormalise
    percent(
      share(
        sections.flatMap((section, i) => {
          const s = share(parts[i]!);
          return s === null ? [] : [{ weight: section.weight, fraction: s }];
        }),
      ),
    ),
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
      const c = counted(criterion, answer, card.naPolicy);
      // N/A never fails a critical rule, whatever the N/A policy
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
      return { id: section.id, score: percent(share(parts[s]!)), earned: t.earned, possible: t.possible };
    }),
    earned: total.earned,
    possible: total.possible,
  };
}

/** Display rounding only (2 decimals); stored and compared scores stay unrounded. */
export function roundForDisplay(score: number): number {
  return Math.round(score * 100) / 100;
}

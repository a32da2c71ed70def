/**
 * A stored evaluation as people read it, for the views that show one (the agent's, earlier evaluations, the result,
 * calibration): fetched with them, not with the scoring form.
 */
import type { Criterion } from '../../core/scorecard.ts';
import { numericMax } from '../../core/scale.ts';
import { useT } from '../i18n/use-t.tsx';
import { formatScore, useOptionLabels } from './parts.tsx';

/** A score out of the card's highest when bonus can lift it past 100 ("105 / 120"); else the score alone. */
export const formatScoreOf = (score: number | null, maxScore: number | undefined): string =>
  maxScore !== undefined && maxScore > 100 ? `${formatScore(score)} / ${maxScore}` : formatScore(score);

/** An answer as people read it: "12 of 15" on a points scale, "80%" on a percent scale, else the option's label. */
export function useAnswerText(): (c: Criterion | undefined, a: { rating?: number | undefined; na?: true | undefined }) => string {
  const t = useT();
  const labels = useOptionLabels();
  return (c, a) => {
    if (a.na) return t('ui.sidebar.na');
    if (a.rating === undefined) return '–';
    if (!c) return String(a.rating);
    const max = numericMax(c.scale);
    if (max === null) return labels(c.scale)[a.rating] ?? String(a.rating);
    return 'percent' in c.scale
      ? t('ui.sidebar.scale.percentValue', { value: a.rating })
      : t('ui.sidebar.scale.pointsOf', { points: a.rating, max });
  };
}

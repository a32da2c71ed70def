/**
 * Keyboard-first scoring on the form: what a key means is keyboard.ts's; here it acts on the focused criterion (rate,
 * step, N/A, open its comment), moves between criteria (skipping metric ones: the ticket scores them), submits, or
 * toggles the help. Focus follows the rating chosen (roving tabindex). A points or percent criterion is a number box
 * (number-field.tsx): digits typed there are the number; Enter in it goes on to the next criterion.
 */
import type { RefObject } from 'preact';
import { numericMax, scaleOptions } from '../../core/scale.ts';
import type { Criterion } from '../../core/scorecard.ts';
import { keyAction, moveIndex, stepRating } from './keyboard.ts';
import type { ReviewerState } from './use-reviewer.ts';

export interface CriterionKeys {
  /** The form; its criterion rows carry `data-crit="<index>"`. */
  form: RefObject<HTMLFormElement | null>;
  /** The scorecard's criteria in form order. */
  criteria: readonly Criterion[];
  r: ReviewerState;
  /** A submission is on its way: nothing can be rated. */
  locked: boolean;
  toggleHelp(): void;
  openComment(criterionId: string): void;
}

export function useCriterionKeys({ form, criteria, r, locked, toggleHelp, openComment }: CriterionKeys): (e: KeyboardEvent) => void {
  const focusCriterion = (i: number) => {
    form.current?.querySelector<HTMLElement>(`[data-crit="${i}"] [role=radio][tabindex="0"], [data-crit="${i}"] [data-num]`)?.focus();
  };

  return (e) => {
    const target = e.target as HTMLElement;
    const inText = target.matches('textarea, input:not([type=checkbox]), select');
    const action = keyAction(e, inText, target.matches('[data-num]'));
    if (!action) return;
    const row = target.closest<HTMLElement>('[data-crit]');
    const at = row ? Number(row.dataset.crit) : -1;
    const criterion = at >= 0 ? criteria[at] : undefined;
    const rate = (rating: number) => {
      if (!criterion || criterion.metric || locked) return;
      r.edit({ type: 'rate', criterionId: criterion.id, rating });
      // focus follows the chosen option, unless the reviewer has moved on meanwhile
      requestAnimationFrame(() => row?.contains(document.activeElement) && focusCriterion(at));
    };
    switch (action.type) {
      case 'submit':
        void r.submit();
        break;
      case 'help':
        toggleHelp();
        break;
      case 'leave-field':
        if (at >= 0) focusCriterion(at);
        else return;
        break;
      case 'move': {
        const manual = criteria.flatMap((c, i) => (c.metric ? [] : [i]));
        const pos = manual.indexOf(at);
        focusCriterion(manual[pos < 0 ? (action.by > 0 ? 0 : manual.length - 1) : moveIndex(pos, action.by, manual.length)] ?? 0);
        break;
      }
      case 'rate':
        if (!criterion) return;
        if (numericMax(criterion.scale) !== null) {
          // on a number row but not in its box (N/A, the comment link): the digit starts the number there
          const digit = (action.index + 1) % 10;
          rate(digit);
          requestAnimationFrame(() => {
            const box = row?.querySelector<HTMLInputElement>('[data-num]');
            box?.focus();
            box?.setSelectionRange(box.value.length, box.value.length);
          });
          break;
        }
        if (action.index >= scaleOptions(criterion.scale).length) return;
        rate(action.index);
        break;
      case 'step':
        if (!criterion) return;
        rate(stepRating(r.draft.answers[criterion.id]?.rating, action.by, scaleOptions(criterion.scale).length));
        break;
      case 'na':
        if (!criterion?.allowNA || locked) return;
        r.edit({ type: 'na', criterionId: criterion.id });
        break;
      case 'why': {
        // a pre-rated criterion's evidence (auto-qa.tsx); focus stays on the row
        const why = row?.querySelector<HTMLElement>('[data-why]');
        if (!why) return;
        why.click();
        break;
      }
      case 'comment':
        if (!criterion) return;
        openComment(criterion.id);
        requestAnimationFrame(() => form.current?.querySelector<HTMLElement>(`[data-crit="${at}"] textarea`)?.focus());
        break;
    }
    e.preventDefault();
  };
}

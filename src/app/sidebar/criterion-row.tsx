/** One criterion: label, its scale (a segmented radio group, or a number box for points and percent), N/A, guidance, comment and root causes. */
import type { VNode } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Answer } from '../../core/answers.ts';
import { numericMax } from '../../core/scale.ts';
import type { Criterion } from '../../core/scorecard.ts';
import { useT } from '../i18n/use-t.tsx';
import { announce } from '../ui/announce.ts';
import { lazy, useLazy } from '../ui/lazy.ts';
import type { DraftAnswer } from './draft-store.ts';
import { commentRequired, detailsOpenByRating, type FormEdit, type Problem } from './form.ts';
import type { NumberFieldProps } from './number-field.tsx';
import { CriterionMarks, useOptionLabels } from './parts.tsx';

// points and percent scales are format 2's: only their scorecards fetch the number box
const numberField = lazy(() => import('./number-field.tsx').then((m) => m.NumberField));

/** The number box once fetched; until then an empty row of its height, so nothing moves when it comes. */
function NumberBox(props: NumberFieldProps) {
  const box = useLazy(numberField);
  return box.status === 'ok' ? <box.value {...props} /> : <div class="qa-num__row" />;
}

export interface CriterionRowProps {
  criterion: Criterion;
  index: number;
  answer: DraftAnswer | undefined;
  /** For metric criteria: the answer the ticket's numbers give. */
  metricAnswer: Answer | null;
  problem: Problem | undefined;
  critical: boolean;
  disabled: boolean;
  commentOpen: boolean;
  onToggleComment: () => void;
  onEdit: (e: FormEdit) => void;
  /** A pre-rated criterion's note (auto-qa.tsx): the suggestion, a change to it, its evidence. */
  auto?: ((answer: DraftAnswer | undefined) => VNode) | undefined;
}

export function CriterionRow(p: CriterionRowProps) {
  const t = useT();
  const [guidance, setGuidance] = useState(false);
  const c = p.criterion;
  const base = `qa-c-${c.id}`;
  const options = useOptionLabels()(c.scale);
  const rating = p.answer?.rating;
  const na = p.answer?.na === true;
  const openByRating = detailsOpenByRating(c, p.answer);
  const detailsOpen = p.commentOpen || openByRating;
  const needComment = commentRequired(c, p.answer);
  // a rating that asks for a comment says so as it is chosen, not at submit
  const neededBefore = useRef(needComment);
  const typed = numericMax(c.scale) !== null;
  useEffect(() => {
    const was = neededBefore.current;
    neededBefore.current = needComment;
    if (!needComment || was) return;
    const say = () => announce(t('ui.sidebar.commentNeededFor', { criterion: c.label }));
    if (!typed) return say();
    // a number being typed passes through low ones ('1' on the way to '15'): said once the typing rests
    const timer = setTimeout(() => neededBefore.current && say(), 700);
    return () => clearTimeout(timer);
  }, [needComment, c.label, t, typed]);

  if (c.metric) {
    const met = p.metricAnswer?.na ? 'unknown' : p.metricAnswer?.rating === 1 ? 'met' : p.metricAnswer ? 'missed' : 'unknown';
    return (
      <div class="qa-crit qa-crit--metric" data-crit={p.index}>
        <div class="qa-crit__head">
          <span class="qa-crit__label">{c.label}</span>
          <span class={`qa-tag qa-tag--${met}`}>{t(`ui.sidebar.metric.${met}`)}</span>
        </div>
        <p class="qa-muted qa-small">{t('ui.sidebar.metric.auto')}</p>
      </div>
    );
  }

  const tabbable = rating ?? 0;
  const max = numericMax(c.scale);
  const choices = 'choices' in c.scale;
  return (
    <div class={`qa-crit${p.critical ? ' qa-crit--failed' : ''}${p.problem ? ' qa-crit--problem' : ''}`} data-crit={p.index}>
      <div class="qa-crit__head">
        <span class="qa-crit__label" id={`${base}-label`}>
          {c.label}
        </span>
        <CriterionMarks criterion={c} />
        {c.critical && (
          <span class={`qa-tag${p.critical ? ' qa-tag--critical' : ''}`}>
            {p.critical ? `⚠ ${t('ui.sidebar.criticalFailed')}` : t('ui.sidebar.critical')}
          </span>
        )}
        {c.guidance && (
          <button
            type="button"
            class="qa-link"
            aria-expanded={guidance}
            aria-controls={`${base}-guidance`}
            onClick={() => setGuidance(!guidance)}
          >
            {t('ui.sidebar.guidance')}
          </button>
        )}
      </div>
      {guidance && (
        <p class="qa-guidance" id={`${base}-guidance`}>
          {c.guidance}
        </p>
      )}
      <div class="qa-crit__controls">
        {max !== null ? (
          <NumberBox
            id={`${base}-value`}
            max={max}
            percent={'percent' in c.scale}
            value={na ? undefined : rating}
            disabled={p.disabled}
            labelledBy={`${base}-label`}
            describedBy={p.problem ? `${base}-problem` : undefined}
            invalid={p.problem !== undefined}
            onValue={(n) => p.onEdit(n === null ? { type: 'clear', criterionId: c.id } : { type: 'rate', criterionId: c.id, rating: n })}
            onNA={c.allowNA ? () => p.onEdit({ type: 'na', criterionId: c.id }) : undefined}
          />
        ) : (
          <div
            class={choices ? 'qa-seg qa-seg--wrap' : 'qa-seg'}
            role="radiogroup"
            aria-labelledby={`${base}-label`}
            aria-describedby={p.problem ? `${base}-problem` : undefined}
            aria-invalid={p.problem ? true : undefined}
          >
            {options.map((o, i) => (
              <button
                key={i}
                type="button"
                role="radio"
                aria-checked={rating === i}
                tabIndex={i === tabbable ? 0 : -1}
                disabled={p.disabled}
                class="qa-seg__opt"
                title={`${i + 1}: ${o}`}
                onClick={() => p.onEdit({ type: 'rate', criterionId: c.id, rating: i })}
              >
                <span class="qa-seg__key" aria-hidden="true">
                  {i < 9 ? i + 1 : i === 9 ? 0 : ''}
                </span>
                {o}
              </button>
            ))}
          </div>
        )}
        {c.allowNA && (
          <button
            type="button"
            class="qa-na"
            aria-pressed={na}
            disabled={p.disabled}
            onClick={() => p.onEdit({ type: 'na', criterionId: c.id })}
            title={t('ui.sidebar.naTitle')}
          >
            {t('ui.sidebar.na')}
          </button>
        )}
      </div>
      {p.auto?.(p.answer)}
      {/* a low rating holds the details open: a toggle that cannot close them would do nothing */}
      {!openByRating && (
        <div class="qa-crit__more">
          <button type="button" class="qa-link" aria-expanded={detailsOpen} aria-controls={`${base}-details`} onClick={p.onToggleComment}>
            {t('ui.sidebar.addComment')}
            {p.answer?.comment?.trim() ? ' ✎' : ''}
          </button>
        </div>
      )}
      {detailsOpen && (
        <div class="qa-crit__details" id={`${base}-details`}>
          <label class="qa-label" for={`${base}-comment`}>
            {t('ui.sidebar.comment')}
            {needComment && <span class="qa-required"> ({t('ui.sidebar.required')})</span>}
          </label>
          {needComment && (
            <p class="qa-need qa-small" id={`${base}-need`}>
              {t('ui.sidebar.commentNeeded')}
            </p>
          )}
          <textarea
            id={`${base}-comment`}
            class="qa-textarea"
            rows={2}
            disabled={p.disabled}
            required={needComment}
            aria-describedby={needComment ? `${base}-need` : undefined}
            aria-invalid={p.problem?.kind === 'comment-required' ? true : undefined}
            value={p.answer?.comment ?? ''}
            onInput={(e) => p.onEdit({ type: 'comment', criterionId: c.id, comment: e.currentTarget.value })}
          />
          {c.rootCauses.length > 0 && !na && (
            <fieldset class="qa-causes">
              <legend class="qa-label">{t('ui.sidebar.rootCauses')}</legend>
              {c.rootCauses.map((cause) => (
                <label key={cause} class="qa-check">
                  <input
                    type="checkbox"
                    disabled={p.disabled}
                    checked={p.answer?.rootCauses?.includes(cause) ?? false}
                    onChange={(e) => p.onEdit({ type: 'root-cause', criterionId: c.id, cause, on: e.currentTarget.checked })}
                  />{' '}
                  {cause}
                </label>
              ))}
            </fieldset>
          )}
        </div>
      )}
      {p.problem && (
        <p class="qa-error" id={`${base}-problem`}>
          {t(`ui.sidebar.problem.${p.problem.kind}`)}
        </p>
      )}
    </div>
  );
}

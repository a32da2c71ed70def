/**
 * After a submit: the stored score, whether the ticket's fields were written, edit or score again. The form the
 * reviewer was in is gone, so focus moves to the result's heading (screen readers read it out).
 */
import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../i18n/use-t.tsx';
import { focusSoon } from '../ui/announce.ts';
import { lazyView } from '../ui/lazy.ts';
import { isCalibration } from './calibration.ts';
import type { SidebarModel } from './load.ts';
import { formatScoreOf } from './answer-text.ts';
import { Banner, VerdictBadge, verdictOf } from './parts.tsx';
import type { ReviewerState } from './use-reviewer.ts';

// only reviewers who scored a calibration session fetch this
const CalibrationDone = lazyView(() => import('./calibration-view.tsx').then((m) => m.CalibrationDone));

export function SubmissionDone({ r, model }: { r: ReviewerState; model: SidebarModel }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = r.submission.phase === 'done' ? r.submission.evaluation : null;
  useEffect(() => heading.current?.focus(), [shown]);
  if (r.submission.phase !== 'done') return null;
  const { evaluation, writeBack, amended } = r.submission;
  if (isCalibration(evaluation)) return <CalibrationDone r={r} model={model} />;
  const fields = writeBack === null ? 'pending' : writeBack.status === 'skipped' ? `skipped-${writeBack.reason}` : writeBack.status;
  return (
    <section class="qa-done" aria-labelledby="qa-done-title" data-evaluation-id={evaluation.id}>
      <Banner tone={fields === 'failed' || fields === 'fields-not-updated-closed' ? 'warning' : 'success'}>
        <h2 class="qa-done__title" id="qa-done-title" tabIndex={-1} ref={heading}>
          {amended ? t('ui.sidebar.done.amended') : t('ui.sidebar.done.saved')}
        </h2>
        <p class="qa-row">
          {t('ui.sidebar.score')} <strong>{formatScoreOf(evaluation.finalScore, r.cardFor(evaluation)?.definition.maxScore)}</strong>{' '}
          <VerdictBadge verdict={verdictOf(evaluation)} />
        </p>
        <p data-write-back={fields}>{t(`ui.sidebar.writeBack.${fields}`)}</p>
      </Banner>
      <div class="qa-row">
        <button type="button" class="c-btn c-btn--sm" onClick={() => r.startEdit(evaluation)}>
          {t('ui.sidebar.history.edit')}
        </button>
        <button
          type="button"
          class="c-btn c-btn--sm c-btn--basic"
          onClick={() => {
            r.scoreAgain();
            // on to the new form's first criterion, ready for the keys
            focusSoon(() => document.querySelector<HTMLElement>('[data-crit] [role=radio][tabindex="0"], [data-crit] [data-num]'));
          }}
        >
          {t('ui.sidebar.done.again')}
        </button>
      </div>
    </section>
  );
}

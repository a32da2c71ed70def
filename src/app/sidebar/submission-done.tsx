/** After a submit: the stored score, whether the ticket's fields were written, edit or score again. */
import { useT } from '../i18n/use-t.tsx';
import { lazyView } from '../ui/lazy.ts';
import { isCalibration } from './calibration.ts';
import type { SidebarModel } from './load.ts';
import { Banner, VerdictBadge, formatScore, verdictOf } from './parts.tsx';
import type { ReviewerState } from './use-reviewer.ts';

// only reviewers who scored a calibration session fetch this
const CalibrationDone = lazyView(() => import('./calibration-view.tsx').then((m) => m.CalibrationDone));

export function SubmissionDone({ r, model }: { r: ReviewerState; model: SidebarModel }) {
  const t = useT();
  if (r.submission.phase !== 'done') return null;
  const { evaluation, writeBack, amended } = r.submission;
  if (isCalibration(evaluation)) return <CalibrationDone r={r} model={model} />;
  const fields = writeBack === null ? 'pending' : writeBack.status === 'skipped' ? `skipped-${writeBack.reason}` : writeBack.status;
  return (
    <section class="qa-done" aria-labelledby="qa-done-title" data-evaluation-id={evaluation.id}>
      <Banner tone={fields === 'failed' || fields === 'fields-not-updated-closed' ? 'warning' : 'success'}>
        <strong id="qa-done-title">{amended ? t('ui.sidebar.done.amended') : t('ui.sidebar.done.saved')}</strong>
        <p class="qa-row">
          {t('ui.sidebar.score')} <strong>{formatScore(evaluation.finalScore)}</strong> <VerdictBadge verdict={verdictOf(evaluation)} />
        </p>
        <p data-write-back={fields}>{t(`ui.sidebar.writeBack.${fields}`)}</p>
      </Banner>
      <div class="qa-row">
        <button type="button" class="c-btn c-btn--sm" onClick={() => r.startEdit(evaluation)}>
          {t('ui.sidebar.history.edit')}
        </button>
        <button type="button" class="c-btn c-btn--sm c-btn--basic" onClick={r.scoreAgain}>
          {t('ui.sidebar.done.again')}
        </button>
      </div>
    </section>
  );
}

/** The reviewer's sidebar: scorecard, reviewee, earlier evaluations, ticket numbers, the scoring form, sticky live score. */
import { h } from 'preact';
import { useEffect } from 'preact/hooks';
import { useT } from '../i18n/use-t.tsx';
import { lazy, lazyView, useLazy } from '../ui/lazy.ts';
import type { SidebarModel } from './load.ts';
import { Banner, MetricsStrip } from './parts.tsx';
import { RevieweePicker } from './reviewee-picker.tsx';
import { ScorecardPicker } from './scorecard-picker.tsx';
import { ScoringForm } from './scoring-form.tsx';
import { useReviewer, type ReviewerState } from './use-reviewer.ts';
import { useUsableMark } from './use-sidebar.ts';

// the result of a submit: fetched as the submit starts, so it is there when the service answers
const submissionDone = lazy(() => import('./submission-done.tsx').then((m) => m.SubmissionDone));

// most tickets a reviewer opens have none: the list, its edit and withdraw come with the first
const earlierEvaluations = lazy(() => import('./earlier-evaluations.tsx').then((m) => m.EarlierEvaluations));

// only reviewers invited to a calibration session fetch it
const CalibrationBanner = lazyView(() => import('./calibration-view.tsx').then((m) => m.CalibrationBanner));

export function ReviewerView({ model }: { model: SidebarModel }) {
  const t = useT();
  const r = useReviewer(model);
  useUsableMark();
  const submitting = r.submission.phase !== 'idle';
  useEffect(() => {
    if (submitting) submissionDone.fetch().catch(() => undefined);
  }, [submitting]);
  return (
    <div class="qa-sidebar">
      <header class="qa-head">
        {r.sessions.length > 0 && <CalibrationBanner model={model} r={r} />}
        <ScorecardPicker model={model} r={r} />
        <RevieweePicker model={model} r={r} />
        <EarlierEvaluations model={model} r={r} />
      </header>
      <MetricsStrip metrics={r.metrics} />
      {r.card ? (
        r.submission.phase === 'done' ? (
          <Done r={r} model={model} />
        ) : (
          <ScoringForm r={r} model={model} />
        )
      ) : (
        <Banner tone="info">
          <strong>{t('ui.sidebar.state.noScorecard.title')}</strong>
          <p>{t('ui.sidebar.state.noScorecard.next')}</p>
        </Banner>
      )}
      <OutboxLine r={r} ticketId={model.ticket.id} />
    </div>
  );
}

/** The ticket's earlier evaluations: 'none' at once; a list, once its code is there, in a line of its height until then. */
function EarlierEvaluations({ model, r }: { model: SidebarModel; r: ReviewerState }) {
  const t = useT();
  const shown = earlierEvaluations.loaded();
  // once fetched it stays, and says 'none' itself after the last is withdrawn
  if (shown) return h(shown, { model, r });
  if (r.evaluations.length === 0) return <p class="qa-muted qa-small qa-history-none">{t('ui.sidebar.history.none')}</p>;
  return <EarlierEvaluationsComing model={model} r={r} />;
}

function EarlierEvaluationsComing({ model, r }: { model: SidebarModel; r: ReviewerState }) {
  const t = useT();
  const list = useLazy(earlierEvaluations);
  if (list.status === 'ok') return <list.value model={model} r={r} />;
  return (
    <div class="qa-history" aria-busy="true">
      <span class="qa-small qa-muted">{t('ui.sidebar.history.title', { count: r.evaluations.length })}</span>
    </div>
  );
}

/** Submissions of other tickets still on their way from this sidebar. */
function OutboxLine({ r, ticketId }: { r: ReviewerState; ticketId: number }) {
  const t = useT();
  const elsewhere = r.outbox.filter((e) => e.ticketId !== ticketId);
  if (elsewhere.length === 0) return null;
  return <p class="qa-small qa-muted">{t('ui.sidebar.outbox.elsewhere', { count: elsewhere.length })}</p>;
}

/** The result, once its code is there (fetched while the submit was on its way: almost always at once). */
function Done({ r, model }: { r: ReviewerState; model: SidebarModel }) {
  const t = useT();
  const done = useLazy(submissionDone);
  if (done.status === 'ok') return <done.value r={r} model={model} />;
  return (
    <p class="qa-loading" role="status">
      {t('ui.common.loading')}
    </p>
  );
}

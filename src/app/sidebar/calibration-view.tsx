/** Calibration in the reviewer's sidebar: the blind-scoring banner, the way in and out, and the session report in short. */
import { useState } from 'preact/hooks';
import type { SidebarApi } from '../api/sidebar-api.ts';
import { useT } from '../i18n/use-t.tsx';
import { useAsync } from '../ui/use-async.ts';
import { useNames } from '../ui/use-names.ts';
import { signedPoints, summarizeReport, type ReportSummary } from './calibration.ts';
import type { SidebarModel } from './load.ts';
import { formatScoreOf } from './answer-text.ts';
import { Banner, VerdictBadge, formatScore, verdictOf } from './parts.tsx';
import type { ReviewerState } from './use-reviewer.ts';

/** Above the scorecard: what calibration mode means while in it, else each session waiting or already scored. */
export function CalibrationBanner({ model, r }: { model: SidebarModel; r: ReviewerState }) {
  const t = useT();
  const [missing, setMissing] = useState(false);
  // just sent: the done view says it and offers the report
  if (r.calibration && r.submission.phase === 'done') return null;
  if (r.calibration) {
    return (
      <Banner tone="info">
        <strong data-calibration-mode={r.calibration.id}>{t('ui.sidebar.calibration.banner')}</strong>
        <p>{t('ui.sidebar.calibration.bannerNext')}</p>
        {r.calibration.title && <p class="qa-small">{r.calibration.title}</p>}
        <button type="button" class="qa-link" onClick={r.leaveCalibration}>
          {t('ui.sidebar.calibration.scoreNormally')}
        </button>
      </Banner>
    );
  }
  return (
    <>
      {r.sessions.map((s) =>
        s.submitted.includes(model.user.id) ? (
          <Banner key={s.id} tone="info">
            <strong>{t('ui.sidebar.calibration.scored')}</strong>
            <p class="qa-small">
              {s.title ? `${s.title} · ` : ''}
              {t('ui.sidebar.calibration.progress', { submitted: s.submitted.length, invited: s.reviewerIds.length })}
            </p>
            <SessionReport sessionId={s.id} service={model.service} userId={model.user.id} />
          </Banner>
        ) : (
          <Banner key={s.id} tone="warning">
            <strong>{t('ui.sidebar.calibration.invited')}</strong>
            {s.title && <p class="qa-small">{s.title}</p>}
            {missing && <p role="alert">{t('ui.sidebar.calibration.noCard')}</p>}
            <button type="button" class="c-btn c-btn--sm" onClick={() => setMissing(!r.scoreCalibration(s.id))}>
              {t('ui.sidebar.calibration.resume')}
            </button>
          </Banner>
        ),
      )}
    </>
  );
}

/** After a calibration send: saved, not in the agent's figures, fields untouched; the session report one click away. */
export function CalibrationDone({ r, model }: { r: ReviewerState; model: SidebarModel }) {
  const t = useT();
  if (r.submission.phase !== 'done') return null;
  const { evaluation } = r.submission;
  const sessionId = r.calibration?.id ?? r.draft.calibrationSessionId;
  return (
    <section class="qa-done" aria-labelledby="qa-done-title" data-evaluation-id={evaluation.id} data-kind="calibration">
      <Banner tone="success">
        <strong id="qa-done-title">{t('ui.sidebar.calibration.done')}</strong>
        <p class="qa-row">
          {t('ui.sidebar.score')} <strong>{formatScoreOf(evaluation.finalScore, r.cardFor(evaluation)?.definition.maxScore)}</strong>{' '}
          <VerdictBadge verdict={verdictOf(evaluation)} />
        </p>
        <p data-write-back="calibration">{t('ui.sidebar.calibration.doneNext')}</p>
      </Banner>
      {sessionId && <SessionReport sessionId={sessionId} service={model.service} userId={model.user.id} />}
      <div class="qa-row">
        <button type="button" class="c-btn c-btn--sm c-btn--basic" onClick={r.leaveCalibration}>
          {t('ui.sidebar.calibration.scoreNormally')}
        </button>
      </div>
    </section>
  );
}

/** The session report on demand (not on load: the budget is one request), blind until the reviewer has scored. */
export function SessionReport({ sessionId, service, userId }: { sessionId: string; service: SidebarApi; userId: number }) {
  const t = useT();
  const [asked, setAsked] = useState(false);
  const [state, reload] = useAsync(asked ? () => service.calibrationReport(sessionId) : null, [asked, service, sessionId]);
  const nameOf = useNames();
  if (!asked) {
    return (
      <button type="button" class="qa-link" onClick={() => setAsked(true)}>
        {t('ui.sidebar.calibration.showReport')}
      </button>
    );
  }
  if (state.status === 'loading')
    return (
      <p class="qa-small qa-muted" role="status">
        {t('ui.sidebar.calibration.loading')}
      </p>
    );
  if (state.status === 'error') {
    return (
      <p role="alert" class="qa-small">
        {state.error.kind === 'forbidden' ? t('ui.sidebar.calibration.blind') : t(`ui.sidebar.error.${state.error.kind}`)}{' '}
        <button type="button" class="qa-link" onClick={reload}>
          {t('ui.common.retry')}
        </button>
      </p>
    );
  }
  const summary = summarizeReport(state.value, userId);
  const name = (row: ReportSummary['rows'][number]) =>
    `${row.you ? t('ui.sidebar.calibration.you') : (nameOf(row.reviewerId) ?? t('ui.sidebar.calibration.reviewer', { id: row.reviewerId }))}${row.baseline ? ` (${t('ui.sidebar.calibration.baseline')})` : ''}`;
  return (
    <section class="qa-calibration" data-session={sessionId} aria-label={t('ui.sidebar.calibration.reportTitle')}>
      <p class="qa-small">{t('ui.sidebar.calibration.progress', { submitted: summary.submitted, invited: summary.invited })}</p>
      <table class="qa-table qa-small">
        <thead>
          <tr>
            <th scope="col">{t('ui.sidebar.calibration.who')}</th>
            <th scope="col">{t('ui.sidebar.score')}</th>
            <th scope="col">{t('ui.sidebar.calibration.vsBaseline')}</th>
          </tr>
        </thead>
        <tbody>
          {summary.rows.map((row) => (
            <tr key={row.reviewerId} data-reviewer={row.reviewerId}>
              <th scope="row">{name(row)}</th>
              <td>{formatScore(row.finalScore)}</td>
              <td>{row.baseline ? '–' : signedPoints(row.deviation)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="qa-small" data-alpha={summary.alpha ?? ''}>
        {summary.alpha === null
          ? t('ui.sidebar.calibration.alphaNone')
          : t('ui.sidebar.calibration.alpha', { alpha: summary.alpha.toFixed(2) })}
      </p>
      <button type="button" class="qa-link" onClick={reload}>
        {t('ui.sidebar.calibration.refresh')}
      </button>
    </section>
  );
}

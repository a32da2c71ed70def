/**
 * The agent's sidebar: the evaluations of their own work on this ticket, each with its coaching notes near the top, to
 * acknowledge (accept) or dispute instead (src/core/permissions.ts). Each answer is said, and focus never falls to the
 * page when the buttons or the form it was on go away.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { CoachingNote } from '../../core/coaching.ts';
import type { Evaluation } from '../../core/evaluation.ts';
import { mayAcknowledge, mayDispute } from '../../core/permissions.ts';
import type { ServiceError } from '../api/result.ts';
import type { PublishedScorecard } from '../api/wire.ts';
import { useI18n, useT } from '../i18n/use-t.tsx';
import { focusSoon } from '../ui/announce.ts';
import { isCalibration } from './calibration.ts';
import { CoachingNotes } from './coaching-view.tsx';
import { versionLookup, type SidebarModel } from './load.ts';
import { formatScoreOf, useAnswerText } from './answer-text.ts';
import { Banner, CriterionMarks, VerdictBadge, formatScore, shortDate, verdictOf } from './parts.tsx';
import { useUsableMark } from './use-sidebar.ts';

export function AgentView({ model }: { model: SidebarModel }) {
  const t = useT();
  // the service never sends an agent calibration scores; the filter only makes the view say so too
  const [evaluations, setEvaluations] = useState(() => model.data.evaluations.filter((e) => !isCalibration(e)));
  const [notes, setNotes] = useState<CoachingNote[]>(model.data.coachingNotes ?? []);
  const lookup = versionLookup(model.data);
  useUsableMark();
  const replace = (e: Evaluation) => setEvaluations((list) => list.map((x) => (x.id === e.id ? e : x)));
  const acknowledgeNote = async (id: string) => {
    const r = await model.service.acknowledgeCoachingNote(id);
    if (r.status === 'error') return r.error;
    setNotes((list) => list.map((n) => (n.id === id ? r.value : n)));
    return null;
  };
  return (
    <div class="qa-sidebar">
      <h1 class="qa-h">{t('ui.sidebar.agent.title')}</h1>
      {evaluations.length === 0 ? (
        <Banner tone="info">
          <strong>{t('ui.sidebar.agent.none')}</strong>
          <p>{t('ui.sidebar.agent.noneNext')}</p>
        </Banner>
      ) : (
        evaluations.map((e) => (
          <EvaluationCard key={e.id} evaluation={e} card={lookup(e.scorecardId, e.scorecardVersion)} model={model} onChange={replace}>
            <CoachingNotes notes={notes.filter((n) => n.evaluationId === e.id)} onAcknowledge={acknowledgeNote} />
          </EvaluationCard>
        ))
      )}
    </div>
  );
}

function EvaluationCard({
  evaluation: e,
  card,
  model,
  onChange,
  children,
}: {
  evaluation: Evaluation;
  card: PublishedScorecard | undefined;
  model: SidebarModel;
  onChange: (e: Evaluation) => void;
  children?: ComponentChildren;
}) {
  const t = useT();
  const { locale } = useI18n();
  const [disputing, setDisputing] = useState(false);
  const [reason, setReason] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [error, setError] = useState<ServiceError | null>(null);
  const [busy, setBusy] = useState(false);
  const [reasonMissing, setReasonMissing] = useState(false);
  const placed = card ? card.definition.sections.flatMap((section) => section.criteria.map((criterion) => ({ criterion, section }))) : [];
  const byId = new Map(placed.map((p) => [p.criterion.id, p.criterion]));
  const sectionOf = new Map(placed.map((p) => [p.criterion.id, p.section]));
  const titleId = `qa-ev-${e.id}`;
  const answerText = useAnswerText();
  const me = { userId: model.user.id, role: model.role };

  const act = async (run: () => ReturnType<SidebarModel['service']['acknowledge']>, done: string) => {
    setBusy(true);
    const r = await run();
    setBusy(false);
    if (r.status === 'ok') {
      setError(null);
      setDisputing(false);
      onChange(r.value);
      // the buttons or the form are gone: focus on the card, which now says its new status
      focusSoon(() => document.getElementById(titleId), done);
    } else setError(r.error);
  };
  const cancelDispute = () => {
    setDisputing(false);
    setReasonMissing(false);
    focusSoon(() => document.querySelector<HTMLElement>(`[data-dispute="${e.id}"]`), t('ui.sidebar.agent.disputeCancelled'));
  };
  const answerable = e.reviewerId !== me.userId && (mayAcknowledge(me, e) || mayDispute(me, e));

  const dispute = e.dispute;
  return (
    <article class="qa-card" aria-labelledby={titleId} data-evaluation-id={e.id}>
      <header class="qa-row">
        <h2 class="qa-card__title" id={titleId} tabIndex={-1}>
          {card?.definition.name ?? e.scorecardId}
        </h2>
        <span class="qa-muted qa-small">{shortDate(e.createdAt, locale)}</span>
      </header>
      <p class="qa-row">
        <span class="qa-score__value">{formatScoreOf(e.finalScore, card?.definition.maxScore)}</span>
        {e.rawScore !== e.finalScore && (
          <span class="qa-small qa-score__raw">{t('ui.sidebar.raw', { score: formatScore(e.rawScore) })}</span>
        )}
        <VerdictBadge verdict={verdictOf(e)} />
        <span class="qa-tag">{t(`ui.sidebar.status.${e.status}`)}</span>
      </p>
      {e.changedSinceAcknowledgement && (
        <Banner tone="warning">
          <strong>{t('ui.sidebar.agent.changed')}</strong>
          <p>{t('ui.sidebar.agent.changedNext')}</p>
        </Banner>
      )}
      {children}
      {/* the reviewer's summary before the ratings it sums up */}
      {e.overallComment && (
        <div>
          <h3 class="qa-label">{t('ui.sidebar.agent.coaching')}</h3>
          <p class="qa-quote">{e.overallComment}</p>
        </div>
      )}
      <ul class="qa-results">
        {e.answers.map((a) => {
          const c = byId.get(a.criterionId);
          const option = answerText(c, a);
          const failed = e.criticalFailures.includes(a.criterionId);
          return (
            <li key={a.criterionId} class={failed ? 'qa-results__item qa-crit--failed' : 'qa-results__item'}>
              <div class="qa-row">
                <span>
                  {c?.label ?? a.criterionId} {c && <CriterionMarks criterion={c} section={sectionOf.get(c.id)} />}
                </span>
                <strong class="qa-results__value">
                  {failed ? '⚠ ' : ''}
                  {option}
                </strong>
              </div>
              {a.comment && <p class="qa-quote">{a.comment}</p>}
              {a.rootCauses && a.rootCauses.length > 0 && (
                <p class="qa-small qa-muted">
                  {t('ui.sidebar.rootCauses')}: {a.rootCauses.join(', ')}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {dispute && (
        <Banner tone={dispute.outcome === 'upheld' ? 'success' : 'info'}>
          <strong>{t(dispute.outcome ? `ui.sidebar.dispute.${dispute.outcome}` : 'ui.sidebar.dispute.waiting')}</strong>
          <p>
            {t('ui.sidebar.dispute.yourReason')}: {dispute.reason}
          </p>
          {dispute.note && (
            <p>
              {t('ui.sidebar.dispute.answer')}: {dispute.note}
            </p>
          )}
        </Banner>
      )}
      {error && (
        <Banner tone="error" role="alert">
          {t(`ui.sidebar.error.${error.kind}`)}
        </Banner>
      )}
      {answerable && !disputing && (
        <div class="qa-answer">
          <p class="qa-small qa-muted" id={`${titleId}-answer`}>
            {t('ui.sidebar.agent.answerHint')}
          </p>
          <div class="qa-row">
            {mayAcknowledge(me, e) && (
              <button
                type="button"
                class="c-btn c-btn--sm c-btn--primary"
                disabled={busy}
                aria-describedby={`${titleId}-answer`}
                onClick={() => act(() => model.service.acknowledge(e.id), t('ui.sidebar.agent.acknowledgedNow'))}
              >
                {t('ui.sidebar.agent.acknowledge')}
              </button>
            )}
            {mayDispute(me, e) && (
              <button
                type="button"
                class="c-btn c-btn--sm"
                disabled={busy}
                data-dispute={e.id}
                aria-describedby={`${titleId}-answer`}
                onClick={() => {
                  setDisputing(true);
                  focusSoon(() => document.getElementById(`${titleId}-dispute`)?.querySelector('input, textarea'));
                }}
              >
                {t('ui.sidebar.agent.dispute')}
              </button>
            )}
          </div>
        </div>
      )}
      {disputing && (
        <form
          class="qa-dispute"
          id={`${titleId}-dispute`}
          aria-labelledby={`${titleId}-dispute-title`}
          onSubmit={(ev) => {
            ev.preventDefault();
            if (!reason.trim()) {
              setReasonMissing(true);
              focusSoon(() => document.getElementById(`${titleId}-reason`));
              return;
            }
            void act(() => model.service.dispute(e.id, { reason: reason.trim(), criterionIds: picked }), t('ui.sidebar.agent.disputedNow'));
          }}
          onKeyDown={(ev) => ev.key === 'Escape' && cancelDispute()}
          noValidate
        >
          <h3 class="qa-label" id={`${titleId}-dispute-title`}>
            {t('ui.sidebar.agent.dispute')}
          </h3>
          <fieldset class="qa-causes">
            <legend class="qa-label">{t('ui.sidebar.dispute.which')}</legend>
            {e.answers.map((a) => (
              <label key={a.criterionId} class="qa-check">
                <input
                  type="checkbox"
                  checked={picked.includes(a.criterionId)}
                  onChange={(ev) =>
                    setPicked((p) => (ev.currentTarget.checked ? [...p, a.criterionId] : p.filter((x) => x !== a.criterionId)))
                  }
                />{' '}
                {byId.get(a.criterionId)?.label ?? a.criterionId}
              </label>
            ))}
          </fieldset>
          <label class="qa-label" for={`${titleId}-reason`}>
            {t('ui.sidebar.dispute.reason')} <span class="qa-required">({t('ui.sidebar.required')})</span>
          </label>
          <textarea
            id={`${titleId}-reason`}
            class="qa-textarea"
            rows={3}
            required
            aria-invalid={reasonMissing ? true : undefined}
            aria-describedby={reasonMissing ? `${titleId}-reason-error` : undefined}
            value={reason}
            onInput={(ev) => {
              setReason(ev.currentTarget.value);
              setReasonMissing(false);
            }}
          />
          {reasonMissing && (
            <p class="qa-error" id={`${titleId}-reason-error`} role="alert">
              {t('ui.sidebar.dispute.reasonMissing')}
            </p>
          )}
          <div class="qa-row">
            <button type="submit" class="c-btn c-btn--sm c-btn--primary" disabled={busy}>
              {t('ui.sidebar.dispute.send')}
            </button>
            <button type="button" class="c-btn c-btn--sm c-btn--basic" onClick={cancelDispute}>
              {t('ui.sidebar.cancel')}
            </button>
          </div>
        </form>
      )}
    </article>
  );
}

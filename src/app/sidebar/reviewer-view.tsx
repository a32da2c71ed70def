/** The reviewer's sidebar: scorecard, reviewee, ticket numbers, criteria, sticky live score. */
import { useRef, useState } from 'preact/hooks';
import type { Evaluation } from '../../core/evaluation.ts';
import { metricAnswer } from '../../core/metrics.ts';
import { mayAmend, mayResolve } from '../../core/permissions.ts';
import { scaleOptions } from '../../core/scale.ts';
import { useI18n, useT } from '../i18n/use-t.tsx';
import { isCalibration } from './calibration.ts';
import { CriterionRow } from './criterion-row.tsx';
import { criteriaOf } from './form.ts';
import { keyAction, moveIndex, stepRating } from './keyboard.ts';
import type { SidebarModel } from './load.ts';
import { Banner, MetricsStrip, VerdictBadge, formatScore, shortDate, verdictOf } from './parts.tsx';
import { lazyView } from '../ui/lazy.ts';
import { useGroupMembers } from './use-reviewee.ts';
import { useReviewer, type ReviewerState } from './use-reviewer.ts';
import { useUsableMark } from './use-sidebar.ts';

// only reviewers invited to a calibration session, or with coaching notes on their evaluations, fetch these
const CalibrationBanner = lazyView(() => import('./calibration-view.tsx').then((m) => m.CalibrationBanner));
const CalibrationDone = lazyView(() => import('./calibration-view.tsx').then((m) => m.CalibrationDone));
const CoachingNotes = lazyView(() => import('./coaching-view.tsx').then((m) => m.CoachingNotes));
// only leads and admins with a disputed evaluation on the ticket fetch the resolve form
const ResolveDispute = lazyView(() => import('./resolve-view.tsx').then((m) => m.ResolveDispute));

export function ReviewerView({ model }: { model: SidebarModel }) {
  const t = useT();
  const r = useReviewer(model);
  useUsableMark();
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

function ScorecardPicker({ model, r }: { model: SidebarModel; r: ReviewerState }) {
  const t = useT();
  if (r.draft.amends) {
    return (
      <div class="qa-row">
        <span class="qa-h">{r.card?.definition.name}</span>
        <span class="qa-tag">{t('ui.sidebar.editing')}</span>
        <button type="button" class="qa-link" onClick={r.cancelEdit}>
          {t('ui.sidebar.cancelEdit')}
        </button>
      </div>
    );
  }
  if (r.calibration) {
    // the session fixes the scorecard version: no switcher
    return (
      <div class="qa-row">
        <h1 class="qa-h">{r.card?.definition.name}</h1>
        <span class="qa-tag">{t('ui.sidebar.calibration.tag')}</span>
      </div>
    );
  }
  if (model.applicable.length <= 1) return <h1 class="qa-h">{r.card?.definition.name ?? t('ui.sidebar.title')}</h1>;
  return (
    <div class="qa-field">
      <label class="qa-label" for="qa-scorecard">
        {t('ui.sidebar.scorecard')}
      </label>
      <select id="qa-scorecard" class="qa-select" value={r.card?.id} onChange={(e) => r.choose(e.currentTarget.value)}>
        {model.applicable.map((c, i) => (
          <option key={c.id} value={c.id}>
            {c.definition.name}
            {i === 0 ? ` (${t('ui.sidebar.bestMatch')})` : ''}
          </option>
        ))}
      </select>
    </div>
  );
}

function RevieweePicker({ model, r }: { model: SidebarModel; r: ReviewerState }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const members = useGroupMembers(model.ticket.groupId, open);
  const id = r.draft.revieweeId;
  const name =
    id === null
      ? null
      : id === model.ticket.assigneeId
        ? (model.ticket.assigneeName ?? `#${id}`)
        : ((Array.isArray(members) ? members.find((m) => m.id === id)?.name : undefined) ?? `#${id}`);
  return (
    <div class="qa-reviewee">
      <div class="qa-row">
        <span class="qa-muted">{t('ui.sidebar.reviewee')}</span>
        <strong>{name ?? t('ui.sidebar.nobody')}</strong>
        {id !== null && id === model.ticket.assigneeId && <span class="qa-muted qa-small">({t('ui.sidebar.assignee')})</span>}
        <button type="button" class="qa-link" aria-expanded={open} aria-controls="qa-reviewee-pick" onClick={() => setOpen(!open)}>
          {t('ui.sidebar.change')}
        </button>
      </div>
      {id === null && !open && (
        <Banner tone="warning">
          <strong>{t('ui.sidebar.state.noAssignee.title')}</strong>
          <p>{t('ui.sidebar.state.noAssignee.next')}</p>
        </Banner>
      )}
      {open && (
        <div id="qa-reviewee-pick" class="qa-field">
          {Array.isArray(members) && members.length > 0 && (
            <>
              <label class="qa-label" for="qa-reviewee-member">
                {t('ui.sidebar.groupMember')}
              </label>
              <select
                id="qa-reviewee-member"
                class="qa-select"
                value={id ?? ''}
                onChange={(e) => r.edit({ type: 'reviewee', revieweeId: Number(e.currentTarget.value) || null })}
              >
                <option value="">{t('ui.sidebar.choose')}</option>
                {members.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </>
          )}
          {members === 'loading' && <p class="qa-muted qa-small">{t('ui.common.loading')}</p>}
          <label class="qa-label" for="qa-reviewee-id">
            {t('ui.sidebar.userId')}
          </label>
          <input
            id="qa-reviewee-id"
            class="qa-input"
            inputMode="numeric"
            value={id ?? ''}
            onChange={(e) => {
              const v = Number(e.currentTarget.value.trim());
              r.edit({ type: 'reviewee', revieweeId: Number.isInteger(v) && v > 0 ? v : null });
            }}
          />
        </div>
      )}
    </div>
  );
}

function EarlierEvaluations({ model, r }: { model: SidebarModel; r: ReviewerState }) {
  const t = useT();
  const { locale } = useI18n();
  const [confirm, setConfirm] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (r.evaluations.length === 0) return <p class="qa-muted qa-small">{t('ui.sidebar.history.none')}</p>;
  const me = { userId: model.user.id, role: model.role };
  // a calibration score is not edited or withdrawn from here: after submitting, the reviewer has seen the others'
  const mine = (e: Evaluation) => !isCalibration(e) && mayAmend(me, e);
  const notes = model.data.coachingNotes ?? [];
  return (
    <details class="qa-history">
      <summary>{t('ui.sidebar.history.title', { count: r.evaluations.length })}</summary>
      <ul>
        {r.evaluations.map((e) => (
          <li key={e.id} class="qa-history__item" data-history-id={e.id}>
            <div class="qa-row">
              <strong>{formatScore(e.finalScore)}</strong>
              <VerdictBadge verdict={verdictOf(e)} />
              <span class="qa-muted qa-small">
                {r.cardFor(e)?.definition.name ?? e.scorecardId} · {shortDate(e.createdAt, locale)} ·{' '}
                {e.reviewerId === model.user.id ? t('ui.sidebar.history.byYou') : t('ui.sidebar.history.byUser', { id: e.reviewerId })} ·{' '}
                {t(`ui.sidebar.status.${e.status}`)}
              </span>
              {isCalibration(e) && <span class="qa-tag">{t('ui.sidebar.calibration.tag')}</span>}
            </div>
            {e.dispute && !e.dispute.outcome && <p class="qa-small qa-quote">{t('ui.sidebar.resolve.reason')}: {e.dispute.reason}</p>}
            {notes.some((n) => n.evaluationId === e.id) && <CoachingNotes notes={notes.filter((n) => n.evaluationId === e.id)} />}
            {mayResolve(me, e) && r.cardFor(e) && (
              <ResolveDispute evaluation={e} card={r.cardFor(e)!.definition} resolver={model.service} onResolved={r.replaceEvaluation} />
            )}
            {mine(e) && (
              <div class="qa-row">
                <button type="button" class="c-btn c-btn--sm c-btn--basic" onClick={() => r.startEdit(e)} disabled={!r.cardFor(e)}>
                  {t('ui.sidebar.history.edit')}
                </button>
                {confirm === e.id ? (
                  <button
                    type="button"
                    class="c-btn c-btn--sm c-btn--danger"
                    onClick={async () => {
                      const failed = await r.withdraw(e);
                      setConfirm(null);
                      setError(failed ? t(`ui.sidebar.error.${failed.kind}`) : null);
                    }}
                  >
                    {t('ui.sidebar.history.confirmWithdraw')}
                  </button>
                ) : (
                  <button type="button" class="c-btn c-btn--sm c-btn--basic" onClick={() => setConfirm(e.id)}>
                    {t('ui.sidebar.history.withdraw')}
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <Banner tone="error" role="alert">
          {error}
        </Banner>
      )}
    </details>
  );
}

function ScoringForm({ r, model }: { r: ReviewerState; model: SidebarModel }) {
  const t = useT();
  const [help, setHelp] = useState(false);
  const [comments, setComments] = useState<Record<string, boolean>>({});
  const root = useRef<HTMLFormElement>(null);
  const card = r.card!;
  const criteria = criteriaOf(card.definition);
  const metrics = r.metrics === 'loading' ? null : r.metrics;
  const queued = r.outbox.find((e) => e.id === r.draft.evaluationId);
  const held = r.held.find((e) => e.id === r.draft.evaluationId);
  const locked = held !== undefined || (queued !== undefined && queued.state !== 'failed');
  const problemsById = new Map(r.showProblems ? r.problems.map((p) => [p.criterionId, p]) : []);
  const failed = new Set(r.score?.criticalFailures ?? []);
  let index = 0;

  const focusCriterion = (i: number) => {
    root.current?.querySelector<HTMLElement>(`[data-crit="${i}"] [role=radio][tabindex="0"]`)?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    const inText = target.matches('textarea, input:not([type=checkbox]), select');
    const action = keyAction(e, inText);
    if (!action) return;
    const row = target.closest<HTMLElement>('[data-crit]');
    const at = row ? Number(row.dataset.crit) : -1;
    const criterion = at >= 0 ? criteria[at] : undefined;
    const rate = (rating: number) => {
      if (!criterion || criterion.metric || locked) return;
      r.edit({ type: 'rate', criterionId: criterion.id, rating });
      // focus follows the chosen option (roving tabindex), unless the reviewer has moved on meanwhile
      requestAnimationFrame(() => row?.contains(document.activeElement) && focusCriterion(at));
    };
    switch (action.type) {
      case 'submit':
        void r.submit();
        break;
      case 'help':
        setHelp(!help);
        break;
      case 'leave-field':
        if (at >= 0) focusCriterion(at);
        else return;
        break;
      case 'move': {
        // metric criteria are scored from the ticket: the keys skip them
        const manual = criteria.flatMap((c, i) => (c.metric ? [] : [i]));
        const pos = manual.indexOf(at);
        focusCriterion(manual[pos < 0 ? (action.by > 0 ? 0 : manual.length - 1) : moveIndex(pos, action.by, manual.length)] ?? 0);
        break;
      }
      case 'rate':
        if (!criterion || action.index >= scaleOptions(criterion.scale).length) return;
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
      case 'comment':
        if (!criterion) return;
        setComments((c) => ({ ...c, [criterion.id]: true }));
        requestAnimationFrame(() => root.current?.querySelector<HTMLElement>(`[data-crit="${at}"] textarea`)?.focus());
        break;
    }
    e.preventDefault();
  };

  return (
    <form
      ref={root}
      class="qa-form"
      aria-label={t('ui.sidebar.formLabel', { name: card.definition.name })}
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void r.submit();
      }}
      noValidate
    >
      <p class="qa-help qa-small" id="qa-help">
        {t('ui.sidebar.help.short')}{' '}
        <button type="button" class="qa-link" aria-expanded={help} onClick={() => setHelp(!help)}>
          {t('ui.sidebar.help.toggle')}
        </button>
      </p>
      {help && (
        <ul class="qa-help__keys qa-small">
          {['rate', 'move', 'step', 'na', 'comment', 'leave', 'submit'].map((k) => (
            <li key={k}>{t(`ui.sidebar.help.${k}`)}</li>
          ))}
        </ul>
      )}
      {held ? (
        <QueuedBanner state="held" persistent={r.persistent} error={null} onRetry={null} />
      ) : (
        queued && <QueuedBanner state={queued.state} persistent={r.persistent} error={queued.lastError?.message ?? null} onRetry={() => r.retry(queued.id)} />
      )}
      {r.draftState.kind === 'conflict' && <DraftConflict r={r} />}
      <fieldset class="qa-fieldset" disabled={locked}>
        {card.definition.sections.map((section) => (
          <section key={section.id} class="qa-section" aria-labelledby={`qa-s-${section.id}`}>
            <h2 class="qa-section__title" id={`qa-s-${section.id}`}>
              {section.name}
            </h2>
            {section.criteria.map((c) => {
              const i = index++;
              return (
                <CriterionRow
                  key={c.id}
                  criterion={c}
                  index={i}
                  answer={r.draft.answers[c.id]}
                  metricAnswer={c.metric && metrics ? metricAnswer(c, metrics) : null}
                  problem={problemsById.get(c.id)}
                  critical={failed.has(c.id)}
                  disabled={locked}
                  commentOpen={comments[c.id] ?? false}
                  onToggleComment={() => setComments((o) => ({ ...o, [c.id]: !o[c.id] }))}
                  onEdit={r.edit}
                />
              );
            })}
          </section>
        ))}
        <div class="qa-field">
          <label class="qa-label" for="qa-overall">
            {t('ui.sidebar.overallComment')}
          </label>
          <textarea
            id="qa-overall"
            class="qa-textarea"
            rows={2}
            value={r.draft.overallComment}
            onInput={(e) => r.edit({ type: 'overall', comment: e.currentTarget.value })}
          />
        </div>
      </fieldset>
      <Footer r={r} locked={locked} criteriaNames={new Map(criteria.map((c) => [c.id, c.label]))} />
    </form>
  );
}

/** Another tab or device saved this draft first: the reviewer chooses, nothing is overwritten meanwhile. */
function DraftConflict({ r }: { r: ReviewerState }) {
  const t = useT();
  const gone = r.draftState.kind === 'conflict' && r.draftState.current === null;
  return (
    <Banner tone="warning" role="alert">
      <strong>{t(gone ? 'ui.sidebar.draft.conflict.gone' : 'ui.sidebar.draft.conflict.title')}</strong>
      <p>{t('ui.sidebar.draft.conflict.next')}</p>
      <div class="qa-row">
        <button type="button" class="c-btn c-btn--sm" onClick={r.keepMyDraft}>
          {t('ui.sidebar.draft.conflict.mine')}
        </button>
        <button type="button" class="c-btn c-btn--sm c-btn--basic" onClick={r.takeOtherDraft}>
          {t(gone ? 'ui.sidebar.draft.conflict.restart' : 'ui.sidebar.draft.conflict.theirs')}
        </button>
      </div>
    </Banner>
  );
}

/** Where the draft is, said plainly: on the service, on its way, or only here (and how safe "here" is). */
function draftLine(r: ReviewerState, t: ReturnType<typeof useT>): string {
  const d = r.draftState;
  switch (d.kind) {
    case 'saved':
      return t('ui.sidebar.draft.saved');
    case 'saving':
      return t('ui.sidebar.draft.saving');
    case 'unsaved':
      return t(r.persistent ? 'ui.sidebar.draft.unsavedDevice' : 'ui.sidebar.draft.unsavedTab');
    case 'refused':
      return t('ui.sidebar.draft.refused', { reason: t(`ui.sidebar.error.${d.error.kind}`) });
    case 'conflict':
      return t('ui.sidebar.draft.conflict.title');
    case 'idle':
      return t('ui.sidebar.draftNone');
  }
}

/**
 * A submission not yet with the service, and how safe it is, said plainly: held by the background instance (safe to
 * close the ticket), kept on this device (safe across reloads), or only in this open ticket (do not close it).
 */
function QueuedBanner({
  state,
  persistent,
  error,
  onRetry,
}: {
  state: 'pending' | 'sending' | 'failed' | 'held';
  persistent: boolean;
  error: string | null;
  onRetry: (() => void) | null;
}) {
  const t = useT();
  const next =
    state === 'held'
      ? persistent
        ? 'ui.sidebar.outbox.held.nextDevice'
        : 'ui.sidebar.outbox.held.next'
      : state === 'pending' && !persistent
        ? 'ui.sidebar.outbox.pending.nextTab'
        : `ui.sidebar.outbox.${state}.next`;
  return (
    <Banner tone={state === 'failed' ? 'error' : 'warning'} role={state === 'failed' ? 'alert' : 'status'}>
      <strong data-outbox-state={state}>{t(`ui.sidebar.outbox.${state}.title`)}</strong>
      <p>
        {t(next)}
        {state === 'failed' && error ? ` (${error})` : ''}
      </p>
      {onRetry && state !== 'sending' && (
        <button type="button" class="c-btn c-btn--sm" onClick={onRetry}>
          {t('ui.sidebar.outbox.retryNow')}
        </button>
      )}
    </Banner>
  );
}

function Footer({ r, locked, criteriaNames }: { r: ReviewerState; locked: boolean; criteriaNames: Map<string, string> }) {
  const t = useT();
  const s = r.score;
  const changed = s !== null && s.rawScore !== null && s.finalScore !== s.rawScore;
  const verdict = s ? verdictOf(s) : 'none';
  const sending = r.submission.phase === 'sending';
  const problems = r.showProblems ? r.problems : [];
  const noReviewee = r.showProblems && r.draft.revieweeId === null;
  const points = r.card?.definition.method === 'total-points' && s && s.possible > 0;
  return (
    <div class="qa-footer">
      {problems.length > 0 && (
        <div class="qa-banner qa-banner--error" role="alert">
          <strong>{t('ui.sidebar.problem.summary', { count: problems.length })}</strong>
          <ul>
            {problems.map((p) => (
              <li key={p.criterionId}>
                {criteriaNames.get(p.criterionId)}: {t(`ui.sidebar.problem.${p.kind}`)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {noReviewee && (
        <p class="qa-banner qa-banner--error" role="alert">
          {t('ui.sidebar.problem.noReviewee')}
        </p>
      )}
      {r.submission.phase === 'failed' && (
        <Banner tone="error" role="alert">
          <strong>{t(`ui.sidebar.error.${r.submission.error.kind}`)}</strong>
          {r.submission.error.issues && (
            <ul>
              {r.submission.error.issues.map((i) => (
                <li key={i}>{i}</li>
              ))}
            </ul>
          )}
        </Banner>
      )}
      <div class="qa-footer__bar">
        {/* two fixed lines: a score, a badge or a raw score appearing never moves anything else */}
        <div class="qa-score" aria-live="polite" aria-atomic="true">
          <div class="qa-score__main">
            <span class="qa-visually-hidden">{t('ui.sidebar.score')}</span>
            <span class="qa-score__value">{formatScore(s?.finalScore ?? null)}</span>
            <VerdictBadge verdict={verdict} />
          </div>
          <div class="qa-score__sub qa-small">
            {changed ? (
              <span class="qa-score__raw">{t('ui.sidebar.raw', { score: formatScore(s.rawScore) })}</span>
            ) : points ? (
              <span class="qa-muted">{t('ui.sidebar.points', { earned: formatScore(s.earned), possible: formatScore(s.possible) })}</span>
            ) : (
              '\u00a0'
            )}
          </div>
        </div>
        <button type="submit" class="c-btn c-btn--primary c-btn--sm" disabled={locked || sending} aria-describedby="qa-draft-state">
          {sending ? t('ui.sidebar.submitting') : r.draft.amends ? t('ui.sidebar.saveChanges') : t('ui.sidebar.submit')}
        </button>
      </div>
      <p class="qa-small qa-muted" id="qa-draft-state">
        {draftLine(r, t)} · {t('ui.sidebar.passAt', { threshold: r.card?.definition.passThreshold ?? 80 })}
      </p>
    </div>
  );
}

function Done({ r, model }: { r: ReviewerState; model: SidebarModel }) {
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

function OutboxLine({ r, ticketId }: { r: ReviewerState; ticketId: number }) {
  const t = useT();
  const elsewhere = r.outbox.filter((e) => e.ticketId !== ticketId);
  if (elsewhere.length === 0) return null;
  return <p class="qa-small qa-muted">{t('ui.sidebar.outbox.elsewhere', { count: elsewhere.length })}</p>;
}

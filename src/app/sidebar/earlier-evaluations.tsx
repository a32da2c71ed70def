/**
 * The ticket's earlier evaluations (fetched when the ticket has any: reviewer-view.tsx): each with its coaching notes, the resolve form for a dispute a lead may resolve, and
 * edit or withdraw for those the reviewer may change (never a calibration score: the reviewer has seen the others').
 */
import { useState } from 'preact/hooks';
import type { Evaluation } from '../../core/evaluation.ts';
import { mayAmend, mayResolve } from '../../core/permissions.ts';
import { useI18n, useT } from '../i18n/use-t.tsx';
import { focusSoon } from '../ui/announce.ts';
import { lazyView } from '../ui/lazy.ts';
import { isCalibration } from './calibration.ts';
import type { SidebarModel } from './load.ts';
import { PersonName } from './names.ts';
import { formatScoreOf } from './answer-text.ts';
import { Banner, VerdictBadge, shortDate, verdictOf } from './parts.tsx';
import type { ReviewerState } from './use-reviewer.ts';

// only reviewers with coaching notes on their evaluations, and leads with a dispute to resolve, fetch these
const CoachingNotes = lazyView(() => import('./coaching-view.tsx').then((m) => m.CoachingNotes));
const ResolveDispute = lazyView(() => import('./resolve-view.tsx').then((m) => m.ResolveDispute));

export function EarlierEvaluations({ model, r }: { model: SidebarModel; r: ReviewerState }) {
  const t = useT();
  const { locale } = useI18n();
  const [confirm, setConfirm] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keep = (id: string) => {
    setConfirm(null);
    focusSoon(() => document.querySelector<HTMLElement>(`[data-withdraw="${id}"]`));
  };
  // reviewers' names are asked of Zendesk when the list is opened, not on every ticket load
  const [opened, setOpened] = useState(false);
  if (r.evaluations.length === 0) return <p class="qa-muted qa-small qa-history-none">{t('ui.sidebar.history.none')}</p>;
  const me = { userId: model.user.id, role: model.role };
  // a calibration score is not edited or withdrawn from here: after submitting, the reviewer has seen the others'
  const mine = (e: Evaluation) => !isCalibration(e) && mayAmend(me, e);
  const notes = model.data.coachingNotes ?? [];
  return (
    <details class="qa-history" onToggle={(e) => setOpened(opened || e.currentTarget.open)}>
      <summary>{t('ui.sidebar.history.title', { count: r.evaluations.length })}</summary>
      <ul>
        {r.evaluations.map((e) => (
          <li key={e.id} class="qa-history__item" data-history-id={e.id}>
            <div class="qa-row">
              <strong>{formatScoreOf(e.finalScore, r.cardFor(e)?.definition.maxScore)}</strong>
              <VerdictBadge verdict={verdictOf(e)} />
              <span class="qa-muted qa-small">
                {r.cardFor(e)?.definition.name ?? e.scorecardId} · {shortDate(e.createdAt, locale)} ·{' '}
                {e.reviewerId === model.user.id
                  ? t('ui.sidebar.history.byYou')
                  : opened && <PersonName id={e.reviewerId} format={(name) => t('ui.sidebar.history.byUser', { name })} />}{' '}
                · {t(`ui.sidebar.status.${e.status}`)}
              </span>
              {isCalibration(e) && <span class="qa-tag">{t('ui.sidebar.calibration.tag')}</span>}
            </div>
            {e.dispute && !e.dispute.outcome && (
              <p class="qa-small qa-quote">
                {t('ui.sidebar.resolve.reason')}: {e.dispute.reason}
              </p>
            )}
            {notes.some((n) => n.evaluationId === e.id) && <CoachingNotes notes={notes.filter((n) => n.evaluationId === e.id)} />}
            {mayResolve(me, e) && r.cardFor(e) && (
              <ResolveDispute evaluation={e} card={r.cardFor(e)!.definition} resolver={model.service} onResolved={r.replaceEvaluation} />
            )}
            {mine(e) && (
              <div class="qa-row">
                <button type="button" class="c-btn c-btn--sm c-btn--basic" onClick={() => r.startEdit(e)} disabled={!r.cardFor(e)}>
                  {t('ui.sidebar.history.edit')}
                </button>
                {confirm !== e.id && (
                  <button
                    type="button"
                    class="c-btn c-btn--sm c-btn--basic"
                    data-withdraw={e.id}
                    onClick={() => {
                      setConfirm(e.id);
                      setError(null);
                      focusSoon(() => document.getElementById(`qa-confirm-${e.id}`)?.querySelector('button'));
                    }}
                  >
                    {t('ui.sidebar.history.withdraw')}
                  </button>
                )}
              </div>
            )}
            {confirm === e.id && (
              // asked in place: Escape or "Keep it" leaves it as it was, focus back on Withdraw
              <div
                class="qa-banner qa-banner--warning"
                role="group"
                id={`qa-confirm-${e.id}`}
                aria-labelledby={`qa-confirm-${e.id}-q`}
                onKeyDown={(ev) => {
                  if (ev.key !== 'Escape') return;
                  ev.preventDefault();
                  keep(e.id);
                }}
              >
                <p id={`qa-confirm-${e.id}-q`}>{t('ui.sidebar.history.confirmQuestion')}</p>
                <div class="qa-row">
                  <button
                    type="button"
                    class="c-btn c-btn--sm c-btn--danger"
                    disabled={busy}
                    onClick={async () => {
                      setBusy(true);
                      const failed = await r.withdraw(e);
                      setBusy(false);
                      setConfirm(null);
                      if (failed) {
                        setError(t(`ui.sidebar.error.${failed.kind}`));
                        focusSoon(() => document.querySelector<HTMLElement>(`[data-withdraw="${e.id}"]`));
                      } else
                        focusSoon(
                          () => document.querySelector<HTMLElement>('.qa-history summary, .qa-history-none'),
                          t('ui.sidebar.history.withdrawn'),
                        );
                    }}
                  >
                    {t('ui.sidebar.history.confirmWithdraw')}
                  </button>
                  <button type="button" class="c-btn c-btn--sm c-btn--basic" onClick={() => keep(e.id)}>
                    {t('ui.sidebar.history.keep')}
                  </button>
                </div>
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

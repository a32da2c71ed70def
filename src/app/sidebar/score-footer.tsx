/**
 * Below the form: the problems that stop a submit; then the summary bar, which sticks to the bottom of the sidebar
 * while the form scrolls (fit-frame.ts keeps the iframe within sight): the live score and verdict, how many criteria
 * are left, where the draft or the submission is, the submit button; last, where the draft is, in full.
 */
import { useT } from '../i18n/use-t.tsx';
import type { DraftSyncState } from './draft-sync.ts';
import { couldStillFail } from './form.ts';
import { Banner, VerdictBadge, formatScore, verdictOf } from './parts.tsx';
import type { QueuedState } from './queued-banner.tsx';
import type { ReviewerState } from './use-reviewer.ts';

export interface ScoreFooterProps {
  r: ReviewerState;
  locked: boolean;
  criteriaNames: Map<string, string>;
  /** Criteria the reviewer rates (metric ones are scored from the ticket). */
  total: number;
  /** This draft's submission, while it waits to reach the service. */
  waiting: QueuedState | null;
}

export function ScoreFooter({ r, locked, criteriaNames, total, waiting }: ScoreFooterProps) {
  const t = useT();
  const s = r.score;
  const changed = s !== null && s.rawScore !== null && s.finalScore !== s.rawScore;
  const left = r.problems.filter((p) => p.kind === 'unanswered').length;
  const definition = r.card?.definition;
  // never 'Pass' while unrated criteria could still fail it (a non-scoring question left cannot)
  const rated = s ? verdictOf(s) : 'none';
  const open =
    rated === 'pass' && definition !== undefined && couldStillFail(definition, r.draft, r.metrics === 'loading' ? null : r.metrics);
  const verdict = open ? 'passSoFar' : rated;
  // bonus can lift the score past 100: it is shown out of the card's highest
  const maxScore = definition?.maxScore;
  const sending = r.submission.phase === 'sending';
  const problems = r.showProblems ? r.problems : [];
  const noReviewee = r.showProblems && r.draft.revieweeId === null;
  const points = definition?.method === 'total-points' && s && s.possible > 0;
  // a critical rule that keeps the score ('fail') changes no number: the reason is said instead
  const failedOn = s && s.criticalFailures.length > 0 ? s.criticalFailures.map((id) => criteriaNames.get(id) ?? id).join(', ') : null;
  return (
    <>
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
      <section class="qa-footer" aria-label={t('ui.sidebar.summary.label')}>
        <div class="qa-footer__bar">
          {/* two fixed lines: a score, a badge or a raw score appearing never moves anything else */}
          <div class="qa-score" aria-live="polite" aria-atomic="true">
            <div class="qa-score__main">
              <span class="qa-visually-hidden">{t('ui.sidebar.score')}</span>
              <span class="qa-score__value">
                {formatScore(s?.finalScore ?? null)}
                {maxScore !== undefined && (
                  <span class="qa-score__of">
                    <span aria-hidden="true"> / {maxScore}</span>
                    <span class="qa-visually-hidden"> {t('ui.sidebar.scale.outOf', { max: maxScore })}</span>
                  </span>
                )}
              </span>
              <VerdictBadge verdict={verdict} />
            </div>
            <div class="qa-score__sub qa-small">
              {changed ? (
                <span class="qa-score__raw">{t('ui.sidebar.raw', { score: formatScore(s.rawScore) })}</span>
              ) : failedOn ? (
                <span class="qa-score__raw" title={failedOn}>
                  {t('ui.sidebar.scale.failedOn', { criteria: failedOn })}
                </span>
              ) : points ? (
                <span class="qa-muted">
                  {t(s.bonusPossible > 0 ? 'ui.sidebar.scale.pointsBonus' : 'ui.sidebar.points', {
                    earned: formatScore(s.earned),
                    possible: formatScore(s.possible),
                  })}
                </span>
              ) : (
                '\u00a0'
              )}
            </div>
          </div>
          <button type="submit" class="c-btn c-btn--primary c-btn--sm" disabled={locked || sending} aria-describedby="qa-draft-state">
            {sending ? t('ui.sidebar.submitting') : r.draft.amends ? t('ui.sidebar.saveChanges') : t('ui.sidebar.submit')}
          </button>
        </div>
        <p class="qa-footer__line qa-small">
          <span data-progress={left}>
            {left > 0 ? t('ui.sidebar.summary.left', { left, total }) : t('ui.sidebar.summary.allRated', { total })}
          </span>
          <span>{t('ui.sidebar.passAt', { threshold: r.card?.definition.passThreshold ?? 80 })}</span>
          {waiting ? (
            <strong class={waiting === 'failed' ? 'qa-footer__state qa-error' : 'qa-footer__state'} data-summary-state={waiting}>
              {t(WAITING[waiting])}
            </strong>
          ) : (
            r.draftState.kind !== 'idle' && (
              <span class="qa-muted" data-summary-state={r.draftState.kind}>
                {t(DRAFT_SHORT[r.draftState.kind])}
              </span>
            )
          )}
        </p>
      </section>
      <p class="qa-small qa-muted" id="qa-draft-state">
        {draftLine(r, t)}
      </p>
    </>
  );
}

/** A submission on its way, in the words of the banner above the form. */
const WAITING: Record<QueuedState, string> = {
  pending: 'ui.sidebar.outbox.pending.title',
  sending: 'ui.sidebar.outbox.sending.title',
  failed: 'ui.sidebar.outbox.failed.title',
  held: 'ui.sidebar.outbox.held.title',
};

/** The draft's state in two or three words (nothing before the first save); the line below the bar says it in full. */
const DRAFT_SHORT: Record<Exclude<DraftSyncState['kind'], 'idle'>, string> = {
  saving: 'ui.sidebar.summary.draft.saving',
  saved: 'ui.sidebar.summary.draft.saved',
  unsaved: 'ui.sidebar.summary.draft.unsaved',
  refused: 'ui.sidebar.summary.draft.refused',
  conflict: 'ui.sidebar.summary.draft.conflict',
};

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

/** Below the form: the problems that stop a submit, the live score, the submit button, and where the draft is. */
import { useT } from '../i18n/use-t.tsx';
import { Banner, VerdictBadge, formatScore, verdictOf } from './parts.tsx';
import type { ReviewerState } from './use-reviewer.ts';

export function ScoreFooter({ r, locked, criteriaNames }: { r: ReviewerState; locked: boolean; criteriaNames: Map<string, string> }) {
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

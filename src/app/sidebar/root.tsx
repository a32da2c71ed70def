/** The ticket sidebar: loads once, then the reviewer or the agent view by QA role; every problem in plain words. */
import './sidebar.css';
import { canReview } from '../api/qa-role.ts';
import { useT } from '../i18n/use-t.tsx';
import { AgentView } from './agent-view.tsx';
import type { LoadProblem } from './load.ts';
import { ReviewerView } from './reviewer-view.tsx';
import { useSidebarLoad } from './use-sidebar.ts';

/** Problems the user can fix by trying again (the others need an admin). */
const RETRYABLE: ReadonlySet<LoadProblem> = new Set(['unreachable', 'server', 'conflict']);

export function SidebarRoot() {
  const t = useT();
  const { state, reload } = useSidebarLoad();
  if (state.status === 'loading') {
    return (
      <div class="qa-loading" role="status" aria-live="polite">
        {t('ui.sidebar.state.loading')}
      </div>
    );
  }
  if (state.status === 'problem') {
    return (
      <section class="qa-notice qa-state" role="alert" data-problem={state.problem}>
        <h1>{t(`ui.sidebar.state.${state.problem}.title`)}</h1>
        <p>{t(`ui.sidebar.state.${state.problem}.next`)}</p>
        {state.message && <p class="qa-small qa-muted">{t('ui.sidebar.state.detail', { message: state.message })}</p>}
        {RETRYABLE.has(state.problem) && (
          <button type="button" class="c-btn c-btn--sm" onClick={reload}>
            {t('ui.common.retry')}
          </button>
        )}
      </section>
    );
  }
  const { model } = state;
  return canReview(model.role) ? <ReviewerView model={model} /> : <AgentView model={model} />;
}

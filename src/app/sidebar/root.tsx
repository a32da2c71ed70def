/** The ticket sidebar: loads once, then the reviewer or the agent view by QA role; every problem in plain words. */
import './sidebar.css';
import type { QaRole } from '../../core/evaluation.ts';
import { isStaff } from '../../core/permissions.ts';
import { useT } from '../i18n/use-t.tsx';
import { lazy, useLazy } from '../ui/lazy.ts';
import type { ZafSession } from '../zaf/use-zaf.tsx';
import type { LoadOutcome, LoadProblem, SidebarModel } from './load.ts';
import { ReviewerView } from './reviewer-view.tsx';
import { startMeasuredLoad, useSidebarLoad } from './use-sidebar.ts';

/** Problems the user can fix by trying again (an ended session needs Zendesk to sign a new load; others an admin). */
const RETRYABLE: ReadonlySet<LoadProblem> = new Set(['unreachable', 'server', 'conflict', 'throttled']);

// agents load their view's code while the service request runs; reviewers never download it
const agentView = lazy(() => import('./agent-view.tsx').then((m) => m.AgentView));

const prefetchView = (role: QaRole) => void (isStaff(role) || agentView.fetch().catch(() => undefined));

export interface SidebarProps {
  /** The load mount.tsx started as soon as Zendesk registered the app. */
  first?: Promise<LoadOutcome>;
}

/** Starts the sidebar's one get and service request before mount; the get also tells the user's locale. */
export function startSidebar(session: ZafSession): { locale: Promise<string | undefined>; props: SidebarProps } {
  const { locale, outcome } = startMeasuredLoad(session, prefetchView);
  return { locale, props: { first: outcome } };
}

export function SidebarRoot({ first }: SidebarProps) {
  const t = useT();
  const { state, reload } = useSidebarLoad(prefetchView, first);
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
        <p>
          {state.problem === 'throttled' && state.retryAfter !== undefined
            ? t('ui.sidebar.state.throttled.wait', { seconds: state.retryAfter })
            : t(`ui.sidebar.state.${state.problem}.next`)}
        </p>
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
  return isStaff(model.role) ? <ReviewerView model={model} /> : <LazyAgentView model={model} />;
}

function LazyAgentView({ model }: { model: SidebarModel }) {
  const t = useT();
  const view = useLazy(agentView);
  if (view.status === 'error') {
    return (
      <section class="qa-notice qa-state" role="alert">
        <h1>{t('ui.sidebar.state.unreachable.title')}</h1>
        <p>{t('ui.sidebar.state.unreachable.next')}</p>
      </section>
    );
  }
  if (view.status === 'loading')
    return (
      <div class="qa-loading" role="status">
        {t('ui.sidebar.state.loading')}
      </div>
    );
  return <view.value model={model} />;
}

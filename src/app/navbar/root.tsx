/**
 * The nav bar page: tabs for Reports, Calibration, Plan, Scorecards and (for admins) API keys and Sync, those the user's role
 * can use, each loaded on first show. Who is looking comes from the service's boot in the page, never from Zendesk's
 * settings or groups.
 */
import './navbar.css';
import type { ComponentType } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { QaRole } from '../../core/evaluation.ts';
import { canManageScorecards, isAdmin, isStaff, managesScorecardsByRole } from '../../core/permissions.ts';
import type { BootRead } from '../api/boot.ts';
import { createPolicyApi } from '../api/policy-api.ts';
import { bootServiceCall } from '../api/service-call.ts';
import { withTranslatedErrors } from '../api/translated-errors.ts';
import { useT } from '../i18n/use-t.tsx';
import { lazy, useLazy, type Lazy } from '../ui/lazy.ts';
import { Loading, Notice } from '../ui/notice.tsx';
import { useAsync } from '../ui/use-async.ts';
import { useZaf } from '../zaf/use-zaf.tsx';
import { NavBarContext, type NavBarSession } from './navbar-context.tsx';
import { Tabs } from './tabs.tsx';

// The reports engineer's tab, when present: `src/app/navbar/reports/reports-tab.tsx` exporting `ReportsTab`.
const reportsModule = import.meta.glob<ComponentType>('./reports/reports-tab.tsx', { import: 'ReportsTab' });

const coming = (key: string) => () => import('./placeholder-tab.tsx').then((m) => m.comingTab(key));

const TABS: Record<string, Lazy<object>> = {
  reports: lazy(reportsModule['./reports/reports-tab.tsx'] ?? coming('ui.navbar.tabs.reports')),
  calibration: lazy(() => import('./reports/calibration-tab.tsx').then((m) => m.CalibrationTab)),
  plan: lazy(() => import('./plan/plan-tab.tsx').then((m) => m.PlanTab)),
  scorecards: lazy(() => import('./scorecards/scorecards-tab.tsx').then((m) => m.ScorecardsTab)),
  'api-keys': lazy(() => import('./api-keys/api-keys-tab.tsx').then((m) => m.ApiKeysTab)),
  sync: lazy(() => import('./sync/sync-tab.tsx').then((m) => m.SyncTab)),
};
const NOT_ALLOWED = lazy(() => import('./not-allowed.tsx').then((m) => m.NotAllowed));
// the tab shows its loading state (tabs and focus stay) until the policy says which of the two to load
const DECIDING = lazy<object>(() => new Promise(() => {}));

/**
 * The tabs a role can use (src/core/permissions.ts), so no one is shown a tab that only says it is not for them:
 * everyone reads reports (an agent their own figures); calibration sessions and the plan are staff's; scorecards
 * are never an agent's (for leads and reviewers the account policy decides, read when the tab is opened); API keys
 * and the Zendesk sync are admins' only (the service refuses the others anyway).
 */
export function tabsFor(role: QaRole): string[] {
  return [
    'reports',
    ...(isStaff(role) ? ['calibration', 'plan'] : []),
    ...(managesScorecardsByRole(role) === false ? [] : ['scorecards']),
    ...(isAdmin(role) ? ['api-keys', 'sync'] : []),
  ];
}

function initialTab(ids: readonly string[]): string {
  const wanted = typeof location === 'undefined' ? '' : location.hash.replace(/^#/, '');
  return ids.includes(wanted) ? wanted : 'reports';
}

export interface NavBarProps {
  /** The page's boot, read once when the page starts (locations/nav-bar/main.tsx). */
  boot: BootRead;
}

export function NavBarRoot({ boot }: NavBarProps) {
  const t = useT();
  const { metadata } = useZaf();
  const tabIds = useMemo(() => tabsFor(boot.status === 'ok' ? boot.boot.user.role : 'agent'), [boot]);
  const [tab, setTab] = useState(() => initialTab(tabIds));
  // whether the Scorecards tab was ever shown: only then may the policy be asked who manages scorecards
  const [scorecardsShown, setScorecardsShown] = useState(tab === 'scorecards');
  const select = (id: string) => {
    setTab(id);
    if (id === 'scorecards') setScorecardsShown(true);
  };
  const session = useMemo<NavBarSession | null>(() => {
    if (boot.status !== 'ok') return null;
    const call = withTranslatedErrors(bootServiceCall(boot.boot), t);
    const { user } = boot.boot;
    return { user, role: user.role, settings: metadata.settings, call, policy: createPolicyApi(call) };
  }, [boot, metadata, t]);
  const access = useScorecardAccess(session, scorecardsShown);

  if (!session) {
    return (
      <Notice title={t('ui.zaf.outsideZendesk')} role="alert">
        <p>{t('ui.zaf.noSession')}</p>
      </Notice>
    );
  }
  const shown = tab !== 'scorecards' ? TABS[tab]! : access === null ? DECIDING : access ? TABS.scorecards! : NOT_ALLOWED;
  return (
    <NavBarContext.Provider value={session}>
      <main class="qa-navbar">
        <h1 class="qa-navbar__title">{t('ui.navbar.title')}</h1>
        <Tabs
          label={t('ui.navbar.tabsLabel')}
          tabs={tabIds.map((id) => ({ id, label: t(`ui.navbar.tabs.${id}`) }))}
          selected={tab}
          onSelect={select}
        >
          <LazyTab view={shown} />
        </Tabs>
      </main>
    </NavBarContext.Provider>
  );
}

/** A tab's module, fetched on first show, so the page starts with only the shell. */
function LazyTab({ view }: { view: Lazy<object> }) {
  const t = useT();
  const state = useLazy(view);
  if (state.status === 'error') return <p role="alert">{t('ui.common.error', { message: state.error.message })}</p>;
  if (state.status === 'loading') return <Loading label={t('ui.common.loading')} />;
  return <state.value />;
}

/**
 * Admins and agents are answered by their role; leads and reviewers by the account policy, read once the
 * Scorecards tab is first shown (one GET; no request at load rides along). Null while unknown.
 */
function useScorecardAccess(session: NavBarSession | null, shown: boolean): boolean | null {
  const byRole = session ? managesScorecardsByRole(session.role) : null;
  const ask = shown && session !== null && byRole === null;
  const [policy] = useAsync(ask ? () => session.policy.get() : null, [ask, session]);
  // an unreadable policy shows "ask your admin": the service refuses the writes anyway
  return byRole ?? (policy.status === 'ok' ? canManageScorecards(session!.role, policy.value) : policy.status === 'error' ? false : null);
}

/** The nav bar page: tabs for Reports, Calibration, Plan and (for admins) Scorecards, each loaded on first show. */
import './navbar.css';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { qaRoleOf, type ZendeskUser } from '../api/qa-role.ts';
import { zafServiceCall } from '../api/service-call.ts';
import { useT } from '../i18n/use-t.tsx';
import { Loading } from '../ui/notice.tsx';
import { useZaf, useZafGet } from '../zaf/use-zaf.tsx';
import { LazyTab, type Loader } from './lazy.tsx';
import { NavBarContext, type NavBarSession } from './navbar-context.tsx';
import { accessByRole, accessUnder, createPolicyApi, type ScorecardAccess } from './permissions.ts';
import { createScorecardsApi } from './scorecards/scorecards-api.ts';
import { Tabs } from './tabs.tsx';

// The reports engineer's tab, when present: `src/app/navbar/reports/reports-tab.tsx` exporting `ReportsTab`.
const reportsModule = import.meta.glob<preact.ComponentType>('./reports/reports-tab.tsx', { import: 'ReportsTab' });

const coming = (key: string): Loader => () => import('./placeholder-tab.tsx').then((m) => m.comingTab(key));

const LOADERS: Record<string, Loader> = {
  reports: reportsModule['./reports/reports-tab.tsx'] ?? coming('ui.navbar.tabs.reports'),
  calibration: () => import('./reports/calibration-tab.tsx').then((m) => m.CalibrationTab),
  plan: () => import('./reports/plan-tab.tsx').then((m) => m.PlanTab),
  scorecards: () => import('./scorecards/scorecards-tab.tsx').then((m) => m.ScorecardsTab),
};
const NOT_ALLOWED: Loader = () => import('./not-allowed.tsx').then((m) => m.NotAllowed);
// the tab shows its loading state (tabs and focus stay) until the policy says which of the two to load
const DECIDING: Loader = () => new Promise(() => {});

const TAB_IDS = ['reports', 'calibration', 'plan', 'scorecards'] as const;

function initialTab(): string {
  const wanted = typeof location === 'undefined' ? '' : location.hash.replace(/^#/, '');
  return (TAB_IDS as readonly string[]).includes(wanted) ? wanted : 'reports';
}

export function NavBarRoot() {
  const t = useT();
  const { zaf, metadata } = useZaf();
  const { state } = useZafGet(['currentUser']);
  const [tab, setTab] = useState(initialTab);
  const user = state.status === 'ready' ? (state.value.values.currentUser as ZendeskUser | undefined) : undefined;
  const session = useMemo<NavBarSession | null>(() => {
    if (!user) return null;
    const role = qaRoleOf({ role: user.role, groups: user.groups ?? [] }, metadata.settings);
    const serviceUrl = typeof metadata.settings.serviceUrl === 'string' ? metadata.settings.serviceUrl : '';
    const call = zafServiceCall(zaf, serviceUrl, { userId: user.id, role });
    return { user, role, settings: metadata.settings, scorecards: createScorecardsApi(call), policy: createPolicyApi(call) };
  }, [user, zaf, metadata]);
  const access = useScorecardAccess(session, tab === 'scorecards');

  if (state.status === 'loading') return <Loading label={t('ui.common.loading')} />;
  if (state.status === 'error' || !session) {
    return <p role="alert">{t('ui.common.error', { message: state.status === 'error' ? state.error.message : 'currentUser' })}</p>;
  }
  const load = tab !== 'scorecards' ? LOADERS[tab]! : access === null ? DECIDING : access === 'allowed' ? LOADERS.scorecards! : NOT_ALLOWED;
  return (
    <NavBarContext.Provider value={session}>
      <main class="qa-navbar">
        <h1 class="qa-navbar__title">{t('ui.navbar.title')}</h1>
        <Tabs label={t('ui.navbar.tabsLabel')} tabs={TAB_IDS.map((id) => ({ id, label: t(`ui.navbar.tabs.${id}`) }))} selected={tab} onSelect={setTab}>
          <LazyTab load={load} />
        </Tabs>
      </main>
    </NavBarContext.Provider>
  );
}

/**
 * Admins and agents are answered by their role; leads and reviewers by the account policy, read once the
 * Scorecards tab is first wanted (one GET; no request at load rides along). Null while unknown.
 */
function useScorecardAccess(session: NavBarSession | null, wanted: boolean): ScorecardAccess | null {
  const byRole = session ? accessByRole(session.role) : null;
  const [fromPolicy, setFromPolicy] = useState<ScorecardAccess | null>(null);
  const ask = wanted && session !== null && byRole === null && fromPolicy === null;
  useEffect(() => {
    if (!ask || !session) return;
    let live = true;
    // an unreadable policy shows "ask your admin": the service refuses the writes anyway
    void session.policy.get().then((r) => live && setFromPolicy(r.status === 'ok' ? accessUnder(session.role, r.value) : 'denied'));
    return () => {
      live = false;
    };
  }, [ask, session]);
  return byRole ?? fromPolicy;
}

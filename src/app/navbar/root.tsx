/**
 * The nav bar page: tabs for Reports, Calibration, Plan, Scorecards and (for admins) API keys, each loaded on first
 * show. Who is looking comes from the service's boot in the page, never from Zendesk's settings or groups.
 */
import './navbar.css';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { canManageScorecards, isAdmin, managesScorecardsByRole } from '../../core/permissions.ts';
import type { BootRead } from '../api/boot.ts';
import { createPolicyApi } from '../api/policy-api.ts';
import { bootServiceCall } from '../api/service-call.ts';
import { withTranslatedErrors } from '../api/translated-errors.ts';
import { useT } from '../i18n/use-t.tsx';
import { Notice } from '../ui/notice.tsx';
import { useZaf } from '../zaf/use-zaf.tsx';
import { LazyTab, type Loader } from './lazy.tsx';
import { NavBarContext, type NavBarSession } from './navbar-context.tsx';
import { Tabs } from './tabs.tsx';

// The reports engineer's tab, when present: `src/app/navbar/reports/reports-tab.tsx` exporting `ReportsTab`.
const reportsModule = import.meta.glob<preact.ComponentType>('./reports/reports-tab.tsx', { import: 'ReportsTab' });

const coming = (key: string): Loader => () => import('./placeholder-tab.tsx').then((m) => m.comingTab(key));

const LOADERS: Record<string, Loader> = {
  reports: reportsModule['./reports/reports-tab.tsx'] ?? coming('ui.navbar.tabs.reports'),
  calibration: () => import('./reports/calibration-tab.tsx').then((m) => m.CalibrationTab),
  plan: () => import('./reports/plan-tab.tsx').then((m) => m.PlanTab),
  scorecards: () => import('./scorecards/scorecards-tab.tsx').then((m) => m.ScorecardsTab),
  'api-keys': () => import('./api-keys/api-keys-tab.tsx').then((m) => m.ApiKeysTab),
};
const NOT_ALLOWED: Loader = () => import('./not-allowed.tsx').then((m) => m.NotAllowed);
// the tab shows its loading state (tabs and focus stay) until the policy says which of the two to load
const DECIDING: Loader = () => new Promise(() => {});

const TAB_IDS = ['reports', 'calibration', 'plan', 'scorecards'] as const;
/** API keys are admins' only; others never see the tab (the service refuses them anyway). */
const ADMIN_TAB_IDS = [...TAB_IDS, 'api-keys'] as const;

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
  const tabIds: readonly string[] = boot.status === 'ok' && isAdmin(boot.boot.user.role) ? ADMIN_TAB_IDS : TAB_IDS;
  const [tab, setTab] = useState(() => initialTab(tabIds));
  const session = useMemo<NavBarSession | null>(() => {
    if (boot.status !== 'ok') return null;
    const call = withTranslatedErrors(bootServiceCall(boot.boot), t);
    const { user } = boot.boot;
    return { user, role: user.role, settings: metadata.settings, call, policy: createPolicyApi(call) };
  }, [boot, metadata, t]);
  const access = useScorecardAccess(session, tab === 'scorecards');

  if (!session) {
    return (
      <Notice title={t('ui.zaf.outsideZendesk')} role="alert">
        <p>{t('ui.zaf.noSession')}</p>
      </Notice>
    );
  }
  const load = tab !== 'scorecards' ? LOADERS[tab]! : access === null ? DECIDING : access ? LOADERS.scorecards! : NOT_ALLOWED;
  return (
    <NavBarContext.Provider value={session}>
      <main class="qa-navbar">
        <h1 class="qa-navbar__title">{t('ui.navbar.title')}</h1>
        <Tabs label={t('ui.navbar.tabsLabel')} tabs={tabIds.map((id) => ({ id, label: t(`ui.navbar.tabs.${id}`) }))} selected={tab} onSelect={setTab}>
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
function useScorecardAccess(session: NavBarSession | null, wanted: boolean): boolean | null {
  const byRole = session ? managesScorecardsByRole(session.role) : null;
  const [fromPolicy, setFromPolicy] = useState<boolean | null>(null);
  const ask = wanted && session !== null && byRole === null && fromPolicy === null;
  useEffect(() => {
    if (!ask || !session) return;
    let live = true;
    // an unreadable policy shows "ask your admin": the service refuses the writes anyway
    void session.policy.get().then((r) => live && setFromPolicy(r.status === 'ok' && canManageScorecards(session.role, r.value)));
    return () => {
      live = false;
    };
  }, [ask, session]);
  return byRole ?? fromPolicy;
}

/** What every nav bar tab needs: who is looking (from the service's boot), the app settings, and the service. */
import { createContext } from 'preact';
import { useContext, useMemo } from 'preact/hooks';
import type { QaRole } from '../../core/evaluation.ts';
import type { AppUser } from '../api/boot.ts';
import type { PolicyApi } from '../api/policy-api.ts';
import type { ServiceCall } from '../api/service-call.ts';

export interface NavBarSession {
  user: AppUser;
  /** The QA role the service decided; the nav bar only reflects it (the service enforces it). */
  role: QaRole;
  settings: Record<string, unknown>;
  /** The transport every tab's client is built on (errors the user acts on come translated). */
  call: ServiceCall;
  /** The account policy the service keeps (who besides admins manages scorecards; reviewer and lead groups). */
  policy: PolicyApi;
}

export const NavBarContext = createContext<NavBarSession | null>(null);

export function useNavBar(): NavBarSession {
  const session = useContext(NavBarContext);
  if (!session) throw new Error('useNavBar() outside <NavBarRoot>');
  return session;
}

/** A service client (src/app/api/*-api.ts) over this page's transport, made once. */
export function useApi<T>(create: (call: ServiceCall) => T): T {
  const { call } = useNavBar();
  return useMemo(() => create(call), [create, call]);
}

/** What every nav bar tab needs: who is looking, the app settings, and the service client. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { QaRole } from '../../core/evaluation.ts';
import type { ZendeskUser } from '../api/qa-role.ts';
import type { PolicyApi } from './permissions.ts';
import type { ScorecardsApi } from './scorecards/scorecards-api.ts';

export interface NavBarSession {
  user: ZendeskUser;
  role: QaRole;
  settings: Record<string, unknown>;
  scorecards: ScorecardsApi;
  /** The account policy the service keeps (who besides admins manages scorecards). */
  policy: PolicyApi;
}

export const NavBarContext = createContext<NavBarSession | null>(null);

export function useNavBar(): NavBarSession {
  const session = useContext(NavBarContext);
  if (!session) throw new Error('useNavBar() outside <NavBarRoot>');
  return session;
}

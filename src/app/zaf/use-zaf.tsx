/** The ZAF session as Preact context: views never see the SDK, only `useZaf()`. */
import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import type { ZafContext, ZafMetadata, ZafPort } from './port.ts';

export interface ZafSession {
  zaf: ZafPort;
  metadata: ZafMetadata;
  context: ZafContext;
}

/** Resolves once Zendesk has registered the app (the SDK answers metadata and context only after app.registered). */
export async function loadZafSession(zaf: ZafPort): Promise<ZafSession> {
  const [metadata, context] = await Promise.all([zaf.metadata(), zaf.context()]);
  return { zaf, metadata, context };
}

const SessionContext = createContext<ZafSession | null>(null);

/** Provides the session mount.tsx loaded (and tests their own). */
export function ZafSessionProvider({ session, children }: { session: ZafSession; children: ComponentChildren }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useZaf(): ZafSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useZaf() outside <ZafSessionProvider>');
  return session;
}

export function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

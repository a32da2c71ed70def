/** Preact provider and hooks over the ZafPort: views never see the SDK, only `useZaf()` / `useZafGet()`. */
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import type { ZafContext, ZafGetResult, ZafMetadata, ZafPort } from './port.ts';

export interface ZafSession {
  zaf: ZafPort;
  metadata: ZafMetadata;
  context: ZafContext;
}

export type Loadable<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: Error };

/** Resolves once Zendesk has registered the app (the SDK answers metadata and context only after app.registered). */
export async function loadZafSession(zaf: ZafPort): Promise<ZafSession> {
  const [metadata, context] = await Promise.all([zaf.metadata(), zaf.context()]);
  return { zaf, metadata, context };
}

const SessionContext = createContext<ZafSession | null>(null);

export interface ZafProviderProps {
  zaf: ZafPort;
  children: ComponentChildren;
  /** Shown until Zendesk has registered the app. */
  loading?: ComponentChildren;
  /** Shown if registration fails. */
  failed?: (error: Error) => ComponentChildren;
}

export function ZafProvider({ zaf, children, loading = null, failed }: ZafProviderProps) {
  const [state, setState] = useState<Loadable<ZafSession>>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    loadZafSession(zaf).then(
      (value) => live && setState({ status: 'ready', value }),
      (error: unknown) => live && setState({ status: 'error', error: toError(error) }),
    );
    return () => {
      live = false;
    };
  }, [zaf]);
  if (state.status === 'loading') return <>{loading}</>;
  if (state.status === 'error') return <>{failed ? failed(state.error) : state.error.message}</>;
  return <SessionContext.Provider value={state.value}>{children}</SessionContext.Provider>;
}

/** Testing and composition: provide an already loaded session without waiting. */
export function ZafSessionProvider({ session, children }: { session: ZafSession; children: ComponentChildren }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useZaf(): ZafSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useZaf() outside <ZafProvider>');
  return session;
}

export interface ZafGetState {
  state: Loadable<ZafGetResult>;
  reload: () => void;
}

/** One round trip for several paths; re-runs when the list of paths changes or `reload()` is called. */
export function useZafGet(paths: readonly string[]): ZafGetState {
  const { zaf } = useZaf();
  const key = paths.join('\n');
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<Loadable<ZafGetResult>>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    zaf.get(key ? key.split('\n') : []).then(
      (value) => live && setState({ status: 'ready', value }),
      (error: unknown) => live && setState({ status: 'error', error: toError(error) }),
    );
    return () => {
      live = false;
    };
  }, [zaf, key, generation]);
  return useMemo(() => ({ state, reload: () => setGeneration((g) => g + 1) }), [state]);
}

/** Subscribes to a ZAF event for the component's lifetime. */
export function useZafEvent(event: string, handler: (data: unknown) => void): void {
  const { zaf } = useZaf();
  const [latest] = useState(() => ({ handler }));
  latest.handler = handler;
  useEffect(() => zaf.on(event, (data) => latest.handler(data)), [zaf, event, latest]);
}

export function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

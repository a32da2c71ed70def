import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { QaRole } from '../../core/evaluation.ts';
import { useZaf, type ZafSession } from '../zaf/use-zaf.tsx';
import { startSidebarLoad, type LoadOutcome, type StartedLoad } from './load.ts';
import { memoryStorage, type KeyValueStorage } from './storage.ts';

export type SidebarState = { status: 'loading' } | LoadOutcome;

/** startSidebarLoad with the marks the sidebar benchmark reads (load start, data in). */
export function startMeasuredLoad(session: ZafSession, onRole?: (role: QaRole) => void): StartedLoad {
  performance.mark('qa:sidebar:load-start');
  const started = startSidebarLoad(session, undefined, onRole);
  void started.outcome.then(() => performance.mark('qa:sidebar:data'), () => undefined);
  return started;
}

/**
 * The load's state; `first` is a load already started before mount (mount.tsx starts it once Zendesk has
 * registered the app). `reload()` after a problem the user may have fixed (service back, token changed).
 */
export function useSidebarLoad(onRole?: (role: QaRole) => void, first?: Promise<LoadOutcome>): { state: SidebarState; reload: () => void } {
  const session = useZaf();
  const roleHandler = useRef(onRole);
  roleHandler.current = onRole;
  const [state, setState] = useState<SidebarState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    const outcome = generation === 0 && first ? first : startMeasuredLoad(session, (role) => roleHandler.current?.(role)).outcome;
    outcome.then(
      (loaded) => live && setState(loaded),
      (error: unknown) => live && setState({ status: 'problem', problem: 'server', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [session, generation, first]);
  return { state, reload: useCallback(() => setGeneration((g) => g + 1), []) };
}

let fallback: KeyValueStorage | null = null;

/** Whether the browser lets the app's iframe keep data (third-party storage can be blocked by the user). */
export function storagePersists(): boolean {
  try {
    const probe = '__ticket-qa__';
    localStorage.setItem(probe, '1');
    localStorage.removeItem(probe);
    return true;
  } catch {
    return false;
  }
}

/** localStorage, or memory when the browser blocks it: scoring still works, drafts last while the ticket is open. */
export function browserStorage(): KeyValueStorage {
  return storagePersists() ? localStorage : (fallback ??= memoryStorage());
}

/** Marks the moment the scorecard is usable; the sidebar benchmark reads it. */
export function useUsableMark(name = 'qa:sidebar:usable'): void {
  useEffect(() => {
    if (typeof performance !== 'undefined' && performance.getEntriesByName(name).length === 0) performance.mark(name);
  }, [name]);
}

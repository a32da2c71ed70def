import { useEffect, useRef } from 'preact/hooks';
import type { QaRole } from '../../core/evaluation.ts';
import { ok } from '../api/result.ts';
import { useAsync } from '../ui/use-async.ts';
import { useZaf, type ZafSession } from '../zaf/use-zaf.tsx';
import { startSidebarLoad, type LoadOutcome, type StartedLoad } from './load.ts';
import { memoryStorage, type KeyValueStorage } from './storage.ts';

export type SidebarState = { status: 'loading' } | LoadOutcome;

/** startSidebarLoad with the marks the sidebar benchmark reads (load start, data in). */
export function startMeasuredLoad(session: ZafSession, onRole?: (role: QaRole) => void): StartedLoad {
  performance.mark('qa:sidebar:load-start');
  const started = startSidebarLoad(session, undefined, onRole);
  void started.outcome.then(
    () => performance.mark('qa:sidebar:data'),
    () => undefined,
  );
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
  // the load mount.tsx started is used once; a reload starts a new one
  const firstUnused = useRef(first);
  const [load, reload] = useAsync(() => {
    const started = firstUnused.current ?? startMeasuredLoad(session, (role) => roleHandler.current?.(role)).outcome;
    firstUnused.current = undefined;
    return started.then(ok);
  }, [session]);
  const state: SidebarState =
    load.status === 'ok'
      ? load.value
      : load.status === 'loading'
        ? load
        : { status: 'problem', problem: 'server', message: load.error.message };
  return { state, reload };
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

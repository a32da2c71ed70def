import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { QaRole } from '../../core/evaluation.ts';
import { useZaf } from '../zaf/use-zaf.tsx';
import { loadSidebar, type LoadOutcome } from './load.ts';
import { memoryStorage, type KeyValueStorage } from './storage.ts';

export type SidebarState = { status: 'loading' } | LoadOutcome;

/** Loads once per mount; `reload()` after a problem the user may have fixed (service back, token changed). */
export function useSidebarLoad(onRole?: (role: QaRole) => void): { state: SidebarState; reload: () => void } {
  const session = useZaf();
  const roleHandler = useRef(onRole);
  roleHandler.current = onRole;
  const [state, setState] = useState<SidebarState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    performance.mark('qa:sidebar:load-start');
    loadSidebar(session, undefined, (role) => roleHandler.current?.(role)).then(
      (outcome) => {
        performance.mark('qa:sidebar:data');
        if (live) setState(outcome);
      },
      (error: unknown) => live && setState({ status: 'problem', problem: 'server', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [session, generation]);
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

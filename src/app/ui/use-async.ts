/**
 * The one way a view loads data: `useAsync(load, deps)` runs `load` in an effect when `deps` change and on `reload()`,
 * and gives the answer as state. An answer that comes back after the deps changed, or after the view left, is dropped:
 * a slow old answer never overwrites a newer one.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Result, ServiceError } from '../api/result.ts';

export type Async<T> = { status: 'loading' } | { status: 'ok'; value: T } | { status: 'error'; error: ServiceError };

/**
 * `load` answers a Result (the service clients do; wrap any other promise with `.then(ok)`); a promise that rejects is
 * a server error. `load` null: nothing wanted yet, and the state stays as it is. The third element is the last value
 * loaded, kept while a reload runs or after it failed (a list that stays on screen meanwhile).
 */
export function useAsync<T>(load: (() => Promise<Result<T>>) | null, deps: readonly unknown[]): [Async<T>, () => void, T | undefined] {
  const [state, setState] = useState<Async<T>>({ status: 'loading' });
  const latest = useRef<T | undefined>(undefined);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!load) return;
    let live = true;
    setState({ status: 'loading' });
    load().then(
      (r) => {
        if (!live) return;
        if (r.status === 'ok') latest.current = r.value;
        setState(r.status === 'ok' ? { status: 'ok', value: r.value } : { status: 'error', error: r.error });
      },
      (e: unknown) => live && setState({ status: 'error', error: { kind: 'server', message: e instanceof Error ? e.message : String(e) } }),
    );
    return () => {
      live = false;
    };
    // `load` is a new closure each render: `deps` say when it means something new
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return [state, reload, latest.current];
}

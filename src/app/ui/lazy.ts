/**
 * Code most users never need stays out of the first load: `lazy(fetch)` fetches a module's component on first use,
 * once (a failed fetch is tried again on the next use); `useLazy` gives it as state, `lazyView` as a component that
 * renders nothing until it is there.
 */
import { h, type ComponentType } from 'preact';
import { ok } from '../api/result.ts';
import { useAsync, type Async } from './use-async.ts';

export interface Lazy<P> {
  /** Starts the fetch, or joins the one under way (e.g. while other data loads). */
  fetch(): Promise<ComponentType<P>>;
  /** The component once fetched. */
  loaded(): ComponentType<P> | null;
}

let companion: () => Promise<unknown> = () => Promise.resolve();

/** What every view fetched on first use also waits for (the sidebar: its strings left out of the first load). */
export function fetchWithViews(also: () => Promise<unknown>): void {
  companion = also;
}

export function lazy<P extends object>(fetchModule: () => Promise<ComponentType<P>>): Lazy<P> {
  let view: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  return {
    fetch: () =>
      (pending ??= Promise.all([fetchModule(), companion()]).then(
        ([v]) => (view = v),
        (error: unknown) => {
          pending = null; // the next use tries again
          throw error;
        },
      )),
    loaded: () => view,
  };
}

/** The component as state: already there (no flash of loading), loading, or the fetch's error. */
export function useLazy<P extends object>(view: Lazy<P>): Async<ComponentType<P>> {
  const loaded = view.loaded();
  const [state] = useAsync(loaded ? null : () => view.fetch().then(ok), [view]);
  return loaded ? { status: 'ok', value: loaded } : state;
}

/** A component whose code is fetched the first time it renders; nothing shows until then. */
export function lazyView<P extends object>(fetchModule: () => Promise<ComponentType<P>>): ComponentType<P> {
  const view = lazy(fetchModule);
  return function Lazy(props: P) {
    const state = useLazy(view);
    return state.status === 'ok' ? h(state.value, props) : null;
  };
}

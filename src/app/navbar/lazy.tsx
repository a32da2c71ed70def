/** Loads a tab's module on first show, so the page starts with only the shell. */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../i18n/use-t.tsx';
import { Loading } from '../ui/notice.tsx';

export type Loader = () => Promise<ComponentType>;

const cache = new Map<Loader, ComponentType>();

export function LazyTab({ load }: { load: Loader }) {
  const t = useT();
  const [state, setState] = useState<{ Component?: ComponentType; error?: string }>(() => {
    const Component = cache.get(load);
    return Component ? { Component } : {};
  });
  useEffect(() => {
    if (cache.has(load)) return setState({ Component: cache.get(load)! });
    let live = true;
    setState({});
    load().then(
      (Component) => {
        cache.set(load, Component);
        if (live) setState({ Component });
      },
      (e: unknown) => live && setState({ error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [load]);
  if (state.error) return <p role="alert">{t('ui.common.error', { message: state.error })}</p>;
  if (!state.Component) return <Loading label={t('ui.common.loading')} />;
  return <state.Component />;
}

/** A component whose code is fetched the first time it renders: views most users never see stay out of the load budget. */
import { h, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let view: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const fetch = () =>
    (pending ??= load().then(
      (v) => (view = v),
      (error: unknown) => {
        pending = null; // a later render tries again
        throw error;
      },
    ));
  return function Lazy(props: P) {
    const [, setLoaded] = useState(view);
    useEffect(() => {
      if (view) return;
      let live = true;
      fetch().then(
        (v) => live && setLoaded(() => v),
        () => undefined,
      );
      return () => {
        live = false;
      };
    }, []);
    return view ? h(view, props) : null;
  };
}

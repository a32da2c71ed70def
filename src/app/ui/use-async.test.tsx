// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { fail, ok, type Result } from '../api/result.ts';
import { lazy, useLazy } from './lazy.ts';
import { settle } from './testing.tsx';
import { useAsync, type Async } from './use-async.ts';

const el = document.createElement('div');
afterEach(async () => {
  await act(() => render(null, el));
});

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

type Seen = { state: Async<string>; latest: string | undefined; reload: () => void };

function Probe({ seen, load, deps }: { seen: Seen[]; load: (() => Promise<Result<string>>) | null; deps: unknown[] }) {
  const [state, reload, latest] = useAsync(load, deps);
  seen.push({ state, reload, latest });
  return null;
}

/** Renders the probe (the same component each time, so its state stays) with `load` and `deps`. */
async function probe(seen: Seen[], load: (() => Promise<Result<string>>) | null, deps: unknown[]) {
  await act(() => render(<Probe seen={seen} load={load} deps={deps} />, el));
  await settle();
}

describe('useAsync', () => {
  it('gives loading, then the value; an answer for old deps never overwrites the newer one', async () => {
    const one = deferred<Result<string>>();
    const two = deferred<Result<string>>();
    const seen: Seen[] = [];
    await probe(seen, () => one.promise, [1]);
    expect(seen.at(-1)!.state).toEqual({ status: 'loading' });
    await probe(seen, () => two.promise, [2]);
    two.resolve(ok('two'));
    await settle();
    one.resolve(ok('one'));
    await settle();
    expect(seen.at(-1)!.state).toEqual({ status: 'ok', value: 'two' });
    expect(seen.some((s) => s.state.status === 'ok' && s.state.value === 'one')).toBe(false);
  });

  it('gives a failure as the error, and a rejection as a server error', async () => {
    const seen: Seen[] = [];
    await probe(seen, async () => fail('forbidden', 'no'), ['a']);
    expect(seen.at(-1)!.state).toEqual({ status: 'error', error: { kind: 'forbidden', message: 'no' } });
    await probe(seen, () => Promise.reject(new Error('offline')), ['b']);
    expect(seen.at(-1)!.state).toEqual({ status: 'error', error: { kind: 'server', message: 'offline' } });
  });

  it('runs again on reload, keeping the last value meanwhile; a null load leaves the state as it is', async () => {
    const seen: Seen[] = [];
    let calls = 0;
    const answer = deferred<Result<string>>();
    const load = () => (++calls === 1 ? Promise.resolve(ok('first')) : answer.promise);
    await probe(seen, load, ['x']);
    expect(seen.at(-1)!.state).toEqual({ status: 'ok', value: 'first' });
    await act(() => seen.at(-1)!.reload());
    await settle();
    expect(seen.at(-1)).toMatchObject({ state: { status: 'loading' }, latest: 'first' });
    answer.resolve(fail('unreachable', 'down'));
    await settle();
    expect(seen.at(-1)).toMatchObject({ state: { status: 'error' }, latest: 'first' });
    await probe(seen, null, ['y']);
    expect(seen.at(-1)!.state.status).toBe('error');
    expect(calls).toBe(2);
  });
});

describe('lazy', () => {
  it('fetches once, is there at once afterwards, and tries a failed fetch again on the next use', async () => {
    let fetches = 0;
    const view = lazy<object>(() => (++fetches === 1 ? Promise.reject(new Error('chunk failed')) : Promise.resolve(() => <p>here</p>)));
    const states: string[] = [];
    function Use() {
      const state = useLazy(view);
      states.push(state.status);
      return state.status === 'ok' ? <state.value /> : null;
    }
    await act(() => render(<Use />, el));
    await settle();
    expect(states.at(-1)).toBe('error');
    await act(() => render(null, el));
    await act(() => render(<Use />, el));
    await settle();
    expect(el.textContent).toBe('here');
    await act(() => render(null, el));
    states.length = 0;
    await act(() => render(<Use />, el));
    expect(states).toEqual(['ok']);
    expect(fetches).toBe(2);
  });
});

/** For view tests under happy-dom (`// @vitest-environment happy-dom`): mount, let effects and promises settle, act like a user. */
import { render, type ComponentChildren } from 'preact';
import { act } from 'preact/test-utils';

export interface Mounted {
  el: HTMLElement;
  unmount(): Promise<void>;
}

export async function mount(node: ComponentChildren): Promise<Mounted> {
  const el = document.createElement('div');
  document.body.append(el);
  await act(() => {
    render(node, el);
  });
  await settle();
  return {
    el,
    async unmount() {
      await act(() => {
        render(null, el);
      });
      el.remove();
    },
  };
}

/** Runs pending promises, timers of 0 ms and the renders they cause. */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

export async function click(target: Element | null | undefined): Promise<void> {
  if (!(target instanceof HTMLElement)) throw new Error('nothing to click');
  await act(() => {
    target.click();
  });
  await settle();
}

/** Types into an input as a user would: the value, then an input event. */
export async function type(target: Element | null | undefined, value: string): Promise<void> {
  if (!(target instanceof HTMLInputElement)) throw new Error('no input to type in');
  await act(() => {
    target.value = value;
    target.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function choose(target: Element | null | undefined, value: string): Promise<void> {
  if (!(target instanceof HTMLSelectElement)) throw new Error('no select');
  await act(() => {
    target.value = value;
    target.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** The button whose visible text (or aria-label) is `name`. */
export function button(root: ParentNode, name: string | RegExp): HTMLButtonElement {
  const all = [...root.querySelectorAll('button')];
  const found = all.find((b) => {
    const label = b.getAttribute('aria-label') ?? b.textContent ?? '';
    return typeof name === 'string' ? label.trim() === name || (b.textContent ?? '').trim() === name : name.test(label);
  });
  if (!found) throw new Error(`no button "${String(name)}" among: ${all.map((b) => b.textContent).join(' | ')}`);
  return found;
}

/** The form control a label names. */
export function labelled<T extends HTMLElement = HTMLInputElement>(root: ParentNode, text: string): T {
  const label = [...root.querySelectorAll('label')].find((l) => (l.textContent ?? '').trim() === text);
  const control = label ? (root.querySelector(`#${CSS.escape(label.htmlFor)}`) as T | null) : null;
  if (!control) throw new Error(`no control labelled "${text}"`);
  return control;
}

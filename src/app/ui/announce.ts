/**
 * Tells screen readers about a change the user did not move to (a withdrawal done, a form gone, a comment now
 * required): one polite live region per page, made on first use. The text goes in a moment after the region exists
 * and after clearing, so that saying the same thing twice is heard twice.
 */
let region: HTMLElement | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

export const ANNOUNCE_DELAY_MS = 30;

export function announce(text: string): void {
  if (!region?.isConnected) {
    region = document.createElement('div');
    region.setAttribute('role', 'status');
    region.className = 'qa-visually-hidden';
    region.dataset.announcer = '';
    document.body.append(region);
  }
  const live = region;
  live.textContent = '';
  clearTimeout(timer);
  timer = setTimeout(() => {
    live.textContent = text;
  }, ANNOUNCE_DELAY_MS);
}

/** Moves focus to an element once it is rendered (after the state change that shows it), and says it. */
export function focusSoon(find: () => HTMLElement | null | undefined, say?: string): void {
  requestAnimationFrame(() => {
    const el = find();
    if (el) {
      if (!el.matches('a[href], button, input, select, textarea, [tabindex]')) el.tabIndex = -1;
      el.focus();
    }
    if (say) announce(say);
  });
}

/**
 * The sidebar's iframe height. Zendesk sizes an app's iframe to what the app asks (`resize`) and scrolls its apps pane
 * as a whole: an iframe as tall as a 20-criterion form scrolls its own top and bottom out of sight, and nothing inside
 * can stay in view (a sticky element sticks to the iframe's viewport, not to Zendesk's). So the sidebar asks for its
 * content's height, but no more than the part of the pane it can be seen in: a longer form then scrolls inside the
 * iframe, where the score bar sticks to the bottom.
 *
 * What can be seen comes from an IntersectionObserver on a sentinel covering the iframe's viewport: across origins it
 * still reports the part in sight, clipped by Zendesk's pane and window. When the iframe's top is in sight and its
 * bottom is not, the cap becomes the visible height (never below MIN_CAP). The cap only falls on its own; Zendesk's
 * `window.resize` (the browser window changed) lifts it, to be measured again.
 */

/** Below this the form is too cramped to scroll inside: the iframe may then reach below the pane, as it used to. */
export const MIN_CAP = 320;

/** The part of the iframe's viewport in sight, in its own coordinates (`top` 0 when its top edge is visible). */
export interface Sighting {
  top: number;
  bottom: number;
  viewport: number;
}

/** The cap after a sighting: lowered to what is seen below the iframe's top; unchanged when nothing new was learnt. */
export function capAfter(cap: number | null, seen: Sighting | null, min = MIN_CAP): number | null {
  // not in sight (a hidden tab), or scrolled so that its top is away: the space above is the user's scrolling
  if (!seen || seen.bottom <= seen.top || seen.top > 1) return cap;
  // all of it in sight
  if (seen.bottom >= seen.viewport - 1) return cap;
  const next = Math.max(min, Math.floor(seen.bottom));
  return cap === null ? next : Math.min(cap, next);
}

export const heightFor = (content: number, cap: number | null): number => (cap === null ? content : Math.min(content, cap));

export interface FitFrameDeps {
  /** What the iframe shows: its height is the content's. */
  element: HTMLElement;
  /** Asks Zendesk for an iframe height in px. */
  resize(height: number): void;
  /** Zendesk's `window.resize` (its browser window changed size); returns the unsubscribe. */
  onHostResize(handler: () => void): () => void;
}

const THRESHOLDS = Array.from({ length: 101 }, (_, i) => i / 100);

/** Keeps the iframe as tall as its content, capped to what Zendesk shows of it; returns the stop. */
export function fitFrame({ element, resize, onHostResize }: FitFrameDeps): () => void {
  let cap: number | null = null;
  let asked = 0;
  const apply = () => {
    // the mount point is a block formatting context (base.css), so its box includes its children's margins
    const height = heightFor(Math.ceil(element.getBoundingClientRect().height), cap);
    if (height !== asked) {
      asked = height;
      resize(height);
    }
  };
  const sizes = new ResizeObserver(apply);
  sizes.observe(element);

  const lift = () => {
    cap = null;
    apply();
  };
  const stops = [() => sizes.disconnect(), onHostResize(lift)];
  if (typeof IntersectionObserver !== 'undefined') {
    // fixed over the iframe's viewport, out of the content's flow: its visible part is the iframe's
    const sentinel = document.createElement('div');
    sentinel.setAttribute('aria-hidden', 'true');
    sentinel.style.cssText = 'position:fixed;inset:0;visibility:hidden;pointer-events:none';
    document.body.append(sentinel);
    const sight = new IntersectionObserver(
      ([entry]) => {
        const seen = entry?.isIntersecting
          ? { top: entry.intersectionRect.top, bottom: entry.intersectionRect.bottom, viewport: window.innerHeight }
          : null;
        const next = capAfter(cap, seen);
        if (next !== cap) {
          cap = next;
          apply();
        }
      },
      { threshold: THRESHOLDS },
    );
    sight.observe(sentinel);
    stops.push(
      () => sight.disconnect(),
      () => sentinel.remove(),
    );
  }
  return () => {
    for (const stop of stops) stop();
  };
}

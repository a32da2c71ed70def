/** Numbers as people read them: scores with one decimal, rates as percentages, each with n and its 95% interval. */
import type { Figure } from '../../../core/reports.ts';
import { distinguishable } from '../../../core/stats.ts';

export type FigureKind = 'score' | 'rate' | 'minutes';

/** How each kind of figure prints; one table, callers never branch on the kind. */
const KINDS: Record<FigureKind, (locale: string) => (v: number) => string> = {
  score: (locale) => {
    const f = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    return (v) => f.format(v);
  },
  rate: (locale) => {
    const f = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    return (v) => f.format(v);
  },
  minutes: (locale) => {
    const f = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    return (v) => f.format(v);
  },
};

export function formatValue(kind: FigureKind, value: number | null, locale: string): string {
  return value === null ? '–' : KINDS[kind](locale)(value);
}

/** "80.1–88.3", or null when there is no interval (n < 2). */
export function formatInterval(kind: FigureKind, f: Pick<Figure, 'low' | 'high'>, locale: string): string | null {
  if (f.low === null || f.high === null) return null;
  return `${formatValue(kind, f.low, locale)}–${formatValue(kind, f.high, locale)}`;
}

export type Direction = 'up' | 'down' | 'same';

export interface Change {
  /** current - previous in the figure's own unit (points, or a share for rates); null without both. */
  delta: number | null;
  direction: Direction | null;
  /** Whether the two intervals do not overlap: a change worth acting on. */
  distinguishable: boolean;
}

export function changeOf(current: Figure, previous: Figure): Change {
  if (current.value === null || previous.value === null) return { delta: null, direction: null, distinguishable: false };
  const delta = current.value - previous.value;
  const direction: Direction = Math.abs(delta) < 1e-9 ? 'same' : delta > 0 ? 'up' : 'down';
  return { delta, direction, distinguishable: distinguishable(current, previous) };
}

/** "+2.4" points, or "+3.1 pp" for rates (percentage points, not percent). */
export function formatDelta(kind: FigureKind, delta: number, locale: string): string {
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const abs = Math.abs(delta);
  if (kind === 'rate') return `${sign}${formatValue('score', abs * 100, locale)} pp`;
  return `${sign}${formatValue(kind, abs, locale)}`;
}

/** The dashboard's filters, kept in the iframe's location hash (`#reports?from=…&groupId=…`) so a reload or a shared link keeps them. */
import type { Filters } from '../../api/reports-api.ts';

const ID_KEYS = ['groupId', 'revieweeId', 'reviewerId'] as const;
const DAY = 86_400_000;
const isDate = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The last four full weeks (Monday to Sunday, UTC), today's week left out: what a lead looks at first. Four whole
 * weekly points, each with a week's evaluations, where "this month" early in a month gave one or two thin ones.
 */
export function defaultFilters(today: Date): Filters {
  return { ...lastFullWeeks(today, 4), period: 'week' };
}

function lastFullWeeks(today: Date, weeks: number): { from: string; to: string } {
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const sinceMonday = (today.getUTCDay() + 6) % 7;
  const lastSunday = midnight - (sinceMonday + 1) * DAY;
  return { from: iso(new Date(lastSunday - (weeks * 7 - 1) * DAY)), to: iso(new Date(lastSunday)) };
}

/** Reads filters from a hash like `#reports?from=2026-03-01&groupId=7`; anything malformed falls back to the default. */
export function parseFilters(hash: string, today: Date): Filters {
  const query = hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '';
  const p = new URLSearchParams(query);
  const base = defaultFilters(today);
  const f: Filters = {
    from: isDate(p.get('from')) ? p.get('from')! : base.from,
    to: isDate(p.get('to')) ? p.get('to')! : base.to,
    period: p.get('period') === 'month' ? 'month' : 'week',
  };
  if (f.to < f.from) [f.from, f.to] = [f.to, f.from];
  const scorecardId = p.get('scorecardId');
  if (scorecardId) f.scorecardId = scorecardId;
  const channel = p.get('channel');
  if (channel) f.channel = channel;
  for (const key of ID_KEYS) {
    const n = Number(p.get(key));
    if (Number.isSafeInteger(n) && n > 0) f[key] = n;
  }
  return f;
}

/** The hash for the filters, tab first so the nav bar opens on Reports. */
export function filtersHash(f: Filters, tab = 'reports'): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') p.set(k, String(v));
  return `#${tab}?${p.toString()}`;
}

/** The period of equal length just before the filters' range, for "change against the previous period". */
export function previousRange(f: Pick<Filters, 'from' | 'to'>): { from: string; to: string } {
  const from = Date.parse(`${f.from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${f.to}T00:00:00Z`) - from) / DAY) + 1;
  return { from: iso(new Date(from - days * DAY)), to: iso(new Date(from - DAY)) };
}

export type Preset = 'last-4-weeks' | 'this-month' | 'last-month' | 'last-30' | 'last-90' | 'this-year';

/** The quick ranges, the default first. */
export const PRESETS: readonly Preset[] = ['last-4-weeks', 'this-month', 'last-month', 'last-30', 'last-90', 'this-year'];

/** Date ranges one click away. */
export function presetRange(preset: Preset, today: Date): { from: string; to: string } {
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  const RANGES: Record<Preset, () => { from: string; to: string }> = {
    'last-4-weeks': () => lastFullWeeks(today, 4),
    'this-month': () => ({ from: iso(new Date(Date.UTC(y, m, 1))), to: iso(today) }),
    'last-month': () => ({ from: iso(new Date(Date.UTC(y, m - 1, 1))), to: iso(new Date(Date.UTC(y, m, 0))) }),
    'last-30': () => ({ from: iso(new Date(today.getTime() - 29 * DAY)), to: iso(today) }),
    'last-90': () => ({ from: iso(new Date(today.getTime() - 89 * DAY)), to: iso(today) }),
    'this-year': () => ({ from: `${y}-01-01`, to: iso(today) }),
  };
  return RANGES[preset]();
}

/** The quick range the dates are, if any (the range picker shows it), else null: a range of the user's own. */
export function presetOf(range: Pick<Filters, 'from' | 'to'>, today: Date): Preset | null {
  return (
    PRESETS.find((p) => {
      const r = presetRange(p, today);
      return r.from === range.from && r.to === range.to;
    }) ?? null
  );
}

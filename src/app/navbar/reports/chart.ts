/** Geometry of the trend chart (plain SVG): linear scales, round ticks, point and band paths. Pure, so it is unit-tested. */

export interface Scale {
  (v: number): number;
  domain: [number, number];
}

export function linearScale(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const s = ((v: number) => r0 + ((v - d0) / span) * (r1 - r0)) as Scale;
  s.domain = domain;
  return s;
}

/** About `count` round ticks (1, 2 or 5 times a power of ten) covering the domain. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (max <= min) return [min];
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Math.round(v / step) * step);
  return ticks;
}

/**
 * A score axis: 0..100 with ticks of 50, or, when a figure shown is higher (bonus lifts scores up to a card's maxScore,
 * decision 027), up to the round tick at or above the highest one, so the highest point stays inside and labelled.
 */
export function scoreAxis(values: ReadonlyArray<number | null>, floor = 100): { domain: [number, number]; ticks: number[] } {
  const highest = Math.max(floor, ...values.filter((v): v is number => v !== null && Number.isFinite(v)));
  if (highest <= floor) return { domain: [0, floor], ticks: niceTicks(0, floor, 4) };
  const [first = 0, second = highest] = niceTicks(0, highest, 6);
  const step = second - first || highest;
  const top = Math.ceil(highest / step - 1e-9) * step;
  return { domain: [0, top], ticks: niceTicks(0, top, Math.round(top / step)) };
}

export interface Point {
  x: number;
  y: number | null;
}

/** An SVG path through the points; a missing value breaks the line instead of pretending a zero. */
export function linePath(points: readonly Point[]): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p.y === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${round(p.x)},${round(p.y)}`;
    pen = true;
  }
  return d;
}

/** A closed band between low and high (the interval), in runs without gaps. */
export function bandPath(points: ReadonlyArray<{ x: number; low: number | null; high: number | null }>): string {
  const runs: Array<typeof points> = [];
  let run: Array<(typeof points)[number]> = [];
  for (const p of points) {
    if (p.low === null || p.high === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push(p);
  }
  if (run.length) runs.push(run);
  return runs
    .filter((r) => r.length > 1)
    .map((r) => {
      const top = r.map((p, i) => `${i ? 'L' : 'M'}${round(p.x)},${round(p.high!)}`).join('');
      const bottom = [...r]
        .reverse()
        .map((p) => `L${round(p.x)},${round(p.low!)}`)
        .join('');
      return `${top}${bottom}Z`;
    })
    .join('');
}

const round = (v: number) => Math.round(v * 10) / 10;

/**
 * Below this many evaluations a period's figure is too noisy to read (a mean of fewer than 10 scores has an interval
 * tens of points wide): the chart fades its point and leaves its interval out of the band, the table fades its row.
 */
export const READABLE_N = 10;

/** Whether a period has evaluations but too few to read. */
export const tooFew = (n: number): boolean => n > 0 && n < READABLE_N;

export type Anchor = 'start' | 'middle' | 'end';

/**
 * The points that get an x-axis label: about `max` evenly spaced, the first and always the last (the newest period is
 * the one a lead looks for), none so close to the last that they would overlap it. The first is anchored at its start
 * and the last at its end, so neither runs past the chart's edge.
 */
export function xLabels(count: number, max = 8): Array<{ i: number; anchor: Anchor }> {
  if (count <= 0) return [];
  if (count === 1) return [{ i: 0, anchor: 'start' }];
  const every = Math.max(1, Math.ceil(count / max));
  const last = count - 1;
  const picked: number[] = [];
  for (let i = 0; i < last; i += every) if (i === 0 || last - i >= every) picked.push(i);
  picked.push(last);
  return picked.map((i) => ({ i, anchor: i === 0 ? 'start' : i === last ? 'end' : 'middle' }));
}

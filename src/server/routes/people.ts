import { Hono } from 'hono';
import type { AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';

/** Data protection (DESIGN.md §5): erasure of one person's data. */
export function peopleRouter(_deps: AppDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  return r;
}

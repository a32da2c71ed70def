import { Hono } from 'hono';
import { z } from 'zod';
import { ADMIN, actorOf, requireRole, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow, readJson } from '../errors.ts';
import { applyRetention } from '../services/retention.ts';

export const RetentionRequest = z.strictObject({
  olderThanDays: z.number().int().min(1).max(36_500),
});
export type RetentionRequest = z.infer<typeof RetentionRequest>;

export const RetentionResult = z.object({ deletedEvaluations: z.number(), before: z.string() });
export type RetentionResult = z.infer<typeof RetentionResult>;

/** `POST /retention`: deletes evaluations created before now − olderThanDays, with what hangs off them (decision 014), admins only. */
export function retentionRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.post('/', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, ADMIN, 'apply data retention');
    const { olderThanDays } = parseOrThrow(RetentionRequest, await readJson(c.req));
    const result: RetentionResult = await applyRetention(db, actor, olderThanDays, clock.now());
    return c.json(result);
  });
  return r;
}

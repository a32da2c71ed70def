import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit.ts';
import { ADMIN, actorOf, requireRole, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow, readJson } from '../errors.ts';
import { rebuildRollup } from '../store/reports/rollup.ts';
import { deleteDraftsBefore } from '../store/drafts.ts';

const DAY_MS = 86_400_000;

export const RetentionRequest = z.strictObject({
  olderThanDays: z.number().int().min(1).max(36_500),
});
export type RetentionRequest = z.infer<typeof RetentionRequest>;

export const RetentionResult = z.object({ deletedEvaluations: z.number(), before: z.string() });
export type RetentionResult = z.infer<typeof RetentionResult>;

/** `POST /retention`: deletes evaluations created before now − olderThanDays, with what hangs off them (DESIGN.md §5). */
export function retentionRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.post('/', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, ADMIN, 'apply data retention');
    const { olderThanDays } = parseOrThrow(RetentionRequest, await readJson(c.req));
    const now = clock.now();
    const before = new Date(now.getTime() - olderThanDays * DAY_MS);
    const deleted = await db.transaction(async (tx) => {
      // answers, history and coaching notes go with their evaluation (ON DELETE CASCADE)
      const rows = await tx.query<{ id: string }>('DELETE FROM evaluations WHERE account = $1 AND created_at < $2 RETURNING id', [
        actor.account,
        before,
      ]);
      const drafts = await deleteDraftsBefore(tx, actor.account, before);
      await audit(tx, actor, now, 'retention.apply', 'account', actor.account, { olderThanDays, before: before.toISOString(), deletedEvaluations: rows.length, deletedDrafts: drafts });
      return rows.length;
    });
    // the trigger's deltas already keep reports exact; the rebuild drops the emptied days' rows
    if (deleted > 0) await rebuildRollup(db, actor.account);
    const result: RetentionResult = { deletedEvaluations: deleted, before: before.toISOString() };
    return c.json(result);
  });
  return r;
}

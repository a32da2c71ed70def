/** Retention (decision 014): evaluations older than N days go, with what hangs off them, and unsent drafts as old. */
import type { Actor } from '../auth.ts';
import type { Db } from '../db/db.ts';
import { deleteDraftsBefore } from '../store/drafts.ts';
import { audit } from '../store/journal.ts';
import { rebuildRollup } from '../store/reports/rollup.ts';
import { deleteEvaluationsBefore } from '../store/retention.ts';

const DAY_MS = 86_400_000;

/** Deletes what was created before now − olderThanDays, audited with the cut-off and the counts. */
export async function applyRetention(
  db: Db,
  actor: Actor,
  olderThanDays: number,
  now: Date,
): Promise<{ deletedEvaluations: number; before: string }> {
  const before = new Date(now.getTime() - olderThanDays * DAY_MS);
  const deleted = await db.transaction(async (tx) => {
    const evaluations = await deleteEvaluationsBefore(tx, actor.account, before);
    const drafts = await deleteDraftsBefore(tx, actor.account, before);
    await audit(tx, actor, now, 'retention.apply', 'account', actor.account, {
      olderThanDays,
      before: before.toISOString(),
      deletedEvaluations: evaluations,
      deletedDrafts: drafts,
    });
    return evaluations;
  });
  // the trigger's deltas already keep reports exact; the rebuild drops the emptied days' rows
  if (deleted > 0) await rebuildRollup(db, actor.account);
  return { deletedEvaluations: deleted, before: before.toISOString() };
}

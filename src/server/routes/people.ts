import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit.ts';
import { ADMIN, actorOf, requireRole, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow } from '../errors.ts';

const UserId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A random negative id: evaluations keep a distinct reviewer for calibration figures, no longer linked to the person. */
const newPseudonym = () => -(1 + (randomBytes(6).readUIntBE(0, 6) % 2 ** 47));

/** Data protection (DESIGN.md §5): erasure of one person's data. */
export function peopleRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  // erases the person's evaluations as reviewee and pseudonymises them as reviewer and as an actor
  r.delete('/:userId', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, ADMIN, 'erase personal data');
    const userId = parseOrThrow(UserId.describe('userId'), c.req.param('userId'));
    const pseudonym = newPseudonym();
    const now = clock.now();
    const result = await db.transaction(async (tx) => {
      const erased = await tx.query<{ id: string }>(
        'DELETE FROM evaluations WHERE account = $1 AND reviewee_id = $2 RETURNING id',
        [actor.account, userId],
      );
      const reviewed = await tx.query<{ id: string }>(
        'UPDATE evaluations SET reviewer_id = $3 WHERE account = $1 AND reviewer_id = $2 RETURNING id',
        [actor.account, userId, pseudonym],
      );
      // the person also appears in dispute resolutions, history snapshots and actors of others' evaluations
      await tx.query(
        `UPDATE evaluations SET dispute = jsonb_set(dispute, '{resolvedBy}', to_jsonb($3::bigint))
          WHERE account = $1 AND dispute IS NOT NULL AND dispute->>'resolvedBy' = $2::text`,
        [actor.account, userId, pseudonym],
      );
      await tx.query(
        `UPDATE evaluation_history
            SET actor_id = CASE WHEN actor_id = $2 THEN $3 ELSE actor_id END,
                snapshot = CASE WHEN (snapshot->>'reviewerId')::bigint = $2 THEN jsonb_set(snapshot, '{reviewerId}', to_jsonb($3::bigint))
                                ELSE snapshot END
          WHERE account = $1 AND (actor_id = $2 OR (snapshot->>'reviewerId')::bigint = $2)`,
        [actor.account, userId, pseudonym],
      );
      await tx.query(
        `UPDATE evaluation_history SET snapshot = jsonb_set(snapshot, '{dispute,resolvedBy}', to_jsonb($3::bigint))
          WHERE account = $1 AND snapshot->'dispute'->>'resolvedBy' = $2::text`,
        [actor.account, userId, pseudonym],
      );
      await tx.query('UPDATE audit_log SET actor_id = $3 WHERE account = $1 AND actor_id = $2', [actor.account, userId, pseudonym]);
      const counts = { erasedEvaluations: erased.length, pseudonymisedEvaluations: reviewed.length };
      // the audit row names the pseudonym, not the person: the log must not undo the erasure
      await audit(tx, actor, now, 'person.erase', 'person', String(pseudonym), counts);
      return { ...counts, pseudonym };
    });
    return c.json(result);
  });

  return r;
}

import type { Actor } from './auth.ts';
import type { Queryable } from './db/db.ts';

/** Records a write in `audit_log`; call it inside the write's own transaction. */
export async function audit(
  tx: Queryable,
  actor: Actor,
  at: Date,
  action: string,
  entity: string,
  entityId: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (account, at, actor_id, actor_role, action, entity, entity_id, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [actor.account, at, actor.userId, actor.role, action, entity, entityId, JSON.stringify(detail)],
  );
}

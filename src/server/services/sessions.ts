import type { Actor } from '../auth.ts';
import type { Db } from '../db/db.ts';
import { revokeSessionsOf } from '../store/sessions.ts';
import { audit } from '../store/journal.ts';

/** Ends every live session of a person in the actor's account; audited with the count in the same transaction. */
export async function endSessionsOf(db: Db, actor: Actor, userId: number, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const n = await revokeSessionsOf(tx, actor.account, userId, now);
    await audit(tx, actor, now, 'sessions.revoke', 'user', String(userId), { revoked: n });
    return n;
  });
}

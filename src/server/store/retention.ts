import type { Queryable } from '../db/db.ts';

/** Deletes the account's evaluations created before `before`; answers, history and coaching notes go with them (ON DELETE CASCADE). */
export async function deleteEvaluationsBefore(tx: Queryable, account: string, before: Date): Promise<number> {
  const rows = await tx.query<{ id: string }>('DELETE FROM evaluations WHERE account = $1 AND created_at < $2 RETURNING id', [
    account,
    before,
  ]);
  return rows.length;
}

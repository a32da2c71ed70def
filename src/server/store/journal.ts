import type { Actor } from '../auth.ts';
import type { Queryable } from '../db/db.ts';
import type { EvaluationView } from './evaluations.ts';

/*
 * The journal: an evaluation's history (each version of it as the API showed it, who changed it and why) and the
 * account's audit log (who did what, decision 016: always the verified user). This module is the one place that
 * writes either row: one at a time inside a write's own transaction (appendHistory, audit), or, for creates, as
 * CTEs of the batched create statement (createJournalCtes, decision 013), which cannot call out per row.
 */

const HISTORY_INSERT = 'INSERT INTO evaluation_history (account, evaluation_id, seq, at, actor_id, action, snapshot, detail)';
const AUDIT_INSERT = 'INSERT INTO audit_log (account, at, actor_id, actor_role, action, entity, entity_id, detail)';

/** One entry of an evaluation's history: `snapshot` is the evaluation as it stands after the change. */
export interface HistoryAppend {
  account: string;
  snapshot: EvaluationView;
  at: Date;
  actorId: number;
  action: string;
  /** Why, beyond the action: `{ resolutionId, criterionIds }` for the amendment of an upheld dispute. */
  detail?: Record<string, unknown>;
}

/** Appends to the evaluation's history (the evaluation's row must be locked by the caller's transaction). */
export async function appendHistory(tx: Queryable, entry: HistoryAppend): Promise<void> {
  await tx.query(
    `${HISTORY_INSERT}
     SELECT $1, $2, coalesce(max(seq), 0) + 1, $3, $4, $5, $6, $7
       FROM evaluation_history WHERE account = $1 AND evaluation_id = $2`,
    [
      entry.account,
      entry.snapshot.id,
      entry.at,
      entry.actorId,
      entry.action,
      JSON.stringify(entry.snapshot),
      JSON.stringify(entry.detail ?? {}),
    ],
  );
}

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
  await tx.query(`${AUDIT_INSERT} VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
    actor.account,
    at,
    actor.userId,
    actor.role,
    action,
    entity,
    entityId,
    JSON.stringify(detail),
  ]);
}

/** The columns, with their types, that each input record of the batched create carries for its journal rows. */
export const CREATE_JOURNAL_INPUT = 'snapshot jsonb, actor_role text';

/** The journal fields of one evaluation in the batched create's input (read by createJournalCtes). */
export const createJournalFields = (snapshot: EvaluationView, actorRole: string) => ({ snapshot, actor_role: actorRole });

/**
 * The CTEs (`hist`, `aud`) that journal the evaluations a create statement inserted: the first history entry and
 * the audit row of each, by its reviewer at its creation time. `inserted` names the CTE of inserted evaluations
 * (RETURNING *), `input` the input records, which carry CREATE_JOURNAL_INPUT; both have `account` and `id`.
 */
export function createJournalCtes(inserted: string, input: string): string {
  const each = `FROM ${inserted} e JOIN ${input} j ON j.account = e.account AND j.id = e.id`;
  return `hist AS (
    ${HISTORY_INSERT}
    SELECT e.account, e.id, 1, e.created_at, e.reviewer_id, 'create', j.snapshot, '{}'::jsonb
      ${each}),
  aud AS (
    ${AUDIT_INSERT}
    SELECT e.account, e.created_at, e.reviewer_id, j.actor_role, 'evaluation.create', 'evaluation', e.id::text,
           jsonb_build_object('ticketId', e.ticket_id, 'revieweeId', e.reviewee_id)
      ${each})`;
}

/**
 * Where a person's Zendesk user id is stored, for erasure (decision 014): every column of the migrations that holds
 * one (the people table's cached names: store/people-names.ts). A new such column must be added here, and to
 * PERSON_COLUMNS in tests/integration/people.test.ts.
 */
import type { Queryable } from '../db/db.ts';

const parsed = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

/** Deletes the rows about the person: their evaluations as reviewee (answers, history, notes cascade), notes and targets on them. */
export async function deleteRowsAbout(
  tx: Queryable,
  account: string,
  userId: number,
): Promise<{ evaluations: number; coachingNotes: number; targets: number }> {
  const erased = await tx.query<{ id: string }>('DELETE FROM evaluations WHERE account = $1 AND reviewee_id = $2 RETURNING id', [
    account,
    userId,
  ]);
  const notes = await tx.query<{ id: string }>('DELETE FROM coaching_notes WHERE account = $1 AND agent_id = $2 RETURNING id', [
    account,
    userId,
  ]);
  const targets = await tx.query<{ id: string }>(
    "DELETE FROM targets WHERE account = $1 AND subject = 'agent' AND subject_id = $2 RETURNING id",
    [account, userId],
  );
  return { evaluations: erased.length, coachingNotes: notes.length, targets: targets.length };
}

export async function deleteSessionsOf(tx: Queryable, account: string, userId: number): Promise<void> {
  await tx.query('DELETE FROM sessions WHERE account = $1 AND user_id = $2', [account, userId]);
}

/** The columns naming the one who acted (made, revoked, reviewed, wrote, set): $1 account, $2 the person, $3 the pseudonym. */
const ACTOR_COLUMNS = {
  'api_keys.created_by': 'UPDATE api_keys SET created_by = $3 WHERE account = $1 AND created_by = $2 RETURNING id',
  'api_keys.revoked_by': 'UPDATE api_keys SET revoked_by = $3 WHERE account = $1 AND revoked_by = $2 RETURNING id',
  'evaluations.reviewer_id': 'UPDATE evaluations SET reviewer_id = $3 WHERE account = $1 AND reviewer_id = $2 RETURNING id',
  'evaluation_history.actor_id':
    'UPDATE evaluation_history SET actor_id = $3 WHERE account = $1 AND actor_id = $2 RETURNING seq::text AS id',
  'coaching_notes.author_id': 'UPDATE coaching_notes SET author_id = $3 WHERE account = $1 AND author_id = $2 RETURNING id',
  'targets.created_by': 'UPDATE targets SET created_by = $3 WHERE account = $1 AND created_by = $2 RETURNING id',
  // invited reviewers, the baseline and who started it
  calibration_sessions: `UPDATE calibration_sessions
            SET reviewer_ids = array_replace(reviewer_ids, $2::bigint, $3::bigint),
                baseline_reviewer_id = CASE WHEN baseline_reviewer_id = $2 THEN $3 ELSE baseline_reviewer_id END,
                created_by = CASE WHEN created_by = $2 THEN $3 ELSE created_by END
          WHERE account = $1 AND ($2 = ANY (reviewer_ids) OR baseline_reviewer_id = $2 OR created_by = $2) RETURNING id`,
  'monitoring_plans.updated_by':
    'UPDATE monitoring_plans SET updated_by = $3 WHERE account = $1 AND updated_by = $2 RETURNING account AS id',
  'account_policies.updated_by':
    'UPDATE account_policies SET updated_by = $3 WHERE account = $1 AND updated_by = $2 RETURNING account AS id',
  'audit_log.actor_id': 'UPDATE audit_log SET actor_id = $3 WHERE account = $1 AND actor_id = $2 RETURNING seq::text AS id',
  'sync_settings.updated_by': 'UPDATE sync_settings SET updated_by = $3 WHERE account = $1 AND updated_by = $2 RETURNING account AS id',
  'autoqa_settings.updated_by': 'UPDATE autoqa_settings SET updated_by = $3 WHERE account = $1 AND updated_by = $2 RETURNING account AS id',
  // the agent a synced ticket is assigned to: its metrics stay, under the pseudonym (their comments go: eraseFromSync)
  'synced_tickets.assignee_id':
    'UPDATE synced_tickets SET assignee_id = $3 WHERE account = $1 AND assignee_id = $2 RETURNING ticket_id::text AS id',
} as const;

export type ActorColumn = keyof typeof ACTOR_COLUMNS;

/** Writes the pseudonym where the person is named as the one who acted, column by column; the rows changed in each. */
export async function replaceActor(
  tx: Queryable,
  account: string,
  userId: number,
  pseudonym: number,
): Promise<Record<ActorColumn, number>> {
  const changed = {} as Record<ActorColumn, number>;
  for (const [column, sql] of Object.entries(ACTOR_COLUMNS) as Array<[ActorColumn, string]>) {
    changed[column] = (await tx.query<{ id: string }>(sql, [account, userId, pseudonym])).length;
  }
  return changed;
}

/**
 * The person in the data synced from Zendesk (migration 010): their user row goes; the conversation text they wrote,
 * and all of it on the tickets they asked for (a conversation with them is about them), goes; the tickets they asked
 * for keep their metrics under the pseudonym, without the subject and the CSAT comment (their words).
 */
export async function eraseFromSync(
  tx: Queryable,
  account: string,
  userId: number,
  pseudonym: number,
): Promise<{ comments: number; tickets: number; users: number }> {
  const comments = await tx.query<{ id: string }>(
    `DELETE FROM synced_comments c WHERE c.account = $1 AND (c.author_id = $2 OR c.ticket_id IN
       (SELECT t.ticket_id FROM synced_tickets t WHERE t.account = $1 AND t.requester_id = $2)) RETURNING comment_id::text AS id`,
    [account, userId],
  );
  const tickets = await tx.query<{ id: string }>(
    `UPDATE synced_tickets SET requester_id = $3, subject = NULL, csat_comment = NULL
      WHERE account = $1 AND requester_id = $2 RETURNING ticket_id::text AS id`,
    [account, userId, pseudonym],
  );
  const users = await tx.query<{ id: string }>(
    'DELETE FROM synced_users WHERE account = $1 AND user_id = $2 RETURNING user_id::text AS id',
    [account, userId],
  );
  return { comments: comments.length, tickets: tickets.length, users: users.length };
}

/** The account's monitoring plan as stored, locked for this transaction; null when it has none. */
export async function planForUpdate(tx: Queryable, account: string): Promise<{ plan: unknown } | null> {
  const [row] = await tx.query<{ plan: unknown }>('SELECT plan FROM monitoring_plans WHERE account = $1 FOR UPDATE', [account]);
  return row ? { plan: parsed(row.plan) } : null;
}

/** Replaces the plan itself (who changed it last stays as it is). */
export async function replacePlan(tx: Queryable, account: string, plan: unknown): Promise<void> {
  await tx.query('UPDATE monitoring_plans SET plan = $2 WHERE account = $1', [account, JSON.stringify(plan)]);
}

/** The jsonb columns that may hold user ids by key (disputes, history snapshots, audit details), and their rows' keys. */
const JSON_COLUMNS = {
  'evaluations.dispute': { table: 'evaluations', column: 'dispute', key: 'id' },
  'evaluation_history.snapshot': { table: 'evaluation_history', column: 'snapshot', key: "evaluation_id::text || ':' || seq" },
  'audit_log.detail': { table: 'audit_log', column: 'detail', key: 'seq' },
} as const;

export type JsonColumn = keyof typeof JSON_COLUMNS;
export const PERSON_JSON_COLUMNS = Object.keys(JSON_COLUMNS) as JsonColumn[];

/** The account's rows whose JSON text holds the id at all (a cheap pre-filter: the caller decides), with their keys. */
export async function jsonMentioning(
  tx: Queryable,
  name: JsonColumn,
  account: string,
  userId: number,
): Promise<Array<{ key: string; value: unknown }>> {
  const { table, column, key } = JSON_COLUMNS[name];
  const rows = await tx.query<{ k: string; v: unknown }>(
    `SELECT ${key}::text AS k, ${column} AS v FROM ${table} WHERE account = $1 AND ${column}::text ~ $2`,
    [account, `(^|[^0-9])${userId}([^0-9]|$)`],
  );
  return rows.map((row) => ({ key: row.k, value: parsed(row.v) }));
}

/** Writes one row's JSON back, by the key `jsonMentioning` gave. */
export async function rewriteJson(tx: Queryable, name: JsonColumn, account: string, key: string, value: unknown): Promise<void> {
  const { table, column, key: keyExpression } = JSON_COLUMNS[name];
  await tx.query(`UPDATE ${table} SET ${column} = $3 WHERE account = $1 AND ${keyExpression}::text = $2`, [
    account,
    key,
    JSON.stringify(value),
  ]);
}

import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit.ts';
import { ADMIN, actorOf, requireRole, type AppEnv } from '../auth.ts';
import type { Queryable } from '../db/db.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow } from '../errors.ts';
import { deleteDraftsOfPerson } from '../store/drafts.ts';

const UserId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A random negative id: evaluations keep a distinct reviewer for calibration figures, no longer linked to the person. */
const newPseudonym = () => -(1 + (randomBytes(6).readUIntBE(0, 6) % 2 ** 47));

/** JSON keys whose numbers are Zendesk user ids (evaluation snapshots, disputes, audit details). */
const PERSON_KEYS = new Set([
  'revieweeId',
  'reviewerId',
  'reviewerIds',
  'baselineReviewerId',
  'raisedBy',
  'resolvedBy',
  'actorId',
  'agentId',
  'authorId',
  'createdBy',
  'updatedBy',
  'userId',
  'subjectId',
]);

/**
 * `value` with every `userId` under a person key replaced by `pseudonym`; `subjectId` counts only beside
 * a `subject` that is not a group (targets name a group or an agent).
 */
export function scrubPerson(value: unknown, userId: number, pseudonym: number, person = false): unknown {
  if (typeof value === 'number') return person && value === userId ? pseudonym : value;
  if (Array.isArray(value)) return value.map((v) => scrubPerson(v, userId, pseudonym, person));
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(o).map(([k, v]) => {
        const named = person || (PERSON_KEYS.has(k) && !(k === 'subjectId' && o.subject === 'group'));
        return [k, scrubPerson(v, userId, pseudonym, named)];
      }),
    );
  }
  return value;
}

const parsed = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * Rewrites a jsonb column on the rows of the account whose text holds the id at all (a cheap pre-filter;
 * scrubPerson decides), and writes back only the rows that changed. Returns how many changed.
 */
async function scrubJson(tx: Queryable, table: string, column: string, key: string, account: string, userId: number, pseudonym: number) {
  const rows = await tx.query<{ k: string; v: unknown }>(
    `SELECT ${key}::text AS k, ${column} AS v FROM ${table} WHERE account = $1 AND ${column}::text ~ $2`,
    [account, `(^|[^0-9])${userId}([^0-9]|$)`],
  );
  let changed = 0;
  for (const row of rows) {
    const before = parsed(row.v);
    const after = scrubPerson(before, userId, pseudonym);
    if (JSON.stringify(after) === JSON.stringify(before)) continue;
    await tx.query(`UPDATE ${table} SET ${column} = $3 WHERE account = $1 AND ${key}::text = $2`, [account, row.k, JSON.stringify(after)]);
    changed++;
  }
  return changed;
}

/** Data protection (DESIGN.md §5): erasure of one person's data. */
export function peopleRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  // every column of migrations 001-005 that holds a Zendesk user id: rows about the person are deleted,
  // rows the person only acted on keep one pseudonym (so calibration still tells reviewers apart)
  r.delete('/:userId', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, ADMIN, 'erase personal data');
    const userId = parseOrThrow(UserId.describe('userId'), c.req.param('userId'));
    const pseudonym = newPseudonym();
    const now = clock.now();
    const result = await db.transaction(async (tx) => {
      const p = [actor.account, userId, pseudonym] as const;
      const run = (sql: string) => tx.query<{ id: string }>(sql, p);

      // about the person: their evaluations as reviewee (answers, history, notes cascade), notes and targets on them
      const erased = await tx.query<{ id: string }>(
        'DELETE FROM evaluations WHERE account = $1 AND reviewee_id = $2 RETURNING id',
        [actor.account, userId],
      );
      const notes = await tx.query<{ id: string }>(
        'DELETE FROM coaching_notes WHERE account = $1 AND agent_id = $2 RETURNING id',
        [actor.account, userId],
      );
      const targets = await tx.query<{ id: string }>(
        "DELETE FROM targets WHERE account = $1 AND subject = 'agent' AND subject_id = $2 RETURNING id",
        [actor.account, userId],
      );

      // their sessions end with them; API keys they made or revoked stay (an account's machines), with the pseudonym
      await tx.query('DELETE FROM sessions WHERE account = $1 AND user_id = $2', [actor.account, userId]);
      // unsent drafts: by them, or judging them
      await deleteDraftsOfPerson(tx, actor.account, userId);
      await run('UPDATE api_keys SET created_by = $3 WHERE account = $1 AND created_by = $2 RETURNING id');
      await run('UPDATE api_keys SET revoked_by = $3 WHERE account = $1 AND revoked_by = $2 RETURNING id');

      // what the person did
      const reviewed = await run('UPDATE evaluations SET reviewer_id = $3 WHERE account = $1 AND reviewer_id = $2 RETURNING id');
      await run('UPDATE evaluation_history SET actor_id = $3 WHERE account = $1 AND actor_id = $2 RETURNING seq::text AS id');
      await run('UPDATE coaching_notes SET author_id = $3 WHERE account = $1 AND author_id = $2 RETURNING id');
      await run('UPDATE targets SET created_by = $3 WHERE account = $1 AND created_by = $2 RETURNING id');
      await run(
        `UPDATE calibration_sessions
            SET reviewer_ids = array_replace(reviewer_ids, $2::bigint, $3::bigint),
                baseline_reviewer_id = CASE WHEN baseline_reviewer_id = $2 THEN $3 ELSE baseline_reviewer_id END,
                created_by = CASE WHEN created_by = $2 THEN $3 ELSE created_by END
          WHERE account = $1 AND ($2 = ANY (reviewer_ids) OR baseline_reviewer_id = $2 OR created_by = $2) RETURNING id`,
      );
      await run('UPDATE monitoring_plans SET updated_by = $3 WHERE account = $1 AND updated_by = $2 RETURNING account AS id');
      await run('UPDATE account_policies SET updated_by = $3 WHERE account = $1 AND updated_by = $2 RETURNING account AS id');
      await run('UPDATE audit_log SET actor_id = $3 WHERE account = $1 AND actor_id = $2 RETURNING seq::text AS id');

      // the plan's own targets for the person go; their id inside other JSON becomes the pseudonym
      const [plan] = await tx.query<{ plan: unknown }>('SELECT plan FROM monitoring_plans WHERE account = $1 FOR UPDATE', [actor.account]);
      let planAgents = 0;
      if (plan) {
        const value = parsed(plan.plan) as { agents?: Array<{ agentId: number }> };
        const agents = value.agents ?? [];
        const kept = agents.filter((a) => a.agentId !== userId);
        planAgents = agents.length - kept.length;
        if (planAgents > 0) {
          await tx.query('UPDATE monitoring_plans SET plan = $2 WHERE account = $1', [actor.account, JSON.stringify({ ...value, agents: kept })]);
        }
      }
      await scrubJson(tx, 'evaluations', 'dispute', 'id', ...p);
      await scrubJson(tx, 'evaluation_history', 'snapshot', "evaluation_id::text || ':' || seq", ...p);
      await scrubJson(tx, 'audit_log', 'detail', 'seq', ...p);

      const counts = {
        erasedEvaluations: erased.length,
        pseudonymisedEvaluations: reviewed.length,
        erasedCoachingNotes: notes.length,
        erasedTargets: targets.length,
        erasedPlanTargets: planAgents,
      };
      // the audit row names the pseudonym, not the person: the log must not undo the erasure
      await audit(tx, actor, now, 'person.erase', 'person', String(pseudonym), counts);
      return { ...counts, pseudonym };
    });
    return c.json(result);
  });

  return r;
}

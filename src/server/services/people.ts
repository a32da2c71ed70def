/**
 * Erasure of one person's data (decision 014), in one transaction: rows about the person go; rows the person only
 * acted on keep one random negative pseudonym per erasure, so calibration still tells reviewers apart.
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../auth.ts';
import type { Db, Queryable } from '../db/db.ts';
import { deleteDraftsOfPerson } from '../store/drafts.ts';
import { audit } from '../store/journal.ts';
import { forgetName } from '../store/people-names.ts';
import {
  deleteRowsAbout,
  deleteSessionsOf,
  eraseFromSync,
  jsonMentioning,
  PERSON_JSON_COLUMNS,
  planForUpdate,
  replaceActor,
  replacePlan,
  rewriteJson,
  type JsonColumn,
} from '../store/people.ts';

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

/** Rewrites the rows of a JSON column that name the person (scrubPerson decides), only those that change; how many did. */
async function scrubJson(tx: Queryable, column: JsonColumn, account: string, userId: number, pseudonym: number): Promise<number> {
  let changed = 0;
  for (const row of await jsonMentioning(tx, column, account, userId)) {
    const after = scrubPerson(row.value, userId, pseudonym);
    if (JSON.stringify(after) === JSON.stringify(row.value)) continue;
    await rewriteJson(tx, column, account, row.key, after);
    changed++;
  }
  return changed;
}

export interface ErasureResult {
  erasedEvaluations: number;
  pseudonymisedEvaluations: number;
  erasedCoachingNotes: number;
  erasedTargets: number;
  erasedPlanTargets: number;
  /** Synced from Zendesk: the conversation text they wrote or that was with them, and their user row. */
  erasedSyncedComments: number;
  erasedSyncedUsers: number;
  pseudonym: number;
}

/** Erases the person `userId` from the actor's account; audited under the pseudonym, never the person. */
export async function erasePerson(db: Db, actor: Actor, userId: number, now: Date): Promise<ErasureResult> {
  const pseudonym = newPseudonym();
  return db.transaction(async (tx) => {
    // about the person: their evaluations as reviewee (answers, history, notes cascade), notes and targets on them
    const about = await deleteRowsAbout(tx, actor.account, userId);
    // their sessions end with them, and their cached name; API keys they made or revoked stay (an account's machines), with the pseudonym
    await deleteSessionsOf(tx, actor.account, userId);
    await forgetName(tx, actor.account, userId);
    // unsent drafts: by them, or judging them
    await deleteDraftsOfPerson(tx, actor.account, userId);
    // synced from Zendesk: their words and conversations, their user row; their tickets keep metrics under the pseudonym
    const synced = await eraseFromSync(tx, actor.account, userId, pseudonym);
    // what the person did
    const acted = await replaceActor(tx, actor.account, userId, pseudonym);

    // the plan's own targets for the person go; their id inside other JSON becomes the pseudonym
    const plan = await planForUpdate(tx, actor.account);
    let planAgents = 0;
    if (plan) {
      const value = plan.plan as { agents?: Array<{ agentId: number }> };
      const agents = value.agents ?? [];
      const kept = agents.filter((a) => a.agentId !== userId);
      planAgents = agents.length - kept.length;
      if (planAgents > 0) await replacePlan(tx, actor.account, { ...value, agents: kept });
    }
    for (const column of PERSON_JSON_COLUMNS) await scrubJson(tx, column, actor.account, userId, pseudonym);

    const counts = {
      erasedEvaluations: about.evaluations,
      pseudonymisedEvaluations: acted['evaluations.reviewer_id'],
      erasedCoachingNotes: about.coachingNotes,
      erasedTargets: about.targets,
      erasedPlanTargets: planAgents,
      erasedSyncedComments: synced.comments,
      erasedSyncedUsers: synced.users,
    };
    // the audit row names the pseudonym, not the person: the log must not undo the erasure
    await audit(tx, actor, now, 'person.erase', 'person', String(pseudonym), counts);
    return { ...counts, pseudonym };
  });
}

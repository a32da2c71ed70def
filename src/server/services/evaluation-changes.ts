/**
 * What every change of a stored evaluation goes through (decision 016): it is read as the actor may read it, its lock
 * version is checked, and the change writes a history entry and an audit row in its transaction. Status changes
 * follow the role rules of src/core/permissions.ts (`STATUS_RULES`): who may make one (403), from which status (422).
 */
import type { ScorecardDefinition } from '../../core/scorecard.ts';
import { maySeeWorkOf, STATUS_RULES, type StatusAction } from '../../core/permissions.ts';
import type { Actor } from '../auth.ts';
import type { Db, Queryable } from '../db/db.ts';
import { conflict, forbidden, notFound, unprocessable } from '../errors.ts';
import { calibrationVisibleTo } from '../store/calibration.ts';
import {
  evaluationView,
  findEvaluation,
  updateStatus,
  type EvaluationRow,
  type EvaluationView,
  type StoredDispute,
} from '../store/evaluations.ts';
import { appendHistory, audit } from '../store/journal.ts';
import { definitionFor } from './evaluation-scoring.ts';

/** What the role rules read of a stored evaluation. */
export const reviewed = (row: EvaluationRow) => ({
  kind: row.kind,
  reviewerId: row.reviewer_id,
  revieweeId: row.reviewee_id,
  status: row.status,
});

/**
 * The evaluation, 404 when unknown in this account or a calibration evaluation still blind to the actor
 * (calibrationVisible), 403 when the actor may not read it (staff, or the agent whose work it is).
 */
export async function readable(q: Queryable, actor: Actor, id: string, forUpdate = false): Promise<EvaluationRow> {
  const row = await findEvaluation(q, actor.account, id, forUpdate);
  if (!row) throw notFound('evaluation');
  if (!maySeeWorkOf(actor, row.reviewee_id)) throw forbidden('an agent may read only their own evaluations');
  if (row.kind === 'calibration' && !(await calibrationVisibleTo(q, actor, row.id))) throw notFound('evaluation');
  return row;
}

/** 409 unless `sent` (when given) is the evaluation's current lock version. */
export function checkLock(row: EvaluationRow, sent: number | undefined): void {
  if (sent !== undefined && sent !== row.lock_version) {
    throw conflict(
      `this evaluation changed since you read it (lockVersion ${sent}, now ${row.lock_version}): reload it and apply your change again`,
    );
  }
}

/** The history entry and audit row of one change of an evaluation (`evaluation.<action>` in the audit log). */
export async function journal(
  tx: Queryable,
  actor: Actor,
  row: EvaluationRow,
  at: Date,
  action: string,
  auditDetail: Record<string, unknown>,
  historyDetail: Record<string, unknown> = {},
): Promise<void> {
  await appendHistory(tx, {
    account: row.account,
    snapshot: evaluationView(row),
    at,
    actorId: actor.userId,
    action,
    detail: historyDetail,
  });
  await audit(tx, actor, at, `evaluation.${action}`, 'evaluation', row.id, auditDetail);
}

/** Who may make each status change, as the 403 says it. */
const WHO: Record<StatusAction, string> = {
  withdraw: 'its reviewer, a lead or an admin',
  acknowledge: 'the reviewee',
  dispute: 'the reviewee',
  resolve: 'a lead or an admin who is neither its reviewer nor its reviewee',
};

/** Of a status change's checks, the first that fails, as its error: who (403), from which status (422), lock version (409). */
export function checkStatusChange(
  action: StatusAction,
  actor: Actor,
  row: EvaluationRow,
  lockVersion: number | undefined,
  what = 'this evaluation',
): void {
  const rule = STATUS_RULES[action];
  if (!rule.by(actor, reviewed(row))) throw forbidden(`only ${WHO[action]} may ${action} ${what}`);
  if (!rule.from.includes(row.status)) throw unprocessable(`cannot ${action} an evaluation that is ${row.status}`);
  checkLock(row, lockVersion);
}

/** A status change (not a resolution); `dispute` (when given) checks the locked row and makes its dispute. */
export async function changeStatus(
  db: Db,
  actor: Actor,
  id: string,
  action: Exclude<StatusAction, 'resolve'>,
  lockVersion: number | undefined,
  now: Date,
  dispute?: (row: EvaluationRow, definition: ScorecardDefinition) => StoredDispute,
): Promise<EvaluationView> {
  const to = STATUS_RULES[action].to;
  const row = await db.transaction(async (tx) => {
    const old = await readable(tx, actor, id, true);
    checkStatusChange(action, actor, old, lockVersion);
    const next = dispute ? dispute(old, await definitionFor(tx, old)) : old.dispute;
    const row = await updateStatus(tx, old, to, next, now);
    await journal(tx, actor, row, now, action, { from: old.status, to, lockVersion: row.lock_version });
    return row;
  });
  return evaluationView(row);
}

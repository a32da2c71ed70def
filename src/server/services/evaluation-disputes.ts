/**
 * Disputes (decision 016): the agent whose work it is disputes the evaluation or some of its criteria; a lead or an
 * admin who is neither its reviewer nor its reviewee resolves it, rejecting it or amending the disputed criteria.
 */
import { randomUUID } from 'node:crypto';
import type { Dispute, DisputeResolution } from '../../core/evaluation.ts';
import { STATUS_RULES } from '../../core/permissions.ts';
import { allCriteria } from '../../core/scorecard.ts';
import type { Actor } from '../auth.ts';
import type { Db } from '../db/db.ts';
import { unprocessable } from '../errors.ts';
import {
  evaluationView,
  replaceAnswerRows,
  updateScoring,
  updateStatus,
  type EvaluationRow,
  type EvaluationView,
  type StoredDispute,
} from '../store/evaluations.ts';
import { changeStatus, checkStatusChange, journal, readable } from './evaluation-changes.ts';
import { answerRows, definitionFor, score, withMetricAnswers } from './evaluation-scoring.ts';

/** The reviewee disputes the evaluation, or some of its criteria (each must be one of its scorecard's). */
export function raiseDispute(db: Db, actor: Actor, id: string, d: Dispute, now: Date): Promise<EvaluationView> {
  return changeStatus(db, actor, id, 'dispute', d.lockVersion, now, (_row, definition) => {
    const known = new Set(allCriteria(definition).map(({ criterion }) => criterion.id));
    const unknown = d.criterionIds.filter((c) => !known.has(c));
    if (unknown.length > 0)
      throw unprocessable(
        'the dispute names criteria this scorecard does not have',
        unknown.map((c) => `criterionIds: no criterion "${c}"`),
      );
    return {
      reason: d.reason,
      criterionIds: [...new Set(d.criterionIds)],
      raisedBy: actor.userId,
      raisedAt: now.toISOString(),
      outcome: null,
      note: null,
      resolvedBy: null,
      resolvedAt: null,
    };
  });
}

/**
 * Resolves a dispute. Rejected: the score stays. Upheld: the body's `answers` replace the disputed criteria's
 * (all criteria when the dispute named none), and the evaluation is amended, rescored, resolved, its history
 * and audit written, in one transaction; the amendment names the resolution (`detail.resolutionId`).
 */
export async function resolveDispute(db: Db, actor: Actor, id: string, body: DisputeResolution, now: Date): Promise<EvaluationView> {
  const to = STATUS_RULES.resolve.to;
  const row = await db.transaction(async (tx) => {
    const old = await readable(tx, actor, id, true);
    checkStatusChange('resolve', actor, old, body.lockVersion, 'this dispute');
    const resolutionId = randomUUID();
    const dispute: StoredDispute = {
      ...old.dispute!,
      outcome: body.outcome,
      note: body.note,
      resolvedBy: actor.userId,
      resolvedAt: now.toISOString(),
      resolutionId,
    };
    const resolved = (row: EvaluationRow) => ({ from: old.status, to, outcome: body.outcome, resolutionId, lockVersion: row.lock_version });
    if (body.outcome === 'rejected') {
      const row = await updateStatus(tx, old, to, dispute, now);
      await journal(tx, actor, row, now, 'resolve', resolved(row), { resolutionId, outcome: body.outcome });
      return row;
    }
    const definition = await definitionFor(tx, old);
    const all = allCriteria(definition).map(({ criterion }) => criterion.id);
    const disputed = old.dispute!.criterionIds.length > 0 ? old.dispute!.criterionIds : all;
    const given = body.answers ?? [];
    const issues = [
      ...given.flatMap((a, i) =>
        disputed.includes(a.criterionId) ? [] : [`answers[${i}].criterionId: "${a.criterionId}" was not disputed`],
      ),
      ...disputed
        .filter((c) => !given.some((a) => a.criterionId === c))
        .map((c) => `answers: the disputed criterion "${c}" has no new answer`),
    ];
    if (issues.length > 0) {
      throw unprocessable(
        `an upheld dispute amends the disputed criteria: send answers for exactly ${disputed.map((c) => `"${c}"`).join(', ')}`,
        issues,
      );
    }
    // the new answers take the disputed criteria's places; the others stay as they were
    const replaced = new Map(given.map((a) => [a.criterionId, a]));
    const merged = [
      ...old.answers.map((a) => replaced.get(a.criterionId) ?? a),
      ...given.filter((a) => !old.answers.some((o) => o.criterionId === a.criterionId)),
    ];
    const answers = withMetricAnswers(definition, merged, evaluationView(old).metrics);
    // a problem is named by its index in the request's answers when it is one of them
    const result = score(definition, answers, (path) => {
      const m = /^\[(\d+)\](.*)$/.exec(path);
      const criterionId = m ? answers[Number(m[1])]?.criterionId : undefined;
      const i = criterionId === undefined ? -1 : given.findIndex((a) => a.criterionId === criterionId);
      return i >= 0 ? `answers[${i}]${m![2]}` : `answers (criterion "${criterionId ?? '?'}")${m ? m[2] : path}`;
    });
    const criterionIds = [...disputed];
    const row = await updateScoring(tx, old, {
      answers,
      overallComment: old.overall_comment,
      revieweeId: old.reviewee_id,
      score: result,
      at: now,
      status: to,
      dispute,
    });
    await replaceAnswerRows(tx, actor.account, old.id, old.created_at, answerRows(definition, answers, result));
    await journal(
      tx,
      actor,
      row,
      now,
      'amend',
      { finalScore: { from: old.final_score, to: row.final_score }, resolutionId, criterionIds, lockVersion: row.lock_version },
      { resolutionId, criterionIds },
    );
    await journal(tx, actor, row, now, 'resolve', resolved(row), { resolutionId, outcome: body.outcome });
    return row;
  });
  return evaluationView(row);
}

import { z } from 'zod';
import type { EvaluationListQuery, Page } from '../../core/api.ts';
import type { Dispute, DisputeResolution, EvaluationAmend, EvaluationCreate, StatusChange } from '../../core/evaluation.ts';
import { amendsOwnWork, isSelfReview, mayAmend, maySeeWorkOf, ownWorkOnly } from '../../core/permissions.ts';
import { Instant, Uuid } from '../../core/text.ts';
import type { Actor } from '../auth.ts';
import type { Db } from '../db/db.ts';
import { ApiError, badRequest, conflict, forbidden, notFound, unprocessable } from '../errors.ts';
import { deleteDraftsFor } from '../store/drafts.ts';
import {
  evaluationView,
  evaluationWriter,
  findEvaluation,
  historyOf,
  listEvaluations,
  replaceAnswerRows,
  updateScoring,
  type AnswerRow,
  type EvaluationRow,
  type EvaluationView,
  type HistoryEntry,
} from '../store/evaluations.ts';
import { publishedVersionCache } from '../store/scorecards.ts';
import { checkCalibrationSubmission } from './calibration.ts';
import { changeStatus, checkLock, journal, readable, reviewed } from './evaluation-changes.ts';
import { raiseDispute, resolveDispute } from './evaluation-disputes.ts';
import { suggestedRatings } from './autoqa.ts';
import { answerRows, definitionFor, requestHash, score, withMetricAnswers } from './evaluation-scoring.ts';

/*
 * Evaluations: the server scores what reviewers send (decision 002, evaluation-scoring.ts), stores a create in one
 * statement (decision 013), and enforces the integrity rules of decision 016 (no self-review, lock versions,
 * disputes resolved by a third person in evaluation-disputes.ts, calibration blind), with the role rules of
 * src/core/permissions.ts. Every change writes a history entry and an audit row in its transaction
 * (evaluation-changes.ts).
 */

const archived = () => unprocessable('this scorecard is archived');
const selfReview = () =>
  unprocessable('no one reviews themselves: revieweeId is the reviewer’s own user id (use kind "self-review" for a self-assessment)');

interface Cursor {
  at: string;
  id: string;
}
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.at, c.id])).toString('base64url');
function decodeCursor(raw: string): Cursor {
  try {
    const [at, id] = z.tuple([Instant, Uuid]).parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return { at, id };
  } catch {
    throw badRequest(['cursor: is not a cursor this API returned']);
  }
}

/** Evaluations: reviewers, leads and admins write; agents read their own. One per router (it keeps the version cache and the create batching). */
export function evaluationService(db: Db) {
  const versions = publishedVersionCache();
  const writer = evaluationWriter(db);

  /**
   * Scores and stores a new evaluation; `created` is false when the id was stored before by the same request (a
   * retry: the stored evaluation, whatever changed since), and a 409 when by another.
   */
  async function create(actor: Actor, body: EvaluationCreate, now: Date): Promise<{ evaluation: EvaluationView; created: boolean }> {
    // client-sent scores are accepted by the schema and dropped here: the server scores
    const { rawScore: _r, finalScore: _f, passed: _p, criticalFailures: _c, ...request } = body;
    const hash = requestHash({ ...request, reviewerId: actor.userId });

    const replay = async () => {
      const stored = await findEvaluation(db, actor.account, body.id);
      if (!stored) throw new Error('evaluation vanished between insert conflict and read');
      if (stored.request_hash !== hash) throw conflict('an evaluation with this id already exists with different content');
      return { evaluation: evaluationView(stored), created: false };
    };
    /** A retry of a stored evaluation is answered from the store, whatever changed since (archived card, closed session). */
    const replayOr = async (err: unknown) => {
      if (err instanceof ApiError && (await findEvaluation(db, actor.account, body.id))) return replay();
      throw err;
    };

    let row: EvaluationRow;
    let answers: AnswerRow[];
    try {
      const version = await versions.get(db, actor.account, body.scorecardId, body.scorecardVersion);
      if (!version) throw notFound('scorecard version');
      if (version.cardStatus === 'archived') throw archived();
      if (!version.definition) throw unprocessable(`version ${version.version} of this scorecard is not published`);
      if (isSelfReview({ kind: body.kind, reviewerId: actor.userId, revieweeId: body.revieweeId })) throw selfReview();
      await checkCalibrationSubmission(db, actor, body);
      const metrics = body.metrics ?? null;
      const scored = withMetricAnswers(version.definition, body.answers, metrics);
      const result = score(version.definition, scored);
      row = {
        account: actor.account,
        id: body.id, // lower case (Uuid), as PostgreSQL prints it: a retry in other letters is the same request
        ticket_id: body.ticketId,
        reviewee_id: body.revieweeId,
        reviewer_id: actor.userId,
        scorecard_id: version.scorecardId,
        scorecard_version: version.version,
        kind: body.kind,
        status: 'submitted',
        channel: body.channel,
        group_id: body.groupId,
        brand_id: body.brandId,
        raw_score: result.rawScore,
        final_score: result.finalScore,
        passed: result.passed,
        critical_failures: result.criticalFailures,
        critical_failed: result.criticalFailures.length > 0,
        answers: scored,
        overall_comment: body.overallComment,
        first_reply_minutes: metrics?.firstReplyMinutes ?? null,
        full_resolution_minutes: metrics?.fullResolutionMinutes ?? null,
        reopens: metrics?.reopens ?? null,
        csat: metrics?.csat ?? null,
        calibration_session_id: body.calibrationSessionId ?? null,
        request_hash: hash,
        dispute: null,
        created_at: now,
        updated_at: now,
        withdrawn_at: null,
        lock_version: 1,
        acknowledged_version: null,
        changed_since_acknowledgement: false,
      };
      // the suggested ratings of pre-rated criteria: the service's own results for the ticket, never the browser's
      answers = answerRows(
        version.definition,
        scored,
        result,
        await suggestedRatings(db, actor.account, body.ticketId, version.definition, { now: () => now }),
      );
    } catch (err) {
      return replayOr(err);
    }
    // one statement (one round trip, one transaction, maybe shared with concurrent creates): the evaluation, its answer rows, history and audit row
    const created = await writer.create({ row, answers, actorRole: actor.role });
    if (created.row) return { evaluation: evaluationView(created.row), created: true };
    if (created.cardStatus === null) return replayOr(notFound('scorecard version'));
    if (created.cardStatus === 'archived') return replayOr(archived());
    return replay(); // the id was taken: a retry, concurrent or not
  }

  /** A page of the evaluations the actor may see; agents see their own work only (asking for another's is refused, not emptied). */
  async function list(actor: Actor, query: EvaluationListQuery): Promise<Page<EvaluationView>> {
    const { limit, cursor, ...filter } = query;
    if (filter.revieweeId !== undefined && !maySeeWorkOf(actor, filter.revieweeId)) {
      throw forbidden('an agent may read only their own evaluations');
    }
    filter.revieweeId = ownWorkOnly(actor) ?? filter.revieweeId;
    const after = cursor === undefined ? null : decodeCursor(cursor);
    const rows = await listEvaluations(db, actor, filter, after, limit + 1);
    const items = rows.slice(0, limit).map(evaluationView);
    const last = items[items.length - 1];
    return {
      items,
      next: rows.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
    };
  }

  /** The evaluation with its history. */
  async function read(actor: Actor, id: string): Promise<EvaluationView & { history: HistoryEntry[] }> {
    const row = await readable(db, actor, id);
    return { ...evaluationView(row), history: await historyOf(db, actor.account, row.id) };
  }

  /** New answers (and comment, reviewee) for the evaluation, rescored; its edit's draft is done. */
  async function amend(actor: Actor, id: string, body: EvaluationAmend, now: Date): Promise<EvaluationView> {
    const row = await db.transaction(async (tx) => {
      const old = await readable(tx, actor, id, true);
      const before = reviewed(old);
      if (!mayAmend(actor, before)) throw forbidden('a reviewer may amend only their own evaluations');
      const revieweeId = body.revieweeId ?? old.reviewee_id;
      if (amendsOwnWork(actor, before, revieweeId)) throw forbidden('no one amends an evaluation of their own work');
      if (isSelfReview({ ...before, revieweeId })) throw selfReview();
      if (old.status === 'withdrawn') throw unprocessable('this evaluation was withdrawn');
      checkLock(old, body.lockVersion);
      const definition = await definitionFor(tx, old);
      const answers = withMetricAnswers(definition, body.answers, evaluationView(old).metrics);
      const result = score(definition, answers);
      const row = await updateScoring(tx, old, {
        answers,
        overallComment: body.overallComment ?? old.overall_comment,
        revieweeId,
        score: result,
        at: now,
      });
      await replaceAnswerRows(tx, actor.account, old.id, old.created_at, answerRows(definition, answers, result));
      await deleteDraftsFor(tx, actor.account, actor.userId, old.id);
      const marked = row.changed_since_acknowledgement && !old.changed_since_acknowledgement;
      await journal(
        tx,
        actor,
        row,
        now,
        'amend',
        {
          finalScore: { from: old.final_score, to: row.final_score },
          lockVersion: row.lock_version,
          ...(row.reviewee_id !== old.reviewee_id ? { revieweeId: { from: old.reviewee_id, to: row.reviewee_id } } : {}),
          ...(row.status !== old.status ? { status: { from: old.status, to: row.status } } : {}),
        },
        marked ? { changedSinceAcknowledgement: true } : {},
      );
      return row;
    });
    return evaluationView(row);
  }

  return {
    create,
    list,
    read,
    amend,
    withdraw: (actor: Actor, id: string, body: StatusChange, now: Date) => changeStatus(db, actor, id, 'withdraw', body.lockVersion, now),
    acknowledge: (actor: Actor, id: string, body: StatusChange, now: Date) =>
      changeStatus(db, actor, id, 'acknowledge', body.lockVersion, now),
    dispute: (actor: Actor, id: string, body: Dispute, now: Date) => raiseDispute(db, actor, id, body, now),
    resolve: (actor: Actor, id: string, body: DisputeResolution, now: Date) => resolveDispute(db, actor, id, body, now),
  };
}

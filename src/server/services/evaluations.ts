import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { checkAnswers, type Answer, type Answers } from '../../core/answers.ts';
import type { EvaluationListQuery, Page } from '../../core/api.ts';
import type { Dispute, DisputeResolution, EvaluationAmend, EvaluationCreate, EvaluationStatus, MetricsSnapshot, StatusChange } from '../../core/evaluation.ts';
import { metricAnswer } from '../../core/metrics.ts';
import { isLead, isStaff } from '../../core/permissions.ts';
import { allCriteria, scaleOptions, type ScorecardDefinition } from '../../core/scorecard.ts';
import { scoreEvaluation, type ScoreResult } from '../../core/scoring.ts';
import { Instant, Uuid } from '../../core/text.ts';
import type { Actor } from '../auth.ts';
import type { Db, Queryable } from '../db/db.ts';
import { ApiError, badRequest, conflict, forbidden, notFound, unprocessable } from '../errors.ts';
import { calibrationVisibleTo } from '../store/calibration.ts';
import { deleteDraftsFor } from '../store/drafts.ts';
import {
  evaluationView,
  evaluationWriter,
  findEvaluation,
  historyOf,
  listEvaluations,
  replaceAnswerRows,
  updateScoring,
  updateStatus,
  type AnswerRow,
  type EvaluationRow,
  type EvaluationView,
  type HistoryEntry,
  type StoredDispute,
} from '../store/evaluations.ts';
import { appendHistory, audit } from '../store/journal.ts';
import { definitionOf, findVersion, publishedVersionCache } from '../store/scorecards.ts';
import { checkCalibrationSubmission } from './calibration.ts';

/*
 * Evaluations: the server scores what reviewers send (decision 002), stores a create in one statement (decision
 * 013), and enforces the integrity rules of decision 016 (no self-review, lock versions, disputes resolved by a
 * third person, calibration blind). Every change writes a history entry and an audit row in its transaction.
 */

const archived = () => unprocessable('this scorecard is archived');
const selfReview = () =>
  unprocessable('no one reviews themselves: revieweeId is the reviewer’s own user id (use kind "self-review" for a self-assessment)');

/** JSON with sorted keys, so equal values hash equally whatever the key order the client sent. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What tells a retry (same hash: answered with the stored evaluation) from another request reusing the id (409). */
const requestHash = (request: unknown) => createHash('sha256').update(canonicalJson(request)).digest('hex');

/** Metric criteria are answered from the ticket's numbers when the snapshot is given: the client's rating is not trusted. */
function withMetricAnswers(card: ScorecardDefinition, answers: Answers, metrics: MetricsSnapshot | null): Answers {
  if (!metrics) return answers;
  const out = [...answers];
  for (const { criterion } of allCriteria(card)) {
    const computed = metricAnswer(criterion, metrics);
    if (!computed) continue;
    const i = out.findIndex((a) => a.criterionId === criterion.id);
    const client: Answer | undefined = i >= 0 ? out[i] : undefined;
    const merged: Answer = { ...computed, ...(client?.comment ? { comment: client.comment } : {}) };
    if (i >= 0) out[i] = merged;
    else out.push(merged);
  }
  return out;
}

/** The scored answers, or a 422 naming each problem by its path in `answers` (`pathOf` renames a path, e.g. to the request's index). */
function score(card: ScorecardDefinition, answers: Answers, pathOf: (path: string) => string = (p) => `answers${p}`): ScoreResult {
  const problems = checkAnswers(card, answers, { requireComments: true });
  if (problems.length > 0) {
    throw unprocessable(
      'the answers do not fit the scorecard',
      problems.map((p) => `${pathOf(p.path)}: ${p.message}`),
    );
  }
  return scoreEvaluation(card, answers);
}

/** One row per answered criterion, for reports by criterion and the CSV export. */
function answerRows(card: ScorecardDefinition, answers: Answers, result: ScoreResult): AnswerRow[] {
  const byId = new Map(answers.map((a) => [a.criterionId, a]));
  const failed = new Set(result.criticalFailures);
  const rows: AnswerRow[] = [];
  allCriteria(card).forEach(({ section, criterion }, position) => {
    const a = byId.get(criterion.id);
    if (!a) return;
    const option = a.rating === undefined ? undefined : scaleOptions(criterion.scale)[a.rating];
    rows.push({
      position,
      criterion_id: criterion.id,
      section_id: section.id,
      rating: a.na ? null : (a.rating ?? null),
      fraction: a.na ? null : (option?.fraction ?? null),
      na: a.na === true,
      weight: criterion.weight,
      critical: criterion.critical !== null,
      critical_failed: failed.has(criterion.id),
      root_causes: a.rootCauses ?? [],
      comment: a.comment ?? null,
    });
  });
  return rows;
}

/** 409 unless `sent` (when given) is the evaluation's current lock version. */
function checkLock(row: EvaluationRow, sent: number | undefined): void {
  if (sent !== undefined && sent !== row.lock_version) {
    throw conflict(
      `this evaluation changed since you read it (lockVersion ${sent}, now ${row.lock_version}): reload it and apply your change again`,
    );
  }
}

const isReviewee = (actor: Actor, row: EvaluationRow) => actor.userId === row.reviewee_id;
const isReviewer = (actor: Actor, row: EvaluationRow) => actor.userId === row.reviewer_id;
/** A review of the actor's own work (self-reviews and calibration are not reviews of anyone's work by someone else). */
const ownWork = (actor: Actor, row: EvaluationRow) => row.kind === 'review' && isReviewee(actor, row);

/** Who may read an evaluation: staff of the account, or the agent whose work it is. */
const mayRead = (actor: Actor, row: EvaluationRow) => isStaff(actor.role) || isReviewee(actor, row);
/** Who may change the scoring: the reviewer who wrote it, or a lead or admin. */
const mayAmend = (actor: Actor, row: EvaluationRow) => isLead(actor.role) || (actor.role === 'reviewer' && isReviewer(actor, row));

interface Transition {
  from: readonly EvaluationStatus[];
  to: EvaluationStatus;
  may: (actor: Actor, row: EvaluationRow) => boolean;
  who: string;
}

/** Status changes, one table keyed by action (withdrawn is final). */
const TRANSITIONS = {
  withdraw: {
    from: ['submitted', 'acknowledged', 'disputed', 'dispute-resolved'],
    to: 'withdrawn',
    may: mayAmend,
    who: 'its reviewer, a lead or an admin',
  },
  acknowledge: { from: ['submitted'], to: 'acknowledged', may: isReviewee, who: 'the reviewee' },
  dispute: { from: ['submitted', 'acknowledged'], to: 'disputed', may: isReviewee, who: 'the reviewee' },
  // no one judges their own case: not the reviewer who scored it, not the agent whose work it is
  resolve: {
    from: ['disputed'],
    to: 'dispute-resolved',
    may: (actor, row) => isLead(actor.role) && !isReviewer(actor, row) && !isReviewee(actor, row),
    who: 'a lead or an admin who is neither its reviewer nor its reviewee',
  },
} satisfies Record<string, Transition>;

/** Of a transition's status checks, the first that fails, as its error. */
function checkTransition(rule: Transition, action: string, actor: Actor, row: EvaluationRow, lockVersion: number | undefined, what = 'this evaluation'): void {
  if (!rule.may(actor, row)) throw forbidden(`only ${rule.who} may ${action} ${what}`);
  if (!rule.from.includes(row.status)) throw unprocessable(`cannot ${action} an evaluation that is ${row.status}`);
  checkLock(row, lockVersion);
}

interface Cursor {
  at: string;
  id: string;
}
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.at, c.id])).toString('base64url');
function decodeCursor(raw: string): Cursor {
  try {
    const [at, id] = z
      .tuple([Instant, Uuid])
      .parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return { at, id };
  } catch {
    throw badRequest(['cursor: is not a cursor this API returned']);
  }
}

/** The history entry and audit row of one change of an evaluation (`evaluation.<action>` in the audit log). */
async function journal(
  tx: Queryable,
  actor: Actor,
  row: EvaluationRow,
  at: Date,
  action: string,
  auditDetail: Record<string, unknown>,
  historyDetail: Record<string, unknown> = {},
): Promise<void> {
  await appendHistory(tx, { account: row.account, snapshot: evaluationView(row), at, actorId: actor.userId, action, detail: historyDetail });
  await audit(tx, actor, at, `evaluation.${action}`, 'evaluation', row.id, auditDetail);
}

/**
 * The evaluation, 404 when unknown in this account or a calibration evaluation still blind to the actor
 * (calibrationVisible), 403 when the actor may not read it.
 */
async function readable(q: Queryable, actor: Actor, id: string, forUpdate = false): Promise<EvaluationRow> {
  const row = await findEvaluation(q, actor.account, id, forUpdate);
  if (!row) throw notFound('evaluation');
  if (!mayRead(actor, row)) throw forbidden('an agent may read only their own evaluations');
  if (row.kind === 'calibration' && !(await calibrationVisibleTo(q, actor, row.id))) throw notFound('evaluation');
  return row;
}

async function definitionFor(q: Queryable, row: EvaluationRow): Promise<ScorecardDefinition> {
  const version = await findVersion(q, row.account, row.scorecard_id, row.scorecard_version);
  return definitionOf(version!.definition);
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
      if (body.kind === 'review' && body.revieweeId === actor.userId) throw selfReview();
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
      answers = answerRows(version.definition, scored, result);
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
    if (!isStaff(actor.role)) {
      if (filter.revieweeId !== undefined && filter.revieweeId !== actor.userId) {
        throw forbidden('an agent may read only their own evaluations');
      }
      filter.revieweeId = actor.userId;
    }
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
      if (!mayAmend(actor, old)) throw forbidden('a reviewer may amend only their own evaluations');
      const revieweeId = body.revieweeId ?? old.reviewee_id;
      if (ownWork(actor, old) || (old.kind === 'review' && revieweeId === actor.userId && !isReviewer(actor, old))) {
        throw forbidden('no one amends an evaluation of their own work');
      }
      if (old.kind === 'review' && revieweeId === old.reviewer_id) throw selfReview();
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

  /** A status change from TRANSITIONS; `dispute` (when given) checks the locked row and makes its dispute. */
  async function transition(
    actor: Actor,
    id: string,
    action: 'withdraw' | 'acknowledge' | 'dispute',
    lockVersion: number | undefined,
    now: Date,
    dispute?: (row: EvaluationRow, definition: ScorecardDefinition) => StoredDispute,
  ): Promise<EvaluationView> {
    const rule: Transition = TRANSITIONS[action];
    const row = await db.transaction(async (tx) => {
      const old = await readable(tx, actor, id, true);
      checkTransition(rule, action, actor, old, lockVersion);
      const next = dispute ? dispute(old, await definitionFor(tx, old)) : old.dispute;
      const row = await updateStatus(tx, old, rule.to, next, now);
      await journal(tx, actor, row, now, action, { from: old.status, to: rule.to, lockVersion: row.lock_version });
      return row;
    });
    return evaluationView(row);
  }

  /** The reviewee disputes the evaluation, or some of its criteria (each must be one of its scorecard's). */
  function raiseDispute(actor: Actor, id: string, d: Dispute, now: Date): Promise<EvaluationView> {
    return transition(actor, id, 'dispute', d.lockVersion, now, (_row, definition) => {
      const known = new Set(allCriteria(definition).map(({ criterion }) => criterion.id));
      const unknown = d.criterionIds.filter((c) => !known.has(c));
      if (unknown.length > 0) throw unprocessable('the dispute names criteria this scorecard does not have', unknown.map((c) => `criterionIds: no criterion "${c}"`));
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
  async function resolve(actor: Actor, id: string, body: DisputeResolution, now: Date): Promise<EvaluationView> {
    const rule: Transition = TRANSITIONS.resolve;
    const row = await db.transaction(async (tx) => {
      const old = await readable(tx, actor, id, true);
      checkTransition(rule, 'resolve', actor, old, body.lockVersion, 'this dispute');
      const resolutionId = randomUUID();
      const dispute: StoredDispute = {
        ...old.dispute!,
        outcome: body.outcome,
        note: body.note,
        resolvedBy: actor.userId,
        resolvedAt: now.toISOString(),
        resolutionId,
      };
      const resolved = (row: EvaluationRow) => ({ from: old.status, to: rule.to, outcome: body.outcome, resolutionId, lockVersion: row.lock_version });
      if (body.outcome === 'rejected') {
        const row = await updateStatus(tx, old, rule.to, dispute, now);
        await journal(tx, actor, row, now, 'resolve', resolved(row), { resolutionId, outcome: body.outcome });
        return row;
      }
      const definition = await definitionFor(tx, old);
      const all = allCriteria(definition).map(({ criterion }) => criterion.id);
      const disputed = old.dispute!.criterionIds.length > 0 ? old.dispute!.criterionIds : all;
      const given = body.answers ?? [];
      const issues = [
        ...given.flatMap((a, i) => (disputed.includes(a.criterionId) ? [] : [`answers[${i}].criterionId: "${a.criterionId}" was not disputed`])),
        ...disputed.filter((c) => !given.some((a) => a.criterionId === c)).map((c) => `answers: the disputed criterion "${c}" has no new answer`),
      ];
      if (issues.length > 0) {
        throw unprocessable(`an upheld dispute amends the disputed criteria: send answers for exactly ${disputed.map((c) => `"${c}"`).join(', ')}`, issues);
      }
      // the new answers take the disputed criteria's places; the others stay as they were
      const replaced = new Map(given.map((a) => [a.criterionId, a]));
      const merged = [...old.answers.map((a) => replaced.get(a.criterionId) ?? a), ...given.filter((a) => !old.answers.some((o) => o.criterionId === a.criterionId))];
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
        status: rule.to,
        dispute,
      });
      await replaceAnswerRows(tx, actor.account, old.id, old.created_at, answerRows(definition, answers, result));
      await journal(tx, actor, row, now, 'amend', { finalScore: { from: old.final_score, to: row.final_score }, resolutionId, criterionIds, lockVersion: row.lock_version }, { resolutionId, criterionIds });
      await journal(tx, actor, row, now, 'resolve', resolved(row), { resolutionId, outcome: body.outcome });
      return row;
    });
    return evaluationView(row);
  }

  return {
    create,
    list,
    read,
    amend,
    withdraw: (actor: Actor, id: string, body: StatusChange, now: Date) => transition(actor, id, 'withdraw', body.lockVersion, now),
    acknowledge: (actor: Actor, id: string, body: StatusChange, now: Date) => transition(actor, id, 'acknowledge', body.lockVersion, now),
    dispute: raiseDispute,
    resolve,
  };
}

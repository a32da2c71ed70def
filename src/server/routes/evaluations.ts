import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { checkAnswers, type Answers } from '../../core/answers.ts';
import { EvaluationListQuery, type Page } from '../../core/api.ts';
import { Dispute, DisputeResolution, EvaluationAmend, EvaluationCreate, StatusChange, type EvaluationStatus } from '../../core/evaluation.ts';
import { allCriteria, type ScorecardDefinition } from '../../core/scorecard.ts';
import { Instant, Uuid } from '../../core/text.ts';
import { scoreEvaluation, type ScoreResult } from '../../core/scoring.ts';
import { LEADS, STAFF, actorOf, requireRole, type Actor, type AppEnv } from '../auth.ts';
import type { Queryable } from '../db/db.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError, badRequest, conflict, forbidden, notFound, parseOrThrow, readJson, unprocessable } from '../errors.ts';
import { checkCalibrationSubmission } from '../services/calibration.ts';
import { calibrationVisible, calibrationVisibleTo } from '../store/calibration.ts';
import { deleteDraftsFor } from '../store/drafts.ts';
import {
  answerRows,
  canonicalJson,
  evaluationView,
  evaluationWriter,
  findEvaluation,
  historyOf,
  insertAnswerRows,
  sha256Hex,
  updateScoring,
  updateStatus,
  withMetricAnswers,
  type AnswerRow,
  type EvaluationRow,
  type EvaluationView,
  type StoredDispute,
} from '../store/evaluations.ts';
import { appendHistory, audit } from '../store/journal.ts';
import { definitionOf, findVersion, publishedVersionCache } from '../store/scorecards.ts';

/** Path ids in their one spelling (lower case), as the create stores them. */
const EvaluationId = z.object({ id: Uuid });
const archived = () => unprocessable('this scorecard is archived');

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

const selfReview = () =>
  unprocessable('no one reviews themselves: revieweeId is the reviewer’s own user id (use kind "self-review" for a self-assessment)');

/** 409 unless `sent` (when given) is the evaluation's current lock version. */
function checkLock(row: EvaluationRow, sent: number | undefined): void {
  if (sent !== undefined && sent !== row.lock_version) {
    throw conflict(
      `this evaluation changed since you read it (lockVersion ${sent}, now ${row.lock_version}): reload it and apply your change again`,
    );
  }
}

/** An optional JSON body: empty is `{}`. */
async function optionalJson(req: { text(): Promise<string> }): Promise<unknown> {
  const text = await req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest(['(root): body must be valid JSON']);
  }
}

const isReviewee = (actor: Actor, row: EvaluationRow) => actor.userId === row.reviewee_id;
const isReviewer = (actor: Actor, row: EvaluationRow) => actor.userId === row.reviewer_id;
const isLead = (actor: Actor) => LEADS.includes(actor.role);
/** A review of the actor's own work (self-reviews and calibration are not reviews of anyone's work by someone else). */
const ownWork = (actor: Actor, row: EvaluationRow) => row.kind === 'review' && isReviewee(actor, row);

/** Who may read an evaluation: staff of the account, or the agent whose work it is. */
const mayRead = (actor: Actor, row: EvaluationRow) => STAFF.includes(actor.role) || isReviewee(actor, row);
/** Who may change the scoring: the reviewer who wrote it, or a lead or admin. */
const mayAmend = (actor: Actor, row: EvaluationRow) => isLead(actor) || (actor.role === 'reviewer' && isReviewer(actor, row));

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
    may: (actor, row) => isLead(actor) && !isReviewer(actor, row) && !isReviewee(actor, row),
    who: 'a lead or an admin who is neither its reviewer nor its reviewee',
  },
} satisfies Record<string, Transition>;

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

/** Evaluations: reviewers, leads and admins write; agents read their own. */
export function evaluationsRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  const versions = publishedVersionCache();
  const writer = evaluationWriter(db);

  r.post('/', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, STAFF, 'create evaluations');
    const body = parseOrThrow(EvaluationCreate, await readJson(c.req));
    // client-sent scores are accepted by the schema and dropped here: the server scores
    const { rawScore: _r, finalScore: _f, passed: _p, criticalFailures: _c, ...request } = body;
    const hash = sha256Hex(canonicalJson({ ...request, reviewerId: actor.userId }));

    const replay = async (): Promise<Response> => {
      const stored = await findEvaluation(db, actor.account, body.id);
      if (!stored) throw new Error('evaluation vanished between insert conflict and read');
      if (stored.request_hash !== hash) throw conflict('an evaluation with this id already exists with different content');
      return c.json(evaluationView(stored), 200);
    };
    /** A retry of a stored evaluation is answered from the store, whatever changed since (archived card, closed session). */
    const replayOr = async (err: unknown): Promise<Response> => {
      if (err instanceof ApiError && (await findEvaluation(db, actor.account, body.id))) return replay();
      throw err;
    };

    let row: EvaluationRow;
    let answerRowsOf: AnswerRow[];
    try {
      const version = await versions.get(db, actor.account, body.scorecardId, body.scorecardVersion);
      if (!version) throw notFound('scorecard version');
      if (version.cardStatus === 'archived') throw archived();
      if (!version.definition) throw unprocessable(`version ${version.version} of this scorecard is not published`);
      if (body.kind === 'review' && body.revieweeId === actor.userId) throw selfReview();
      await checkCalibrationSubmission(db, actor, body);
      const metrics = body.metrics ?? null;
      const answers = withMetricAnswers(version.definition, body.answers, metrics);
      const result = score(version.definition, answers);
      const now = clock.now();
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
        answers,
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
      answerRowsOf = answerRows(version.definition, answers, result);
    } catch (err) {
      return replayOr(err);
    }
    // one statement (one round trip, one transaction, maybe shared with concurrent creates): the evaluation, its answer rows, history and audit row
    const created = await writer.create({ row, answers: answerRowsOf, actorRole: actor.role });
    if (created.row) return c.json(evaluationView(created.row), 201);
    if (created.cardStatus === null) return replayOr(notFound('scorecard version'));
    if (created.cardStatus === 'archived') return replayOr(archived());
    return replay(); // the id was taken: a retry, concurrent or not
  });

  r.get('/', async (c) => {
    const actor = actorOf(c);
    const query = parseOrThrow(EvaluationListQuery, c.req.query());
    if (!STAFF.includes(actor.role)) {
      // agents see their own work only: asking for someone else's is refused, not silently emptied
      if (query.revieweeId !== undefined && query.revieweeId !== actor.userId) {
        throw forbidden('an agent may read only their own evaluations');
      }
      query.revieweeId = actor.userId;
    }
    const where = ['account = $1'];
    const params: unknown[] = [actor.account];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (query.ticketId !== undefined) add('ticket_id = ?', query.ticketId);
    if (query.revieweeId !== undefined) add('reviewee_id = ?', query.revieweeId);
    if (query.reviewerId !== undefined) add('reviewer_id = ?', query.reviewerId);
    if (query.scorecardId !== undefined) add('scorecard_id = ?', query.scorecardId);
    // withdrawn evaluations are listed only when asked for
    if (query.status !== undefined) add('status = ?', query.status);
    else where.push(`status <> 'withdrawn'`);
    add(calibrationVisible(actor, '?'), actor.userId);
    if (query.cursor !== undefined) {
      const cursor = decodeCursor(query.cursor);
      params.push(cursor.at, cursor.id);
      where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(query.limit + 1);
    const rows = await db.query<EvaluationRow>(
      `SELECT * FROM evaluations WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, query.limit).map(evaluationView);
    const last = items[items.length - 1];
    const page: Page<EvaluationView> = {
      items,
      next: rows.length > query.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
    };
    return c.json(page);
  });

  /**
   * The evaluation, 404 when unknown in this account or a calibration evaluation still blind to the actor
   * (calibrationVisible), 403 when the actor may not read it.
   */
  async function readable(q: Queryable, actor: Actor, rawId: string, forUpdate = false): Promise<EvaluationRow> {
    const { id } = parseOrThrow(EvaluationId, { id: rawId });
    const row = await findEvaluation(q, actor.account, id, forUpdate);
    if (!row) throw notFound('evaluation');
    if (!mayRead(actor, row)) throw forbidden('an agent may read only their own evaluations');
    if (row.kind === 'calibration' && !(await calibrationVisibleTo(q, actor, row.id))) throw notFound('evaluation');
    return row;
  }

  r.get('/:id', async (c) => {
    const actor = actorOf(c);
    const row = await readable(db, actor, c.req.param('id'));
    return c.json({ ...evaluationView(row), history: await historyOf(db, actor.account, row.id) });
  });

  r.put('/:id', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, STAFF, 'amend evaluations');
    const body = parseOrThrow(EvaluationAmend, await readJson(c.req));
    const now = clock.now();
    const row = await db.transaction(async (tx) => {
      const old = await readable(tx, actor, c.req.param('id'), true);
      if (!mayAmend(actor, old)) throw forbidden('a reviewer may amend only their own evaluations');
      const revieweeId = body.revieweeId ?? old.reviewee_id;
      if (ownWork(actor, old) || (old.kind === 'review' && revieweeId === actor.userId && !isReviewer(actor, old))) {
        throw forbidden('no one amends an evaluation of their own work');
      }
      if (old.kind === 'review' && revieweeId === old.reviewer_id) throw selfReview();
      if (old.status === 'withdrawn') throw unprocessable('this evaluation was withdrawn');
      checkLock(old, body.lockVersion);
      const definition = await definitionFor(tx, old);
      const metrics = evaluationView(old).metrics;
      const answers = withMetricAnswers(definition, body.answers, metrics);
      const result = score(definition, answers);
      const row = await updateScoring(tx, old, {
        answers,
        overallComment: body.overallComment ?? old.overall_comment,
        revieweeId,
        score: result,
        at: now,
      });
      await tx.query('DELETE FROM evaluation_answers WHERE account = $1 AND evaluation_id = $2', [actor.account, old.id]);
      await insertAnswerRows(tx, actor.account, old.id, old.created_at, definition, answers, result);
      await deleteDraftsFor(tx, actor.account, actor.userId, old.id);
      await appendHistory(tx, { account: row.account, snapshot: evaluationView(row), at: now, actorId: actor.userId, action: 'amend', detail: row.changed_since_acknowledgement && !old.changed_since_acknowledgement ? { changedSinceAcknowledgement: true } : {} });
      await audit(tx, actor, now, 'evaluation.amend', 'evaluation', old.id, {
        finalScore: { from: old.final_score, to: row.final_score },
        lockVersion: row.lock_version,
        ...(row.reviewee_id !== old.reviewee_id ? { revieweeId: { from: old.reviewee_id, to: row.reviewee_id } } : {}),
        ...(row.status !== old.status ? { status: { from: old.status, to: row.status } } : {}),
      });
      return row;
    });
    return c.json(evaluationView(row));
  });

  async function definitionFor(q: Queryable, row: EvaluationRow): Promise<ScorecardDefinition> {
    const version = await findVersion(q, row.account, row.scorecard_id, row.scorecard_version);
    return definitionOf(version!.definition);
  }

  /** A status change from TRANSITIONS, with its body parsed by `parse` and folded into the dispute. */
  function transition<K extends 'withdraw' | 'acknowledge' | 'dispute'>(
    action: K,
    parse: (body: unknown) => {
      lockVersion?: number | undefined;
      check?: (row: EvaluationRow, definition: ScorecardDefinition) => void;
      apply?: (row: EvaluationRow, actor: Actor, at: Date) => StoredDispute;
    },
  ) {
    const rule: Transition = TRANSITIONS[action];
    r.post(`/:id/${action}`, async (c) => {
      const actor = actorOf(c);
      const body = parse(action === 'dispute' ? await readJson(c.req) : await optionalJson(c.req));
      const now = clock.now();
      const row = await db.transaction(async (tx) => {
        const old = await readable(tx, actor, c.req.param('id') ?? '', true);
        if (!rule.may(actor, old)) throw forbidden(`only ${rule.who} may ${action} this evaluation`);
        if (!rule.from.includes(old.status)) throw unprocessable(`cannot ${action} an evaluation that is ${old.status}`);
        checkLock(old, body.lockVersion);
        if (body.check) body.check(old, await definitionFor(tx, old));
        const dispute = body.apply ? body.apply(old, actor, now) : old.dispute;
        const row = await updateStatus(tx, old, rule.to, dispute, now);
        await appendHistory(tx, { account: row.account, snapshot: evaluationView(row), at: now, actorId: actor.userId, action });
        await audit(tx, actor, now, `evaluation.${action}`, 'evaluation', old.id, { from: old.status, to: rule.to, lockVersion: row.lock_version });
        return row;
      });
      return c.json(evaluationView(row));
    });
  }

  transition('withdraw', (raw) => parseOrThrow(StatusChange, raw));
  transition('acknowledge', (raw) => parseOrThrow(StatusChange, raw));
  transition('dispute', (raw) => {
    const d = parseOrThrow(Dispute, raw);
    return {
      lockVersion: d.lockVersion,
      check: (_row, definition) => {
        const known = new Set(allCriteria(definition).map(({ criterion }) => criterion.id));
        const unknown = d.criterionIds.filter((id) => !known.has(id));
        if (unknown.length > 0) throw unprocessable('the dispute names criteria this scorecard does not have', unknown.map((id) => `criterionIds: no criterion "${id}"`));
      },
      apply: (_row, actor, at) => ({
        reason: d.reason,
        criterionIds: [...new Set(d.criterionIds)],
        raisedBy: actor.userId,
        raisedAt: at.toISOString(),
        outcome: null,
        note: null,
        resolvedBy: null,
        resolvedAt: null,
      }),
    };
  });

  /**
   * Resolve a dispute. Rejected: the score stays. Upheld: the body's `answers` replace the disputed criteria's
   * (all criteria when the dispute named none), and the evaluation is amended, rescored, resolved, its history
   * and audit written, in one transaction; the amendment names the resolution (`detail.resolutionId`).
   */
  r.post('/:id/resolve', async (c) => {
    const actor = actorOf(c);
    const rule: Transition = TRANSITIONS.resolve;
    // the role first: an agent learns nothing from how their body would have been read
    requireRole(actor, LEADS, 'resolve disputes');
    const body = parseOrThrow(DisputeResolution, await readJson(c.req));
    if (body.outcome === 'rejected' && body.answers !== undefined) {
      throw unprocessable('a rejected dispute leaves the score as it is: send no answers');
    }
    const now = clock.now();
    const row = await db.transaction(async (tx) => {
      const old = await readable(tx, actor, c.req.param('id'), true);
      if (!rule.may(actor, old)) throw forbidden(`only ${rule.who} may resolve this dispute`);
      if (!rule.from.includes(old.status)) throw unprocessable(`cannot resolve an evaluation that is ${old.status}`);
      checkLock(old, body.lockVersion);
      const resolutionId = randomUUID();
      const dispute: StoredDispute = {
        ...old.dispute!,
        outcome: body.outcome,
        note: body.note,
        resolvedBy: actor.userId,
        resolvedAt: now.toISOString(),
        resolutionId,
      };
      if (body.outcome === 'rejected') {
        const row = await updateStatus(tx, old, rule.to, dispute, now);
        await appendHistory(tx, { account: row.account, snapshot: evaluationView(row), at: now, actorId: actor.userId, action: 'resolve', detail: { resolutionId, outcome: body.outcome } });
        await audit(tx, actor, now, 'evaluation.resolve', 'evaluation', old.id, { from: old.status, to: rule.to, outcome: body.outcome, resolutionId, lockVersion: row.lock_version });
        return row;
      }
      const definition = await definitionFor(tx, old);
      const all = allCriteria(definition).map(({ criterion }) => criterion.id);
      const disputed = old.dispute!.criterionIds.length > 0 ? old.dispute!.criterionIds : all;
      const given = body.answers ?? [];
      const issues = [
        ...given.flatMap((a, i) => (disputed.includes(a.criterionId) ? [] : [`answers[${i}].criterionId: "${a.criterionId}" was not disputed`])),
        ...disputed.filter((id) => !given.some((a) => a.criterionId === id)).map((id) => `answers: the disputed criterion "${id}" has no new answer`),
      ];
      if (issues.length > 0) {
        throw unprocessable(`an upheld dispute amends the disputed criteria: send answers for exactly ${disputed.map((id) => `"${id}"`).join(', ')}`, issues);
      }
      // the new answers take the disputed criteria's places; the others stay as they were
      const replaced = new Map(given.map((a) => [a.criterionId, a]));
      const merged = [...old.answers.map((a) => replaced.get(a.criterionId) ?? a), ...given.filter((a) => !old.answers.some((o) => o.criterionId === a.criterionId))];
      const answers = withMetricAnswers(definition, merged, evaluationView(old).metrics);
      // a problem is named by its index in the request's answers when it is one of them
      const result = score(definition, answers, (path) => {
        const m = /^\[(\d+)\](.*)$/.exec(path);
        const id = m ? answers[Number(m[1])]?.criterionId : undefined;
        const i = id === undefined ? -1 : given.findIndex((a) => a.criterionId === id);
        return i >= 0 ? `answers[${i}]${m![2]}` : `answers (criterion "${id ?? '?'}")${m ? m[2] : path}`;
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
      await tx.query('DELETE FROM evaluation_answers WHERE account = $1 AND evaluation_id = $2', [actor.account, old.id]);
      await insertAnswerRows(tx, actor.account, old.id, old.created_at, definition, answers, result);
      await appendHistory(tx, { account: row.account, snapshot: evaluationView(row), at: now, actorId: actor.userId, action: 'amend', detail: { resolutionId, criterionIds } });
      await appendHistory(tx, { account: row.account, snapshot: evaluationView(row), at: now, actorId: actor.userId, action: 'resolve', detail: { resolutionId, outcome: body.outcome } });
      await audit(tx, actor, now, 'evaluation.amend', 'evaluation', old.id, {
        finalScore: { from: old.final_score, to: row.final_score },
        resolutionId,
        criterionIds,
        lockVersion: row.lock_version,
      });
      await audit(tx, actor, now, 'evaluation.resolve', 'evaluation', old.id, { from: old.status, to: rule.to, outcome: body.outcome, resolutionId, lockVersion: row.lock_version });
      return row;
    });
    return c.json(evaluationView(row));
  });

  return r;
}

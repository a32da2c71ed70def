import { Hono } from 'hono';
import { z } from 'zod';
import { checkAnswers, type Answers } from '../../core/answers.ts';
import { EvaluationListQuery, type Page } from '../../core/api.ts';
import { Dispute, DisputeResolution, EvaluationAmend, EvaluationCreate, type EvaluationStatus } from '../../core/evaluation.ts';
import type { ScorecardDefinition } from '../../core/scorecard.ts';
import { scoreEvaluation, type ScoreResult } from '../../core/scoring.ts';
import { audit } from '../audit.ts';
import { LEADS, STAFF, actorOf, requireRole, type Actor, type AppEnv } from '../auth.ts';
import type { Queryable } from '../db/db.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError, badRequest, conflict, forbidden, notFound, parseOrThrow, readJson, unprocessable } from '../errors.ts';
import {
  answerRows,
  appendHistory,
  canonicalJson,
  evaluationView,
  evaluationWriter,
  findEvaluation,
  historyOf,
  insertAnswerRows,
  sha256Hex,
  withMetricAnswers,
  type AnswerRow,
  type EvaluationRow,
  type EvaluationView,
  type StoredDispute,
} from '../store/evaluations.ts';
import { definitionOf, findVersion, publishedVersionCache } from '../store/scorecards.ts';
import { calibrationVisible, checkCalibrationSubmission } from './calibration.ts';

const EvaluationId = z.uuid();
const archived = () => unprocessable('this scorecard is archived');

/** The scored answers, or a 422 naming each problem by its path in `answers`. */
function score(card: ScorecardDefinition, answers: Answers): ScoreResult {
  const problems = checkAnswers(card, answers, { requireComments: true });
  if (problems.length > 0) {
    throw unprocessable(
      'the answers do not fit the scorecard',
      problems.map((p) => `answers${p.path}: ${p.message}`),
    );
  }
  return scoreEvaluation(card, answers);
}

const isReviewee = (actor: Actor, row: EvaluationRow) => actor.userId === row.reviewee_id;
const isReviewer = (actor: Actor, row: EvaluationRow) => actor.userId === row.reviewer_id;
const isLead = (actor: Actor) => LEADS.includes(actor.role);

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
  resolve: {
    from: ['disputed'],
    to: 'dispute-resolved',
    may: (actor, row) => isLead(actor) || isReviewer(actor, row),
    who: 'its reviewer, a lead or an admin',
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
      .tuple([z.iso.datetime(), z.uuid()])
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
      await checkCalibrationSubmission(db, actor, body);
      const metrics = body.metrics ?? null;
      const answers = withMetricAnswers(version.definition, body.answers, metrics);
      const result = score(version.definition, answers);
      const now = clock.now();
      row = {
        account: actor.account,
        id: body.id.toLowerCase(), // as PostgreSQL prints a uuid
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
    if (!LEADS.includes(actor.role)) add(calibrationVisible(actor, '?'), actor.userId);
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

  /** The evaluation, 404 when unknown in this account, 403 when the actor may not read it. */
  async function readable(q: Queryable, actor: Actor, rawId: string, forUpdate = false): Promise<EvaluationRow> {
    const id = parseOrThrow(EvaluationId.describe('id'), rawId);
    const row = await findEvaluation(q, actor.account, id, forUpdate);
    if (!row) throw notFound('evaluation');
    if (!mayRead(actor, row)) throw forbidden('an agent may read only their own evaluations');
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
      if (old.status === 'withdrawn') throw unprocessable('this evaluation was withdrawn');
      const version = await findVersion(tx, actor.account, old.scorecard_id, old.scorecard_version);
      const definition = definitionOf(version!.definition);
      const metrics = evaluationView(old).metrics;
      const answers = withMetricAnswers(definition, body.answers, metrics);
      const result = score(definition, answers);
      const [row] = await tx.query<EvaluationRow>(
        `UPDATE evaluations SET answers = $3, overall_comment = $4, reviewee_id = $5, raw_score = $6, final_score = $7,
           passed = $8, critical_failures = $9, critical_failed = $10, updated_at = $11
         WHERE account = $1 AND id = $2 RETURNING *`,
        [
          actor.account,
          old.id,
          JSON.stringify(answers),
          body.overallComment ?? old.overall_comment,
          body.revieweeId ?? old.reviewee_id,
          result.rawScore,
          result.finalScore,
          result.passed,
          result.criticalFailures,
          result.criticalFailures.length > 0,
          now,
        ],
      );
      await tx.query('DELETE FROM evaluation_answers WHERE account = $1 AND evaluation_id = $2', [actor.account, old.id]);
      await insertAnswerRows(tx, actor.account, old.id, old.created_at, definition, answers, result);
      await appendHistory(tx, row!, now, actor.userId, 'amend');
      await audit(tx, actor, now, 'evaluation.amend', 'evaluation', old.id, {
        finalScore: { from: old.final_score, to: row!.final_score },
        ...(row!.reviewee_id !== old.reviewee_id ? { revieweeId: { from: old.reviewee_id, to: row!.reviewee_id } } : {}),
      });
      return row!;
    });
    return c.json(evaluationView(row));
  });

  /** A status change from TRANSITIONS, with its body parsed by `parse` and folded into the dispute. */
  function transition<K extends keyof typeof TRANSITIONS>(
    action: K,
    parse: (body: unknown) => ((row: EvaluationRow, actor: Actor, at: Date) => StoredDispute) | null,
  ) {
    const rule: Transition = TRANSITIONS[action];
    r.post(`/:id/${action}`, async (c) => {
      const actor = actorOf(c);
      const apply = parse(action === 'dispute' || action === 'resolve' ? await readJson(c.req) : null);
      const now = clock.now();
      const row = await db.transaction(async (tx) => {
        const old = await readable(tx, actor, c.req.param('id') ?? '', true);
        if (!rule.may(actor, old)) throw forbidden(`only ${rule.who} may ${action} this evaluation`);
        if (!rule.from.includes(old.status)) throw unprocessable(`cannot ${action} an evaluation that is ${old.status}`);
        const dispute = apply ? apply(old, actor, now) : old.dispute;
        const [row] = await tx.query<EvaluationRow>(
          `UPDATE evaluations SET status = $3, dispute = $4, updated_at = $5,
             withdrawn_at = CASE WHEN $3 = 'withdrawn' THEN $5 ELSE withdrawn_at END
           WHERE account = $1 AND id = $2 RETURNING *`,
          [actor.account, old.id, rule.to, dispute ? JSON.stringify(dispute) : null, now],
        );
        await appendHistory(tx, row!, now, actor.userId, action);
        await audit(tx, actor, now, `evaluation.${action}`, 'evaluation', old.id, { from: old.status, to: rule.to });
        return row!;
      });
      return c.json(evaluationView(row));
    });
  }

  transition('withdraw', () => null);
  transition('acknowledge', () => null);
  transition('dispute', (raw) => {
    const d = parseOrThrow(Dispute, raw);
    return (_row, actor, at) => ({
      reason: d.reason,
      criterionIds: d.criterionIds,
      raisedBy: actor.userId,
      raisedAt: at.toISOString(),
      outcome: null,
      note: null,
      resolvedBy: null,
      resolvedAt: null,
    });
  });
  transition('resolve', (raw) => {
    const d = parseOrThrow(DisputeResolution, raw);
    return (row, actor, at) => ({ ...row.dispute!, outcome: d.outcome, note: d.note, resolvedBy: actor.userId, resolvedAt: at.toISOString() });
  });

  return r;
}

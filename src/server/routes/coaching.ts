import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { CoachingListQuery, CoachingNoteCreate, type CoachingNote } from '../../core/coaching.ts';
import { audit } from '../audit.ts';
import { LEADS, STAFF, actorOf, requireRole, type Actor, type AppEnv } from '../auth.ts';
import type { Queryable } from '../db/db.ts';
import type { AppDeps } from '../deps.ts';
import { forbidden, notFound, parseOrThrow, readJson } from '../errors.ts';
import { pathId } from '../edge.ts';
import { iso } from '../store/scorecards.ts';
import { findEvaluation } from '../store/evaluations.ts';

interface NoteRow {
  id: string;
  evaluation_id: string;
  agent_id: number;
  author_id: number;
  body: string;
  created_at: Date;
  acknowledged_at: Date | null;
}

const view = (n: NoteRow): CoachingNote => ({
  id: n.id,
  evaluationId: n.evaluation_id,
  agentId: n.agent_id,
  authorId: n.author_id,
  body: n.body,
  createdAt: n.created_at.toISOString(),
  acknowledgedAt: iso(n.acknowledged_at),
});

/** Agents read only notes on their own work; staff read all of the account's. */
const mayRead = (actor: Actor, agentId: number) => actor.role !== 'agent' || actor.userId === agentId;

/** Notes on these evaluations the actor may read (agents: only their own), oldest first; the sidebar load uses it. */
export async function coachingNotesOf(q: Queryable, actor: Actor, evaluationIds: readonly string[]): Promise<CoachingNote[]> {
  if (evaluationIds.length === 0) return [];
  const rows = await q.query<NoteRow>(
    'SELECT * FROM coaching_notes WHERE account = $1 AND evaluation_id = ANY($2::uuid[]) AND ($3 OR agent_id = $4) ORDER BY created_at, id LIMIT 500',
    [actor.account, evaluationIds, actor.role !== 'agent', actor.userId],
  );
  return rows.map(view);
}

/** `/coaching-notes`: the evaluation's reviewer or a lead coaches; the agent reads and acknowledges. */
export function coachingRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.post('/', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, STAFF, 'write coaching notes');
    const body = parseOrThrow(CoachingNoteCreate, await readJson(c.req));
    const evaluation = await findEvaluation(db, actor.account, body.evaluationId);
    if (!evaluation || evaluation.kind === 'calibration') throw notFound('evaluation');
    if (!LEADS.includes(actor.role) && evaluation.reviewer_id !== actor.userId) {
      throw forbidden('only the evaluation’s reviewer, a lead or an admin may coach on it');
    }
    const now = clock.now();
    const id = randomUUID();
    const row = await db.transaction(async (tx) => {
      const [saved] = await tx.query<NoteRow>(
        `INSERT INTO coaching_notes (account, id, evaluation_id, agent_id, author_id, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [actor.account, id, evaluation.id, evaluation.reviewee_id, actor.userId, body.body, now],
      );
      await audit(tx, actor, now, 'coaching.create', 'coaching-note', id, { evaluationId: evaluation.id });
      return saved!;
    });
    return c.json(view(row), 201);
  });

  r.get('/', async (c) => {
    const actor = actorOf(c);
    const q = parseOrThrow(CoachingListQuery, c.req.query());
    if (q.agentId !== undefined && !mayRead(actor, q.agentId)) throw forbidden('an agent may only read coaching on their own work');
    const params: unknown[] = [actor.account];
    const where = ['account = $1'];
    if (q.evaluationId) where.push(`evaluation_id = $${params.push(q.evaluationId)}`);
    if (q.agentId) where.push(`agent_id = $${params.push(q.agentId)}`);
    if (actor.role === 'agent') where.push(`agent_id = $${params.push(actor.userId)}`);
    const rows = await db.query<NoteRow>(`SELECT * FROM coaching_notes WHERE ${where.join(' AND ')} ORDER BY created_at DESC LIMIT 500`, params);
    return c.json({ items: rows.map(view) });
  });

  r.post('/:id/acknowledge', async (c) => {
    const actor = actorOf(c);
    const id = pathId(c);
    if (!z.uuid().safeParse(id).success) throw notFound('coaching note');
    const now = clock.now();
    const row = await db.transaction(async (tx) => {
      const [note] = await tx.query<NoteRow>('SELECT * FROM coaching_notes WHERE account = $1 AND id = $2 FOR UPDATE', [actor.account, id]);
      if (!note || !mayRead(actor, note.agent_id)) throw notFound('coaching note');
      if (note.agent_id !== actor.userId) throw forbidden('only the coached agent acknowledges a note');
      if (note.acknowledged_at) return note; // acknowledging twice is harmless
      const [saved] = await tx.query<NoteRow>('UPDATE coaching_notes SET acknowledged_at = $3 WHERE account = $1 AND id = $2 RETURNING *', [
        actor.account,
        id,
        now,
      ]);
      await audit(tx, actor, now, 'coaching.acknowledge', 'coaching-note', id);
      return saved!;
    });
    return c.json(view(row));
  });

  return r;
}

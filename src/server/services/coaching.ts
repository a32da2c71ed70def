import { randomUUID } from 'node:crypto';
import type { CoachingListQuery, CoachingNote, CoachingNoteCreate } from '../../core/coaching.ts';
import { mayAcknowledgeNote, mayCoach, maySeeWorkOf, ownWorkOnly } from '../../core/permissions.ts';
import type { Actor } from '../auth.ts';
import type { Db, Queryable } from '../db/db.ts';
import { forbidden, notFound } from '../errors.ts';
import { findNoteForUpdate, insertNote, listNotes, markAcknowledged, noteView, notesOnEvaluations } from '../store/coaching.ts';
import { findEvaluation } from '../store/evaluations.ts';
import { audit } from '../store/journal.ts';

/** Notes on these evaluations the actor may read (agents: only their own), oldest first. */
export async function coachingNotesOf(q: Queryable, actor: Actor, evaluationIds: readonly string[]): Promise<CoachingNote[]> {
  if (evaluationIds.length === 0) return [];
  return notesOnEvaluations(q, actor.account, evaluationIds, ownWorkOnly(actor));
}

/** A note on an evaluation (not a calibration one) by its reviewer, a lead or an admin, audited in the same transaction. */
export async function writeNote(db: Db, actor: Actor, body: CoachingNoteCreate, now: Date): Promise<CoachingNote> {
  const evaluation = await findEvaluation(db, actor.account, body.evaluationId);
  if (!evaluation || evaluation.kind === 'calibration') throw notFound('evaluation');
  if (!mayCoach(actor, { reviewerId: evaluation.reviewer_id })) {
    throw forbidden('only the evaluation’s reviewer, a lead or an admin may coach on it');
  }
  const id = randomUUID();
  const row = await db.transaction(async (tx) => {
    const saved = await insertNote(tx, {
      account: actor.account,
      id,
      evaluationId: evaluation.id,
      agentId: evaluation.reviewee_id,
      authorId: actor.userId,
      body: body.body,
      at: now,
    });
    await audit(tx, actor, now, 'coaching.create', 'coaching-note', id, { evaluationId: evaluation.id });
    return saved;
  });
  return noteView(row);
}

/** Notes by evaluation or agent; an agent asking about someone else's work is refused, and reads only their own. */
export async function notesFor(q: Queryable, actor: Actor, query: CoachingListQuery): Promise<CoachingNote[]> {
  if (query.agentId !== undefined && !maySeeWorkOf(actor, query.agentId))
    throw forbidden('an agent may only read coaching on their own work');
  return listNotes(q, actor.account, {
    evaluationId: query.evaluationId,
    agentId: query.agentId,
    ownAgentId: ownWorkOnly(actor) ?? undefined,
  });
}

/** The coached agent acknowledges a note (twice is harmless), audited in the same transaction. */
export async function acknowledgeNote(db: Db, actor: Actor, id: string, now: Date): Promise<CoachingNote> {
  const row = await db.transaction(async (tx) => {
    const note = await findNoteForUpdate(tx, actor.account, id);
    if (!note || !maySeeWorkOf(actor, note.agent_id)) throw notFound('coaching note');
    if (!mayAcknowledgeNote(actor, { agentId: note.agent_id })) throw forbidden('only the coached agent acknowledges a note');
    if (note.acknowledged_at) return note;
    const saved = await markAcknowledged(tx, actor.account, id, now);
    await audit(tx, actor, now, 'coaching.acknowledge', 'coaching-note', id);
    return saved;
  });
  return noteView(row);
}

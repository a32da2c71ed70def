import type { CoachingNote } from '../../core/coaching.ts';
import type { Queryable } from '../db/db.ts';
import { iso } from './scorecards.ts';

export interface NoteRow {
  id: string;
  evaluation_id: string;
  agent_id: number;
  author_id: number;
  body: string;
  created_at: Date;
  acknowledged_at: Date | null;
}

export const noteView = (n: NoteRow): CoachingNote => ({
  id: n.id,
  evaluationId: n.evaluation_id,
  agentId: n.agent_id,
  authorId: n.author_id,
  body: n.body,
  createdAt: n.created_at.toISOString(),
  acknowledgedAt: iso(n.acknowledged_at),
});

/** Notes on these evaluations, of one agent's work only when `agentId` is given, oldest first (at most 500). */
export async function notesOnEvaluations(
  q: Queryable,
  account: string,
  evaluationIds: readonly string[],
  agentId: number | null,
): Promise<CoachingNote[]> {
  const rows = await q.query<NoteRow>(
    'SELECT * FROM coaching_notes WHERE account = $1 AND evaluation_id = ANY($2::uuid[]) AND ($3::bigint IS NULL OR agent_id = $3) ORDER BY created_at, id LIMIT 500',
    [account, evaluationIds, agentId],
  );
  return rows.map(noteView);
}

/** Which notes a list asks for: each field given narrows it. */
export interface NoteFilter {
  evaluationId?: string | undefined;
  agentId?: number | undefined;
  /** A second agent condition: the agent asking, who reads only notes on their own work. */
  ownAgentId?: number | undefined;
}

/** The account's notes matching `filter`, newest first (at most 500). */
export async function listNotes(q: Queryable, account: string, filter: NoteFilter): Promise<CoachingNote[]> {
  const params: unknown[] = [account];
  const where = ['account = $1'];
  if (filter.evaluationId) where.push(`evaluation_id = $${params.push(filter.evaluationId)}`);
  if (filter.agentId) where.push(`agent_id = $${params.push(filter.agentId)}`);
  if (filter.ownAgentId !== undefined) where.push(`agent_id = $${params.push(filter.ownAgentId)}`);
  const rows = await q.query<NoteRow>(
    `SELECT * FROM coaching_notes WHERE ${where.join(' AND ')} ORDER BY created_at DESC LIMIT 500`,
    params,
  );
  return rows.map(noteView);
}

export interface NewNote {
  account: string;
  id: string;
  evaluationId: string;
  agentId: number;
  authorId: number;
  body: string;
  at: Date;
}

export async function insertNote(tx: Queryable, n: NewNote): Promise<NoteRow> {
  const [saved] = await tx.query<NoteRow>(
    `INSERT INTO coaching_notes (account, id, evaluation_id, agent_id, author_id, body, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [n.account, n.id, n.evaluationId, n.agentId, n.authorId, n.body, n.at],
  );
  return saved!;
}

/** The note, locked for the caller's transaction. */
export async function findNoteForUpdate(tx: Queryable, account: string, id: string): Promise<NoteRow | null> {
  const [note] = await tx.query<NoteRow>('SELECT * FROM coaching_notes WHERE account = $1 AND id = $2 FOR UPDATE', [account, id]);
  return note ?? null;
}

export async function markAcknowledged(tx: Queryable, account: string, id: string, at: Date): Promise<NoteRow> {
  const [saved] = await tx.query<NoteRow>('UPDATE coaching_notes SET acknowledged_at = $3 WHERE account = $1 AND id = $2 RETURNING *', [
    account,
    id,
    at,
  ]);
  return saved!;
}

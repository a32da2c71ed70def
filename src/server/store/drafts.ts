import type { DraftContent, StoredDraft } from '../../core/draft.ts';
import type { Queryable } from '../db/db.ts';

interface DraftRow {
  ticket_id: string | number;
  slot: string;
  revision: number;
  content: DraftContent;
  updated_at: Date;
}

const view = (r: DraftRow): StoredDraft => ({
  ticketId: Number(r.ticket_id),
  slot: r.slot,
  revision: r.revision,
  content: r.content,
  updatedAt: r.updated_at.toISOString(),
});

export interface DraftKey {
  account: string;
  userId: number;
  ticketId: number;
  slot: string;
}

/** The user's drafts on one ticket, newest first. */
export async function draftsOf(q: Queryable, account: string, userId: number, ticketId: number): Promise<StoredDraft[]> {
  const rows = await q.query<DraftRow>(
    'SELECT ticket_id, slot, revision, content, updated_at FROM drafts WHERE account = $1 AND user_id = $2 AND ticket_id = $3 ORDER BY updated_at DESC, slot',
    [account, userId, ticketId],
  );
  return rows.map(view);
}

export async function draftAt(q: Queryable, k: DraftKey): Promise<StoredDraft | null> {
  const [row] = await q.query<DraftRow>(
    'SELECT ticket_id, slot, revision, content, updated_at FROM drafts WHERE account = $1 AND user_id = $2 AND ticket_id = $3 AND slot = $4',
    [k.account, k.userId, k.ticketId, k.slot],
  );
  return row ? view(row) : null;
}

/**
 * Saves when the stored revision is still `baseRevision` (null: no draft yet); null when another copy saved first.
 * One statement, so two tabs saving at once cannot both win.
 */
export async function saveDraft(
  q: Queryable,
  k: DraftKey,
  baseRevision: number | null,
  content: DraftContent,
  at: Date,
): Promise<StoredDraft | null> {
  const params = [k.account, k.userId, k.ticketId, k.slot, content.evaluationId, content.amends ?? null, JSON.stringify(content), at];
  const rows =
    baseRevision === null
      ? await q.query<DraftRow>(
          `INSERT INTO drafts (account, user_id, ticket_id, slot, revision, evaluation_id, amends, content, updated_at)
           VALUES ($1, $2, $3, $4, 1, $5, $6, $7::jsonb, $8)
           ON CONFLICT (account, user_id, ticket_id, slot) DO NOTHING
           RETURNING ticket_id, slot, revision, content, updated_at`,
          params,
        )
      : await q.query<DraftRow>(
          `UPDATE drafts SET revision = revision + 1, evaluation_id = $5, amends = $6, content = $7::jsonb, updated_at = $8
            WHERE account = $1 AND user_id = $2 AND ticket_id = $3 AND slot = $4 AND revision = $9
           RETURNING ticket_id, slot, revision, content, updated_at`,
          [...params, baseRevision],
        );
  return rows[0] ? view(rows[0]) : null;
}

export async function deleteDraft(q: Queryable, k: DraftKey): Promise<void> {
  await q.query('DELETE FROM drafts WHERE account = $1 AND user_id = $2 AND ticket_id = $3 AND slot = $4', [
    k.account,
    k.userId,
    k.ticketId,
    k.slot,
  ]);
}

/** Once an evaluation is stored, the draft that made it (or amended it) is done: deleted in the same transaction. */
export async function deleteDraftsFor(q: Queryable, account: string, userId: number, evaluationId: string): Promise<void> {
  await q.query('DELETE FROM drafts WHERE account = $1 AND user_id = $2 AND (evaluation_id = $3 OR amends = $3)', [
    account,
    userId,
    evaluationId,
  ]);
}

/** Erasure: drafts by the person (their words about others) and drafts about them (unsent judgements). */
export async function deleteDraftsOfPerson(q: Queryable, account: string, userId: number): Promise<number> {
  const rows = await q.query(
    "DELETE FROM drafts WHERE account = $1 AND (user_id = $2 OR content->>'revieweeId' = $2::text) RETURNING slot",
    [account, userId],
  );
  return rows.length;
}

/** Retention: drafts untouched since `before` are abandoned work. */
export async function deleteDraftsBefore(q: Queryable, account: string, before: Date): Promise<number> {
  const rows = await q.query('DELETE FROM drafts WHERE account = $1 AND updated_at < $2 RETURNING slot', [account, before]);
  return rows.length;
}

import type { DoneCount } from '../../core/coverage.ts';
import type { Queryable } from '../db/db.ts';

/** Reviews done in [from, to) per reviewee and channel: self-reviews and calibration are not monitoring. */
export async function reviewsDone(q: Queryable, account: string, from: Date, to: Date): Promise<DoneCount[]> {
  const rows = await q.query<{ agent_id: number; channel: string | null; count: number }>(
    `SELECT e.reviewee_id AS agent_id, e.channel, count(*)::int AS count FROM evaluations e
      WHERE e.account = $1 AND e.kind = 'review' AND e.status <> 'withdrawn' AND e.created_at >= $2 AND e.created_at < $3
      GROUP BY 1, 2`,
    [account, from, to],
  );
  return rows.map((r) => ({ agentId: r.agent_id, channel: r.channel, count: r.count }));
}

/** Those of `ticketIds` that have a review (not withdrawn), each once. */
export async function reviewedTickets(q: Queryable, account: string, ticketIds: readonly number[]): Promise<number[]> {
  const rows = await q.query<{ ticket_id: number }>(
    `SELECT DISTINCT ticket_id FROM evaluations
      WHERE account = $1 AND ticket_id = ANY($2::bigint[]) AND kind = 'review' AND status <> 'withdrawn'`,
    [account, ticketIds],
  );
  return rows.map((r) => r.ticket_id);
}

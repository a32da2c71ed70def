/**
 * Recently solved tickets as review candidates, read from Zendesk as the signed-in user
 * (docs/decisions/004-ticket-suggestions.md): the ticket list newest first, with metric sets sideloaded
 * (or, where the sideload is not served, the ticket metrics list).
 */
import type { CandidateTicketInput } from '../../../core/coverage.ts';
import { readListPages } from '../../zaf/list-pages.ts';
import type { ZafPort } from '../../zaf/port.ts';

type Loose = Record<string, unknown>;
const isObj = (v: unknown): v is Loose => typeof v === 'object' && v !== null;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const CSAT = new Set(['good', 'bad', 'offered', 'unoffered']);

/** Pure: Zendesk tickets and metric sets -> candidates solved since `since`, with an assignee. */
export function candidatesFrom(tickets: readonly unknown[], metrics: readonly unknown[], since: Date): CandidateTicketInput[] {
  const byTicket = new Map<number, Loose>();
  for (const m of metrics) if (isObj(m) && num(m.ticket_id) !== null) byTicket.set(m.ticket_id as number, m);
  const out: CandidateTicketInput[] = [];
  for (const t of tickets) {
    if (!isObj(t) || (t.status !== 'solved' && t.status !== 'closed')) continue;
    const id = num(t.id);
    const assigneeId = num(t.assignee_id);
    if (id === null || assigneeId === null) continue;
    const m = byTicket.get(id);
    const solvedAt = typeof m?.solved_at === 'string' ? m.solved_at : typeof t.updated_at === 'string' ? t.updated_at : null;
    if (solvedAt === null || Date.parse(solvedAt) < since.getTime()) continue;
    const score = isObj(t.satisfaction_rating) ? t.satisfaction_rating.score : null;
    const resolution = isObj(m?.full_resolution_time_in_minutes) ? num((m.full_resolution_time_in_minutes as Loose).calendar) : null;
    out.push({
      ticketId: id,
      assigneeId,
      channel: isObj(t.via) && typeof t.via.channel === 'string' ? t.via.channel : null,
      subject: typeof t.subject === 'string' ? t.subject.slice(0, 500) : '',
      solvedAt,
      reopens: m ? num(m.reopens) : null,
      csat: typeof score === 'string' && CSAT.has(score) ? (score as CandidateTicketInput['csat']) : null,
      fullResolutionMinutes: resolution,
    });
  }
  return out;
}

// each page is one of the account's API calls, shared with every other app: a few pages are enough
const MAX_PAGES = 3;

export async function readCandidates(zaf: ZafPort, since: Date): Promise<CandidateTicketInput[]> {
  const tickets = await readListPages(
    zaf,
    '/api/v2/tickets.json?sort_by=updated_at&sort_order=desc&per_page=100&include=metric_sets',
    'tickets',
    MAX_PAGES,
    'metric_sets',
  );
  const metrics = tickets.side ?? (await readListPages(zaf, '/api/v2/ticket_metrics.json?per_page=100', 'ticket_metrics', MAX_PAGES)).items;
  return candidatesFrom(tickets.items, metrics, since);
}

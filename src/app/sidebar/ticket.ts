/** The ZAF `ticket` object, the user's locale and Zendesk's ticket metrics, read into what the sidebar uses. */
import type { TicketFacts } from '../../core/matching.ts';
import type { TicketMetrics } from '../../core/metrics.ts';

export interface SidebarTicket extends TicketFacts {
  id: number;
  assigneeId: number | null;
  assigneeName: string | null;
  status: string | null;
  /** ISO time for safe_update's updated_stamp. */
  updatedAt: string | null;
  csat: TicketMetrics['csat'];
}

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (typeof v === 'object' && v !== null ? (v as Loose) : {});
const id = (v: unknown): number | null => {
  const n = typeof v === 'string' && v.trim() ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : null;
};
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const CSAT = new Set(['good', 'bad', 'offered', 'unoffered']);

export function readTicket(raw: unknown, fallbackId: number): SidebarTicket {
  const t = obj(raw);
  const assignee = obj(t.assignee);
  const via = obj(t.via);
  const rating = obj(t.satisfactionRating ?? t.satisfaction_rating);
  const score = str(rating.score) ?? str(t.satisfactionRating);
  return {
    id: id(t.id) ?? fallbackId,
    assigneeId: id(obj(assignee.user).id),
    assigneeName: str(obj(assignee.user).name),
    groupId: id(obj(assignee.group).id),
    // ZAF names it via.channel; some hosts flatten it
    channel: str(via.channel) ?? str(t.viaChannel),
    brandId: id(obj(t.brand).id),
    formId: id(obj(t.form).id),
    tags: Array.isArray(t.tags) ? t.tags.filter((x): x is string => typeof x === 'string') : [],
    status: str(t.status),
    updatedAt: str(t.updatedAt) ?? str(t.updated_at),
    csat: score && CSAT.has(score) ? (score as TicketMetrics['csat']) : null,
  };
}

/** `currentUser.locale` (who the user is comes from the service's boot, never from here). */
export function readLocale(raw: unknown): string | undefined {
  return str(raw) ?? undefined;
}

const calendar = (v: unknown): number | null => {
  const c = obj(v).calendar;
  return typeof c === 'number' && Number.isFinite(c) ? c : null;
};

/** `GET /api/v2/tickets/{id}/metrics`: `ticket_metric` is documented both as an object and as a one-item array. */
export function readMetrics(body: unknown, csat: TicketMetrics['csat']): TicketMetrics {
  const wrapped = obj(body).ticket_metric;
  const m = obj(Array.isArray(wrapped) ? wrapped[0] : wrapped);
  return {
    firstReplyMinutes: calendar(m.reply_time_in_minutes),
    fullResolutionMinutes: calendar(m.full_resolution_time_in_minutes),
    reopens: typeof m.reopens === 'number' ? m.reopens : null,
    csat,
  };
}

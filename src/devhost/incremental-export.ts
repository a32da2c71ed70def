/**
 * Zendesk's incremental exports (https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/
 * and the guide "Using the Incremental Export API"), as a sync reads them:
 *
 * - `GET /api/v2/incremental/tickets/cursor.json?start_time=<unix>` then `?cursor=<after_cursor>`: tickets ordered by
 *   `generated_timestamp` (their last change), `per_page` up to 1000, `include=metric_sets`; each page has
 *   `after_cursor`, `after_url`, `before_cursor`, `before_url` and `end_of_stream`. A ticket changed after the export
 *   began moves behind the cursor and comes again later; the last page's `after_cursor` is where the next export starts.
 * - `GET /api/v2/incremental/users/cursor.json`: users the same way, by `updated_at`.
 * - `GET /api/v2/incremental/ticket_events.json?start_time=<unix>&include=comment_events`: time-based, 1000 events a
 *   page, `next_page` (start_time = `end_time`), `count`, `end_time`, `end_of_stream`; one `Audit` event per ticket update,
 *   its `child_events` carrying the comment (`body`, `author_id`, `public`, ...) with the `comment_events` sideload and
 *   only `comment_present`/`comment_public` without it. Events at `end_time` come again on the next page: time-based
 *   exports may repeat items, as documented.
 *
 * Items changed within the last minute are left out, as documented ("Must be at least one minute in the past"). The
 * endpoints have their own per-minute limit (Faults.exportsPerMinute, 10 as documented) on top of the account's
 * budget. Events are derived from the tickets: an audit per comment (the first one creates the ticket), one for the
 * satisfaction rating, and one for a later change without a comment (the field values the app writes).
 */
import { escapeHtml, json, type ApiResult } from './rest-answers.ts';
import type { ApiCall, RestSerializers } from './zendesk-api.ts';
import type { ZendeskState } from './zendesk-state.ts';
import type { Channel, ZdTicket } from './zendesk-types.ts';

/** The most items a page holds (the default too), as documented. */
export const EXPORT_PAGE_MAX = 1000;
/** Items changed within this many seconds before the request are not exported yet. */
export const EXPORT_DELAY_S = 60;

/** What a 429 of these endpoints says (seen in a sync's log: JSON, unlike the account-wide limit's plain text). */
export const EXPORT_LIMIT_BODY = {
  error: 'APIRateLimitExceeded',
  description: 'Number of allowed incremental export API requests per minute exceeded',
};

interface Entry {
  /** Seconds since the epoch: what start_time and the cursor compare. */
  ts: number;
  id: number;
}
interface EventEntry extends Entry {
  ticket: ZdTicket;
  kind: 'create' | 'comment' | 'rating' | 'change';
  /** The comment the audit adds, for create and comment audits. */
  commentIndex: number;
}
interface Order {
  version: number;
  tickets: Entry[];
  users: Entry[];
  events: EventEntry[];
}

const seconds = (stamp: string) => Math.floor(Date.parse(stamp) / 1000);
const byPosition = (a: Entry, b: Entry) => a.ts - b.ts || a.id - b.id;

// a cursor looks like Zendesk's ("MTU3NjYxMzUzOS4wfHw0Njd8" is "1576613539.0||467|"): the last position read
export function encodeExportCursor(at: Entry): string {
  return Buffer.from(`${at.ts}.0||${at.id}|`).toString('base64');
}
function decodeExportCursor(cursor: string): Entry | null {
  const m = Buffer.from(cursor, 'base64')
    .toString()
    .match(/^(\d+)\.0\|\|(\d+)\|$/);
  return m ? { ts: Number(m[1]), id: Number(m[2]) } : null;
}

/** Index of the first entry after `at` (or at or after `ts` when `inclusive`), by binary search. */
function firstAfter(entries: readonly Entry[], at: Entry, inclusive = false): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const c = byPosition(entries[mid]!, at);
    if (c < 0 || (c === 0 && !inclusive)) low = mid + 1;
    else high = mid;
  }
  return low;
}

// audit ids: above every comment id, stable for the same ticket and change, 8 apart (room for the audit's children)
const AUDIT_BASE = 1_000_000_000;
const auditId = (e: Pick<EventEntry, 'kind' | 'ticket' | 'commentIndex' | 'ts'>) =>
  e.kind === 'rating'
    ? 3 * AUDIT_BASE + e.ticket.id * 8
    : e.kind === 'change'
      ? 4 * AUDIT_BASE + (e.ticket.id * 10_000 + (e.ts % 10_000)) * 8
      : AUDIT_BASE + (e.ticket.comments[e.commentIndex]?.id ?? e.ticket.id) * 8;

function eventsOf(t: ZdTicket): EventEntry[] {
  const events: EventEntry[] = t.comments.map((c, i) => ({
    ts: seconds(c.created_at),
    id: 0,
    ticket: t,
    kind: i === 0 ? 'create' : 'comment',
    commentIndex: i,
  }));
  if (events.length === 0) events.push({ ts: seconds(t.created_at), id: 0, ticket: t, kind: 'create', commentIndex: -1 });
  if (t.satisfaction && t.satisfaction.score !== 'unoffered') {
    events.push({ ts: seconds(t.satisfaction.created_at), id: 0, ticket: t, kind: 'rating', commentIndex: -1 });
  }
  const last = Math.max(...events.map((e) => e.ts));
  const updated = seconds(t.updated_at);
  if (updated > last) events.push({ ts: updated, id: 0, ticket: t, kind: 'change', commentIndex: -1 });
  for (const e of events) e.id = auditId(e);
  return events;
}

// the order of every ticket, user and event, rebuilt after a change to the tickets (a large account has 500k events)
const orders = new WeakMap<ZendeskState, Order>();
function orderOf(state: ZendeskState): Order {
  const cached = orders.get(state);
  if (cached && cached.version === state.version()) return cached;
  const tickets = state.tickets();
  const order: Order = {
    version: state.version(),
    tickets: tickets.map((t) => ({ ts: seconds(t.updated_at), id: t.id })).sort(byPosition),
    users: state.data.users.map((u) => ({ ts: seconds(u.created_at), id: u.id })).sort(byPosition),
    events: tickets.flatMap(eventsOf).sort(byPosition),
  };
  orders.set(state, order);
  return order;
}

/** How the Support UI names a channel in an event's `via` (ticket events carry it as text). */
const VIA_TEXT: Record<Channel, string> = {
  email: 'Mail',
  web: 'Web form',
  chat: 'Chat',
  voice: 'Voice',
  api: 'Web service',
  native_messaging: 'Native messaging',
};

const stampOf = (ts: number) => new Date(ts * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** One ticket event as the export sends it; the comment itself only with the `comment_events` sideload. */
function serializeEvent(e: EventEntry, withComments: boolean) {
  const t = e.ticket;
  const comment = e.commentIndex >= 0 ? t.comments[e.commentIndex] : undefined;
  const flags = { comment_present: comment !== undefined, comment_public: comment?.public ?? false };
  const childVia = { via: VIA_TEXT[t.channel], via_reference_id: null, ...flags };
  const children: Array<Record<string, unknown>> = [];
  if (e.kind === 'create') {
    const created = { status: 'new', subject: t.subject, group_id: t.group_id, assignee_id: t.assignee_id, tags: t.tags };
    Object.entries(created).forEach(([field, value], i) => {
      children.push({ id: e.id + i + 1, ...childVia, [field]: value, event_type: 'Create' });
    });
  }
  if (e.kind === 'change') children.push({ id: e.id + 1, ...childVia, status: t.status, previous_value: null, event_type: 'Change' });
  if (e.kind === 'rating' && t.satisfaction) {
    children.push({
      id: e.id + 1,
      ...childVia,
      score: t.satisfaction.score,
      comment: t.satisfaction.comment ?? '',
      assignee_id: t.assignee_id,
      event_type: 'SatisfactionRating',
    });
  }
  if (comment && withComments) {
    children.push({
      id: comment.id,
      via: { channel: t.channel, source: { from: {}, to: {}, rel: null } },
      via_reference_id: null,
      type: 'Comment',
      author_id: comment.author_id,
      body: comment.body,
      html_body: `<div class="zd-comment" dir="auto"><p dir="auto">${escapeHtml(comment.body)}</p></div>`,
      plain_body: comment.body,
      public: comment.public,
      attachments: [],
      audit_id: e.id,
      created_at: comment.created_at,
      event_type: 'Comment',
    });
  }
  return {
    id: e.id,
    ticket_id: t.id,
    timestamp: e.ts,
    created_at: stampOf(e.ts),
    updater_id: comment?.author_id ?? (e.kind === 'rating' ? t.requester_id : (t.assignee_id ?? -1)),
    via: VIA_TEXT[t.channel],
    system: {},
    merged_ticket_ids: [],
    event_type: 'Audit',
    child_events: children,
  };
}

const invalid = (description: string) => json(400, { error: 'InvalidValue', description });

/** `start_time` as the exports take it: a Unix time at least a minute in the past; else a 400 to answer. */
function startTimeOf(url: URL, now: number): number | ApiResult {
  const raw = url.searchParams.get('start_time');
  if (raw === null || !/^\d+$/.test(raw)) return invalid('start_time must be a Unix epoch time in seconds');
  const start = Number(raw);
  if (start > now - EXPORT_DELAY_S) return invalid('Too recent start_time. Use a start_time at least one minute in the past');
  return start;
}

/** One page of a cursor-based export (tickets or users), from `start_time` or after `cursor`. */
function cursorPage(
  call: ApiCall,
  url: URL,
  now: number,
  entries: readonly Entry[],
  serialize: (page: Entry[]) => Record<string, unknown[]>,
): ApiResult {
  const cursor = url.searchParams.get('cursor');
  let from: number;
  if (cursor !== null) {
    const at = decodeExportCursor(cursor);
    if (!at) return invalid('cursor is not a cursor this export gave');
    from = firstAfter(entries, at);
  } else {
    const start = startTimeOf(url, now);
    if (typeof start !== 'number') return start;
    from = firstAfter(entries, { ts: start, id: Number.MIN_SAFE_INTEGER }, true);
  }
  const perPage = Math.min(EXPORT_PAGE_MAX, Math.max(1, Math.trunc(Number(url.searchParams.get('per_page'))) || EXPORT_PAGE_MAX));
  // what has changed up to a minute ago, in order
  const until = firstAfter(entries, { ts: now - EXPORT_DELAY_S, id: Number.MAX_SAFE_INTEGER });
  const page = entries.slice(from, Math.min(until, from + perPage));
  const last = page.at(-1);
  // an empty page after a cursor keeps it; an empty first page has none (the export starts again from start_time)
  const after = last ? encodeExportCursor(last) : cursor;
  const first = page[0];
  const link = (c: string | null) => {
    if (c === null) return null;
    const next = new URLSearchParams(url.searchParams);
    next.delete('start_time');
    next.set('cursor', c);
    return `${call.baseUrl}${url.pathname}?${next.toString()}`;
  };
  const before = first && from > 0 ? encodeExportCursor(entries[from - 1]!) : null;
  return json(200, {
    ...serialize(page),
    after_url: link(after),
    after_cursor: after,
    before_url: link(before),
    before_cursor: before,
    end_of_stream: from + page.length >= until,
  });
}

/** One page of the time-based ticket event export. */
function eventsPage(call: ApiCall, url: URL, now: number, events: readonly EventEntry[]): ApiResult {
  const start = startTimeOf(url, now);
  if (typeof start !== 'number') return start;
  const withComments = (url.searchParams.get('include') ?? '').split(',').includes('comment_events');
  const from = firstAfter(events, { ts: start, id: Number.MIN_SAFE_INTEGER }, true);
  const until = firstAfter(events, { ts: now - EXPORT_DELAY_S, id: Number.MAX_SAFE_INTEGER });
  let to = Math.min(until, from + EXPORT_PAGE_MAX);
  // a full page takes every event of its last second, so the next page (from end_time) can move on
  while (to > from && to < until && events[to]!.ts === events[to - 1]!.ts) to++;
  const page = events.slice(from, to);
  const last = page.at(-1);
  // the next page starts at end_time, repeating that second's events (documented); a page of one second moves past it
  const endTime = last ? last.ts : start;
  const nextStart = last && page[0]!.ts === last.ts && to < until ? last.ts + 1 : endTime;
  const next = new URLSearchParams(url.searchParams);
  next.set('start_time', String(nextStart));
  return json(200, {
    ticket_events: page.map((e) => serializeEvent(e, withComments)),
    next_page: `${call.baseUrl}${url.pathname}?${next.toString()}`,
    count: page.length,
    end_of_stream: to >= until,
    end_time: endTime,
  });
}

/** The ticket as the export sends it: the Tickets API's record with its `generated_timestamp`. */
const exportedTicket = (ser: RestSerializers, t: ZdTicket) => ({ ...ser.ticket(t), generated_timestamp: seconds(t.updated_at) });

/** Answers an incremental export call, or null when the path is none of them; the caller has spent the budget. */
export function routeIncremental(state: ZendeskState, ser: RestSerializers, call: ApiCall, url: URL, path: string): ApiResult | null {
  if (!path.startsWith('/api/v2/incremental/')) return null;
  const route = path.slice('/api/v2/incremental/'.length);
  if (!['tickets/cursor', 'users/cursor', 'ticket_events'].includes(route)) return null;
  const spent = state.spendExport();
  if (!spent.ok) return json(429, EXPORT_LIMIT_BODY, { 'retry-after': String(spent.retryAfter) });
  const now = Math.floor(state.now().getTime() / 1000);
  const order = orderOf(state);
  if (route === 'ticket_events') return eventsPage(call, url, now, order.events);
  if (route === 'users/cursor') {
    const users = new Map(state.data.users.map((u) => [u.id, u]));
    return cursorPage(call, url, now, order.users, (page) => ({ users: page.map((e) => ser.user(users.get(e.id)!)) }));
  }
  const metricSets = (url.searchParams.get('include') ?? '').split(',').includes('metric_sets');
  return cursorPage(call, url, now, order.tickets, (page) => {
    const tickets = page.map((e) => state.ticket(e.id)!);
    return {
      tickets: tickets.map((t) => exportedTicket(ser, t)),
      ...(metricSets ? { metric_sets: tickets.map(ser.metric) } : {}),
    };
  });
}

/**
 * The sync's reader of one account's Zendesk: the incremental exports (tickets and users by cursor, ticket events by
 * time, as Zendesk documents them) and the groups, a page a call, so the sync stores each page before it asks for the
 * next. Every request is paced by a request budget (a share of the account's per-minute API limit, and the exports'
 * own 10 a minute), has a timeout, is retried with jittered back-off on a 5xx or a network failure, and waits the
 * `retry-after` of a 429 (plain text or JSON, whatever the body). What it spent is counted (`spent()`).
 */
import { z } from 'zod';
import type { AccountConfig, Fetch } from '../deps.ts';
import { zendeskAuthorization, zendeskBaseUrl } from '../identity/zendesk-client.ts';
import { realTimer, requestBudget, takeFrom, type Timer } from './request-budget.ts';

export interface ExportClientOptions {
  /** How the service reaches Zendesk (default: global fetch). */
  fetch?: Fetch;
  /** The account's API limit per minute (Zendesk plans: 200 to 2,500; default 700); Zendesk's `x-rate-limit` header replaces it. */
  accountLimitPerMinute?: number;
  /** The share of that limit the sync may spend (default 0.1: the rest is the other apps' and integrations'). */
  share?: number;
  /** The incremental exports' own limit per minute (default 10, as documented; 30 with the High Volume add-on). */
  exportsPerMinute?: number;
  /** Items a page of an export (default and most: 1000). */
  perPage?: number;
  /** Milliseconds before a request is given up and retried (default 60 s: a page of 1000 tickets is large). */
  timeoutMs?: number;
  /** Retries after a 5xx or a network failure, with back-off, before the sync stops with an error (default 5). */
  retries?: number;
  /** 429s in a row waited out before the sync stops with an error (default 30). */
  rateLimitWaits?: number;
  timer?: Timer;
  /** The jitter's randomness (tests make it fixed). */
  random?: () => number;
}

export const EXPORT_DEFAULTS = {
  accountLimitPerMinute: 700,
  share: 0.1,
  exportsPerMinute: 10,
  perPage: 1000,
  timeoutMs: 60_000,
  retries: 5,
  rateLimitWaits: 30,
} as const;

/** Why the sync stopped, in words an admin can act on (`kind` for the code). */
export class ZendeskSyncError extends Error {
  constructor(
    readonly kind: 'credential' | 'unreachable' | 'rate-limited' | 'refused' | 'shape',
    message: string,
  ) {
    super(message);
  }
}

/** What the client spent: every request sent (retries and 429s included), and the time it waited. */
export interface ExportSpend {
  requests: number;
  rateLimited: number;
  retries: number;
  /** Milliseconds waited for the budget, and for Zendesk's retry-after. */
  budgetWaitMs: number;
  retryAfterWaitMs: number;
  /** Requests a minute the budget allows now. */
  allowedPerMinute: number;
}

const Pair = z.looseObject({ calendar: z.number().nullable().optional(), business: z.number().nullable().optional() }).nullable();
const Ticket = z.looseObject({
  id: z.number(),
  subject: z.string().nullable().optional(),
  via: z.looseObject({ channel: z.string() }),
  status: z.string(),
  group_id: z.number().nullable(),
  brand_id: z.number().nullable().optional(),
  ticket_form_id: z.number().nullable().optional(),
  assignee_id: z.number().nullable(),
  requester_id: z.number().nullable().optional(),
  tags: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
  generated_timestamp: z.number(),
  satisfaction_rating: z
    .looseObject({ id: z.number().nullable().optional(), score: z.string(), comment: z.string().nullable().optional() })
    .nullable()
    .optional(),
});
const MetricSet = z.looseObject({
  ticket_id: z.number(),
  reopens: z.number().nullable().optional(),
  replies: z.number().nullable().optional(),
  solved_at: z.string().nullable().optional(),
  reply_time_in_minutes: Pair.optional(),
  first_resolution_time_in_minutes: Pair.optional(),
  full_resolution_time_in_minutes: Pair.optional(),
  agent_wait_time_in_minutes: Pair.optional(),
  requester_wait_time_in_minutes: Pair.optional(),
  on_hold_time_in_minutes: Pair.optional(),
});
const CursorPage = z.looseObject({
  after_cursor: z.string().nullable(),
  end_of_stream: z.boolean(),
});
const TicketsPage = CursorPage.extend({ tickets: z.array(Ticket), metric_sets: z.array(MetricSet).optional() });
const User = z.looseObject({
  id: z.number(),
  name: z.string(),
  role: z.string(),
  active: z.boolean().optional(),
  updated_at: z.string().optional(),
});
const UsersPage = CursorPage.extend({ users: z.array(User) });
const CommentEvent = z.looseObject({
  id: z.number(),
  event_type: z.literal('Comment'),
  author_id: z.number(),
  body: z.string(),
  public: z.boolean(),
  created_at: z.string().optional(),
});
const ChildEvent = z.looseObject({ event_type: z.string() });
const TicketEvent = z.looseObject({
  id: z.number(),
  ticket_id: z.number(),
  timestamp: z.number(),
  created_at: z.string().optional(),
  child_events: z.array(ChildEvent).default([]),
});
const EventsPage = z.looseObject({
  ticket_events: z.array(TicketEvent),
  next_page: z.string().nullable().optional(),
  end_time: z.number().nullable().optional(),
  end_of_stream: z.boolean(),
});
const Group = z.looseObject({ id: z.number(), name: z.string(), deleted: z.boolean().optional() });
const GroupsPage = z.looseObject({
  groups: z.array(Group),
  meta: z.looseObject({ has_more: z.boolean() }).optional(),
  links: z.looseObject({ next: z.string().nullable().optional() }).optional(),
});

export type ExportedTicket = z.output<typeof Ticket>;
export type ExportedMetricSet = z.output<typeof MetricSet>;
export type ExportedUser = z.output<typeof User>;
export type ExportedGroup = z.output<typeof Group>;

/** A comment as the ticket events carry it, with its ticket. */
export interface ExportedComment {
  id: number;
  ticketId: number;
  authorId: number;
  body: string;
  public: boolean;
  createdAt: string;
}

/** Where a cursor export starts: a Unix time (the first export), or the cursor an earlier page gave. */
export type ExportFrom = { startTime: number } | { cursor: string };

export interface CursorExportPage<T> {
  items: T[];
  /** Where the next page (or, at the end of the stream, the next export) starts; null when Zendesk gave none. */
  afterCursor: string | null;
  endOfStream: boolean;
}

export interface TicketEventsPage {
  /** Every event of the page (a sync keys them by id: time-based pages repeat their last second). */
  eventIds: number[];
  comments: ExportedComment[];
  /** The start_time of the next page, or of the next export at the end of the stream. */
  nextStartTime: number;
  endOfStream: boolean;
}

export interface ExportClient {
  tickets(from: ExportFrom): Promise<CursorExportPage<ExportedTicket> & { metricSets: ExportedMetricSet[] }>;
  users(from: ExportFrom): Promise<CursorExportPage<ExportedUser>>;
  /** One page of ticket events from `startTime`; `comments` asks for their text (the `comment_events` sideload). */
  ticketEvents(startTime: number, options?: { comments?: boolean }): Promise<TicketEventsPage>;
  /** Every group of the account (a few pages at most). */
  groups(): Promise<ExportedGroup[]>;
  spent(): ExportSpend;
}

/** Seconds to wait from a `retry-after` value: seconds, or an HTTP date; null when there is none to read. */
export function retryAfterSeconds(value: string | null, now: number): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

export function exportClient(account: AccountConfig, options: ExportClientOptions = {}): ExportClient {
  const o = { ...EXPORT_DEFAULTS, ...options };
  const fetchImpl: Fetch = options.fetch ?? ((url, init) => fetch(url, init));
  const timer = options.timer ?? realTimer;
  const random = options.random ?? Math.random;
  const base = zendeskBaseUrl(account);
  const authorization = zendeskAuthorization(account);
  const who = `Zendesk (${account.subdomain})`;
  const budget = requestBudget(o.accountLimitPerMinute * o.share);
  const exportsBudget = requestBudget(o.exportsPerMinute);
  const spend = { requests: 0, rateLimited: 0, retries: 0, budgetWaitMs: 0, retryAfterWaitMs: 0 };

  /** Back-off before retry `n` (1, 2, ...): 1 s doubling up to 30 s, each time between half and all of it. */
  const backoffMs = (n: number) => Math.min(30_000, 1000 * 2 ** (n - 1)) * (0.5 + random() / 2);

  async function get<T>(pathOrUrl: string, schema: z.ZodType<T>, what: string, exportEndpoint: boolean): Promise<T> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${base}${pathOrUrl}`;
    let failures = 0;
    let waits = 0;
    for (;;) {
      spend.budgetWaitMs += await takeFrom(exportEndpoint ? [exportsBudget, budget] : [budget], timer);
      spend.requests += 1;
      let res: Response;
      try {
        res = await fetchImpl(url, {
          headers: { authorization, accept: 'application/json' },
          signal: AbortSignal.timeout(o.timeoutMs),
        });
      } catch (e) {
        failures += 1;
        if (failures > o.retries) {
          const reason = e instanceof Error ? e.message : String(e);
          throw new ZendeskSyncError(
            'unreachable',
            `${who} could not be reached after ${failures} tries (${reason}); the sync will try again later`,
          );
        }
        spend.retries += 1;
        await timer.sleep(backoffMs(failures));
        continue;
      }
      // the account's own limit, when Zendesk says it: the share is of that
      const limit = Number(res.headers.get('x-rate-limit'));
      if (limit > 0 && Math.floor(limit * o.share) !== budget.perMinute) budget.setPerMinute(limit * o.share);
      if (res.status === 429) {
        await res.body?.cancel();
        spend.rateLimited += 1;
        waits += 1;
        if (waits > o.rateLimitWaits) {
          throw new ZendeskSyncError(
            'rate-limited',
            `${who} kept answering "too many requests" (${waits} times in a row); the sync will try again later`,
          );
        }
        // Zendesk says how long; without it, the rest of a minute
        const ms = (retryAfterSeconds(res.headers.get('retry-after'), timer.now()) ?? 60) * 1000;
        spend.retryAfterWaitMs += ms;
        await timer.sleep(ms);
        continue;
      }
      if (res.status >= 500) {
        await res.body?.cancel();
        failures += 1;
        if (failures > o.retries) {
          throw new ZendeskSyncError(
            'unreachable',
            `${who} answered ${res.status} (a Zendesk error) ${failures} times; the sync will try again later`,
          );
        }
        spend.retries += 1;
        await timer.sleep(backoffMs(failures));
        continue;
      }
      if (res.status === 401 || res.status === 403) {
        await res.body?.cancel();
        throw new ZendeskSyncError(
          'credential',
          `${who} refused the service's API credential (${res.status}): check the API token and that its user is an admin`,
        );
      }
      if (!res.ok) {
        const text = await res.text();
        let description = text.slice(0, 200);
        try {
          description = String((JSON.parse(text) as { description?: unknown }).description ?? description);
        } catch {}
        throw new ZendeskSyncError('refused', `${who} refused the request for ${what} (${res.status}): ${description}`);
      }
      const parsed = schema.safeParse(await res.json().catch(() => undefined));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ZendeskSyncError('shape', `${who} answered ${what} in an unexpected shape (${issue?.path.join('.')}: ${issue?.message})`);
      }
      return parsed.data;
    }
  }

  const fromQuery = (from: ExportFrom) => ('cursor' in from ? `cursor=${encodeURIComponent(from.cursor)}` : `start_time=${from.startTime}`);

  return {
    async tickets(from) {
      const page = await get(
        `/api/v2/incremental/tickets/cursor.json?${fromQuery(from)}&per_page=${o.perPage}&include=metric_sets`,
        TicketsPage,
        'the ticket export',
        true,
      );
      return { items: page.tickets, metricSets: page.metric_sets ?? [], afterCursor: page.after_cursor, endOfStream: page.end_of_stream };
    },
    async users(from) {
      const page = await get(
        `/api/v2/incremental/users/cursor.json?${fromQuery(from)}&per_page=${o.perPage}`,
        UsersPage,
        'the user export',
        true,
      );
      return { items: page.users, afterCursor: page.after_cursor, endOfStream: page.end_of_stream };
    },
    async ticketEvents(startTime, { comments = true } = {}) {
      const include = comments ? '&include=comment_events' : '';
      const page = await get(
        `/api/v2/incremental/ticket_events.json?start_time=${startTime}${include}`,
        EventsPage,
        'the ticket event export',
        true,
      );
      const found: ExportedComment[] = [];
      for (const event of page.ticket_events) {
        for (const child of event.child_events) {
          const comment = CommentEvent.safeParse(child);
          if (!comment.success) continue;
          const c = comment.data;
          found.push({
            id: c.id,
            ticketId: event.ticket_id,
            authorId: c.author_id,
            body: c.body,
            public: c.public,
            createdAt: c.created_at ?? event.created_at ?? new Date(event.timestamp * 1000).toISOString(),
          });
        }
      }
      // the next page starts where next_page says (its start_time), else at end_time
      const next = page.next_page ? Number(new URL(page.next_page).searchParams.get('start_time')) : Number.NaN;
      const nextStartTime = Number.isFinite(next) ? next : (page.end_time ?? startTime);
      return { eventIds: page.ticket_events.map((e) => e.id), comments: found, nextStartTime, endOfStream: page.end_of_stream };
    },
    async groups() {
      const groups: ExportedGroup[] = [];
      let next: string | null = '/api/v2/groups.json?page[size]=100';
      for (let pages = 0; next && pages < 100; pages++) {
        const page: z.output<typeof GroupsPage> = await get(next, GroupsPage, 'the groups', false);
        groups.push(...page.groups);
        next = page.meta?.has_more ? (page.links?.next ?? null) : null;
      }
      return groups;
    },
    spent() {
      return { ...spend, allowedPerMinute: budget.perMinute };
    },
  };
}

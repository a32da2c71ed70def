/**
 * Runs the checks over an account's synced tickets and stores the results (decision 030): after each sync run, under
 * the sync's lease, only the tickets that are new or changed since their results (or whose results an older check
 * version computed), a bounded batch at a time in ticket id order, so no account is ever read whole; and on demand for
 * one ticket. A ticket without synced text (conversation text off, or gone past retention) gets the metric checks only.
 */
import type { Db, Queryable } from '../db/db.ts';
import type { Clock } from '../deps.ts';
import {
  type CheckedTicket,
  type ChecksKeys,
  commentsOf,
  type ResultRow,
  saveResults,
  staleTickets,
  type TicketToCheck,
  usersOf,
} from '../store/autoqa.ts';
import type { SyncedCommentRow, SyncedTicketRow } from '../store/sync.ts';
import type { Check, CheckResult } from './check.ts';
import { createChecks, runChecks } from './checks.ts';
import { conversationFromSync } from './conversation.ts';

/** The checks that read the ticket's metrics, not its text: the only ones a ticket without text gets. */
export const METRIC_CHECKS: ReadonlySet<string> = new Set(['reply-time', 'resolution-time']);

/** The account's checks, in two sets: every check (a ticket with text) and the metric ones (without). */
export interface CheckSet {
  all: readonly Check[];
  metricOnly: readonly Check[];
  keys: ChecksKeys;
}

const keyOf = (checks: readonly Check[]) => checks.map((c) => `${c.id}:${c.version}`).join(',');

export function checkSet(all: readonly Check[]): CheckSet {
  const metricOnly = all.filter((c) => METRIC_CHECKS.has(c.id));
  return { all, metricOnly, keys: { withText: keyOf(all), withoutText: keyOf(metricOnly) } };
}

let shared: CheckSet | undefined;
/** The checks with the default options, built once per process (the dictionaries take a second or two to load). */
export function defaultCheckSet(): CheckSet {
  shared ??= checkSet(createChecks());
  return shared;
}

export interface RunnerOptions {
  clock: Clock;
  /** Tickets read, checked and written at a time (default 200). */
  batchSize?: number;
  checks?: CheckSet;
  /**
   * Called in each batch's transaction before it is written, and before each batch is read: throws to stop the run
   * (the scheduler's lease is lost, the service is stopping). The batch then is not written.
   */
  fence?: (q: Queryable) => Promise<void>;
}

export interface AutoQaRunResult {
  /** Tickets checked and stored. */
  checked: number;
  batches: number;
  ms: number;
}

/** Stored form of a result: the evidence keeps its comment and span, not the text (read from the comments when shown). */
export function resultRow(ticketId: number, r: CheckResult): ResultRow {
  const evidence = r.evidence.map((e) =>
    e.note === undefined
      ? { commentId: e.commentId, start: e.start, end: e.end }
      : { commentId: e.commentId, start: e.start, end: e.end, note: e.note },
  );
  const base = { ticket_id: ticketId, check_id: r.checkId, check_version: r.version, evidence };
  if (!r.applicable)
    return {
      ...base,
      applicable: false,
      value_bool: null,
      value_num: null,
      scale: null,
      reason: r.reason,
      detail: r.detail,
      details: null,
      language: null,
    };
  return {
    ...base,
    applicable: true,
    value_bool: r.value.type === 'boolean' ? r.value.value : null,
    value_num: r.value.type === 'number' ? r.value.value : null,
    scale: r.value.type === 'number' ? r.value.scale : null,
    reason: null,
    detail: null,
    details: r.details ?? null,
    language: r.language ?? null,
  };
}

/**
 * Checks the tickets (their comments and authors read in one query each) and stores their results in one
 * transaction (after `fence`, when given).
 */
export async function checkTickets(
  db: Db,
  account: string,
  tickets: readonly TicketToCheck[],
  options: Pick<RunnerOptions, 'clock' | 'checks' | 'fence'>,
): Promise<void> {
  if (tickets.length === 0) return;
  const set = options.checks ?? defaultCheckSet();
  const comments = await commentsOf(
    db,
    account,
    tickets.map((t) => t.ticketId),
  );
  const byTicket = new Map<number, SyncedCommentRow[]>();
  for (const c of comments) {
    const list = byTicket.get(Number(c.ticketId));
    if (list) list.push(c);
    else byTicket.set(Number(c.ticketId), [c]);
  }
  const users = await usersOf(db, account, [...new Set(comments.map((c) => Number(c.authorId)))]);
  const checked: CheckedTicket[] = [];
  const rows: ResultRow[] = [];
  for (const ticket of tickets) {
    const own = byTicket.get(Number(ticket.ticketId)) ?? [];
    const withText = own.length > 0;
    const checks = withText ? set.all : set.metricOnly;
    const conversation = conversationFromSync(ticket as SyncedTicketRow, own, users);
    for (const r of await runChecks(checks, conversation)) rows.push(resultRow(ticket.ticketId, r));
    checked.push({
      ticket_id: ticket.ticketId,
      generated_at: ticket.generatedAt,
      updated_at: ticket.updatedAt,
      with_text: withText,
      checks_key: withText ? set.keys.withText : set.keys.withoutText,
    });
  }
  await db.transaction(async (tx) => {
    await options.fence?.(tx);
    await saveResults(tx, account, checked, rows, options.clock.now());
  });
}

/** Checks every new or changed ticket of the account, a batch at a time, until none is left (or `fence` stops it). */
export async function runAutoQa(db: Db, account: string, options: RunnerOptions): Promise<AutoQaRunResult> {
  const started = performance.now();
  const set = options.checks ?? defaultCheckSet();
  const batchSize = options.batchSize ?? 200;
  let after = 0;
  let checked = 0;
  let batches = 0;
  for (;;) {
    await options.fence?.(db);
    const tickets = await staleTickets(db, account, set.keys, after, batchSize);
    if (tickets.length === 0) break;
    await checkTickets(db, account, tickets, { ...options, checks: set });
    checked += tickets.length;
    batches += 1;
    after = tickets[tickets.length - 1]!.ticketId;
    if (tickets.length < batchSize) break;
  }
  return { checked, batches, ms: performance.now() - started };
}

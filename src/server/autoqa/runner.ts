/**
 * Runs the checks over an account's synced tickets and stores the results (decision 030): after each sync run, under
 * the sync's lease, only the tickets that are new or changed since their results (or whose results an older check
 * version computed), a bounded batch at a time in ticket id order, so no account is ever read whole; and on demand for
 * one ticket. A ticket without synced text (conversation text off, or gone past retention) gets the metric checks only.
 */
import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../db/db.ts';
import type { Clock } from '../deps.ts';
import {
  type CheckedTicket,
  type ChecksKeys,
  commentsOf,
  type ResultRow,
  saveResults,
  spellingAllowList,
  staleTickets,
  type TicketToCheck,
  usersOf,
} from '../store/autoqa.ts';
import type { SyncedCommentRow, SyncedTicketRow } from '../store/sync.ts';
import type { Check, CheckResult } from './check.ts';
import { type AccountChecksOptions, createChecks, runChecks } from './checks.ts';
import { conversationFromSync } from './conversation.ts';

/** The checks that read the ticket's metrics, not its text: the only ones a ticket without text gets. */
export const METRIC_CHECKS: ReadonlySet<string> = new Set(['reply-time', 'resolution-time']);

/** The account's checks, in two sets: every check (a ticket with text) and the metric ones (without). */
export interface CheckSet {
  all: readonly Check[];
  metricOnly: readonly Check[];
  keys: ChecksKeys;
}

/**
 * `id:version` of each check; `options` the account's: a spelling allow-list adds its hash to the spelling check's
 * part (`spelling:1#3f2a…`), so changing the list makes the account's results stale. No list: the key as before.
 */
const keyOf = (checks: readonly Check[], spelling: string) =>
  checks.map((c) => `${c.id}:${c.version}${c.id === 'spelling' ? spelling : ''}`).join(',');

/** The hash of an allow-list as the key carries it: in any order and case, the same words give the same key. */
function allowListKey(allowList: readonly string[] | undefined): string {
  const words = [...new Set((allowList ?? []).map((w) => w.toLowerCase()))].sort();
  if (words.length === 0) return '';
  return `#${createHash('sha256').update(words.join('\n')).digest('hex').slice(0, 16)}`;
}

export function checkSet(all: readonly Check[], options: AccountChecksOptions = {}): CheckSet {
  const metricOnly = all.filter((c) => METRIC_CHECKS.has(c.id));
  const spelling = allowListKey(options.allowList);
  return { all, metricOnly, keys: { withText: keyOf(all, spelling), withoutText: keyOf(metricOnly, spelling) } };
}

let shared: CheckSet | undefined;
/** The checks with the default options, built once per process (the dictionaries take a second or two to load). */
export function defaultCheckSet(): CheckSet {
  shared ??= checkSet(createChecks());
  return shared;
}

/** The account's checks with its stored spelling allow-list (the dictionaries are shared; building them is cheap). */
export async function accountCheckSet(q: Queryable, account: string): Promise<CheckSet> {
  const allowList = await spellingAllowList(q, account);
  if (allowList.length === 0) return defaultCheckSet();
  return checkSet(createChecks({ allowList }), { allowList });
}

export interface RunnerOptions {
  clock: Clock;
  /** Tickets read, checked and written at a time (default 200). */
  batchSize?: number;
  /** The checks to run (default: the account's, read once at the start of the run). */
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
  const set = options.checks ?? (await accountCheckSet(db, account));
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

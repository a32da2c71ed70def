/**
 * One sync run of an account: the ticket export (with metrics and CSAT), then the ticket events for the conversations
 * (when conversation text is on), the user export and the groups, each from where the last run left it. Each page is
 * written in one transaction with the position it reached, so a run stopped anywhere (a crash, a restart, an error)
 * goes on from the last page stored: nothing skipped, and nothing counted twice (rows are keyed by Zendesk's ids).
 * The run ends when every export reached its end of stream; what it spent and how it ended go into the sync status.
 */
import type { Db, Queryable } from '../db/db.ts';
import type { Clock } from '../deps.ts';
import {
  recordSyncRun,
  saveSyncPosition,
  type SyncedTicketRow,
  type SyncPosition,
  type SyncStream,
  syncPositions,
  upsertSyncedComments,
  upsertSyncedGroups,
  upsertSyncedTickets,
  upsertSyncedUsers,
} from '../store/sync.ts';
import {
  type CursorExportPage,
  type ExportClient,
  type ExportedMetricSet,
  type ExportedTicket,
  type ExportFrom,
  ZendeskSyncError,
} from './zendesk-export-client.ts';

/**
 * A run stopped on purpose (its lease was lost to another instance, or the service is stopping): the page it was
 * writing is rolled back, and nothing is recorded in the status (the run that goes on records its own).
 */
export class SyncInterrupted extends Error {}

export interface SyncRunOptions {
  clock: Clock;
  /** Conversation text on (the ticket events with their comments) or off (metrics only). */
  comments: boolean;
  /** Where a first export starts (Unix seconds; default 0: the account's whole history). */
  since?: number;
  /**
   * Where the export of the conversations starts at the earliest (Unix seconds; default `since`): text older than the
   * account's retention would be deleted at once, so a first sync need not read it (a year's events are most of its
   * requests), nor an increment after a long pause.
   */
  commentsSince?: number;
  /**
   * Called in each page's transaction after its writes, before it commits: throwing rolls the page back and stops the
   * run (the scheduler's check that it still holds the account's lease, and that the service is not stopping).
   */
  fence?: (tx: Queryable) => Promise<void>;
  /** Called in each page's transaction after its writes, and after it committed (tests stop a run there). */
  onPage?: (stream: SyncStream, phase: 'written' | 'committed') => void | Promise<void>;
}

export interface SyncRunResult {
  /** Null when every export reached its end; else why the run stopped, in plain words. */
  error: string | null;
  pages: number;
  tickets: number;
  comments: number;
  users: number;
  requests: number;
  rateLimited: number;
}

const minutes = (m: ExportedMetricSet['reply_time_in_minutes'] | undefined) => m?.calendar ?? null;

function ticketRow(t: ExportedTicket, metrics: ExportedMetricSet | undefined): SyncedTicketRow {
  return {
    ticketId: t.id,
    subject: t.subject ?? null,
    channel: t.via.channel,
    status: t.status,
    groupId: t.group_id,
    brandId: t.brand_id ?? null,
    formId: t.ticket_form_id ?? null,
    assigneeId: t.assignee_id,
    requesterId: t.requester_id ?? null,
    tags: t.tags,
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    generatedAt: t.generated_timestamp,
    csatScore: t.satisfaction_rating?.score ?? null,
    csatComment: t.satisfaction_rating?.comment ?? null,
    reopens: metrics?.reopens ?? null,
    replies: metrics?.replies ?? null,
    replyMinutes: minutes(metrics?.reply_time_in_minutes),
    firstResolutionMinutes: minutes(metrics?.first_resolution_time_in_minutes),
    fullResolutionMinutes: minutes(metrics?.full_resolution_time_in_minutes),
    solvedAt: metrics?.solved_at ?? null,
  };
}

export async function syncAccount(db: Db, account: string, client: ExportClient, options: SyncRunOptions): Promise<SyncRunResult> {
  const since = options.since ?? 0;
  const counts = { pages: 0, tickets: 0, comments: 0, users: 0 };
  const positions = await syncPositions(db, account);

  /** Writes a page and the position it reached in one transaction. */
  const store = async (stream: SyncStream, write: (tx: Queryable) => Promise<void>, position: SyncPosition) => {
    await db.transaction(async (tx) => {
      await write(tx);
      await saveSyncPosition(tx, account, stream, position, options.clock.now());
      await options.fence?.(tx);
      await options.onPage?.(stream, 'written');
    });
    counts.pages += 1;
    await options.onPage?.(stream, 'committed');
  };

  /** A cursor export to its end of stream, from its stored cursor or `since`. */
  const cursorExport = async <P extends CursorExportPage<unknown>>(
    stream: 'tickets' | 'users',
    read: (from: ExportFrom) => Promise<P>,
    write: (tx: Queryable, page: P) => Promise<void>,
  ) => {
    const stored = positions.get(stream)?.cursor;
    let from: ExportFrom = stored ? { cursor: stored } : { startTime: since };
    for (;;) {
      const page = await read(from);
      // no cursor (nothing since start_time yet): the next run asks from start_time again
      const cursor = page.afterCursor ?? ('cursor' in from ? from.cursor : null);
      await store(stream, (tx) => write(tx, page), { cursor, startTime: null });
      if (page.endOfStream || cursor === null) return;
      from = { cursor };
    }
  };

  const ticketEvents = async () => {
    // from where the last run left it, but never from before the retention window (after a long pause, say)
    let start = Math.max(positions.get('ticket_events')?.startTime ?? since, options.commentsSince ?? since);
    for (;;) {
      const page = await client.ticketEvents(start, { comments: true });
      const rows = page.comments.map((c) => ({
        commentId: c.id,
        ticketId: c.ticketId,
        authorId: c.authorId,
        public: c.public,
        body: c.body,
        createdAt: c.createdAt,
      }));
      await store('ticket_events', (tx) => upsertSyncedComments(tx, account, rows), { cursor: null, startTime: page.nextStartTime });
      counts.comments += rows.length;
      if (page.endOfStream) return;
      if (page.nextStartTime <= start) {
        throw new ZendeskSyncError('shape', `Zendesk (${account}) gave a ticket event page that does not move on from ${start}`);
      }
      start = page.nextStartTime;
    }
  };

  const before = client.spent();
  const finish = async (error: string | null): Promise<SyncRunResult> => {
    // what this run spent (a client may serve several runs)
    const after = client.spent();
    const spent = { requests: after.requests - before.requests, rateLimited: after.rateLimited - before.rateLimited };
    await recordSyncRun(db, account, { at: options.clock.now(), error, ...spent });
    return { error, ...counts, ...spent };
  };
  try {
    await cursorExport(
      'tickets',
      (from) => client.tickets(from),
      async (tx, page) => {
        const metrics = new Map(page.metricSets.map((m) => [m.ticket_id, m]));
        await upsertSyncedTickets(
          tx,
          account,
          page.items.map((t) => ticketRow(t, metrics.get(t.id))),
        );
        counts.tickets += page.items.length;
      },
    );
    if (options.comments) await ticketEvents();
    await cursorExport(
      'users',
      (from) => client.users(from),
      async (tx, page) => {
        const rows = page.items.map((u) => ({
          userId: u.id,
          name: u.name,
          role: u.role,
          active: u.active !== false,
          updatedAt: u.updated_at ?? null,
        }));
        await upsertSyncedUsers(tx, account, rows);
        counts.users += rows.length;
      },
    );
    const groups = await client.groups();
    await db.transaction(async (tx) => {
      await upsertSyncedGroups(
        tx,
        account,
        groups.map((g) => ({ groupId: g.id, name: g.name, deleted: g.deleted === true })),
      );
      await options.fence?.(tx);
    });
  } catch (e) {
    if (e instanceof ZendeskSyncError) return finish(e.message);
    if (e instanceof SyncInterrupted) throw e;
    // anything else (the database, a bug) is recorded in words and thrown on
    await finish(`the sync stopped: ${e instanceof Error ? e.message : String(e)}`).catch(() => {});
    throw e;
  }
  return finish(null);
}

/**
 * The sync on a schedule (issue 15, decision 026): every account with a credential is synced by itself, a first sync
 * and then small increments, an interval after the last run ended (whichever instance ran it). The service keeps
 * nothing in memory that matters, so any number of instances may run this at once on one database: an account is
 * synced under a lease (a row of sync_leases, taken in one statement), so one run at a time syncs it. The lease is
 * renewed in every page's transaction and by a heartbeat; a run that lost it (its instance stalled past the lease, and
 * another took over) cannot commit another page. A holder that crashed leaves a lease that expires.
 *
 * Each run also applies the account's retention of conversation text (all of it when text is off), also when the
 * sync is off: text is personal data.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/db.ts';
import type { AccountConfig, Clock, Fetch } from '../deps.ts';
import { errorFields, type Logger } from '../log.ts';
import { applyConversationRetention, retentionCutoff, syncSettings } from '../services/sync.ts';
import { DEFAULT_SYNC_SETTINGS } from '../../core/sync.ts';
import { acquireSyncLease, ensureSyncSettings, lockedSyncSettings, releaseSyncLease, renewSyncLease, syncStatus } from '../store/sync.ts';
import { SyncInterrupted, type SyncRunResult, syncAccount } from './sync-account.ts';
import { type AutoQaRunResult, runAutoQa } from '../autoqa/runner.ts';
import { type ExportClient, exportClient } from './zendesk-export-client.ts';

export const SCHEDULE_DEFAULTS = {
  /** An account is synced again this long after its last run ended. */
  intervalMs: 5 * 60_000,
  /** How often an instance looks for accounts that are due. */
  checkEveryMs: 30_000,
  /** How long a lease holds without being renewed (a crashed holder's account waits this long at most). */
  leaseMs: 3 * 60_000,
} as const;

export interface SchedulerOptions {
  db: Db;
  accounts: readonly AccountConfig[];
  clock: Clock;
  logger: Logger;
  intervalMs?: number;
  checkEveryMs?: number;
  leaseMs?: number;
  /** This instance's name in the leases (default: host, process and a random part). */
  holder?: string;
  /** How the service reaches Zendesk (default: global fetch). */
  fetch?: Fetch;
  /** The client of an account (default: exportClient with `fetch`); one per account and scheduler, so its budget spans runs. */
  client?: (account: AccountConfig) => ExportClient;
  /** Where a first sync of the tickets and users starts (Unix seconds; default 0: the whole history). */
  since?: number;
  /** Run the automatic checks on the new and changed tickets after each sync run, under its lease (default true; decision 030). */
  autoqa?: boolean;
}

export type AccountTick =
  | { account: string; outcome: 'synced'; run: SyncRunResult; deletedComments: number; autoqa?: AutoQaRunResult | null }
  | { account: string; outcome: 'off'; deletedComments: number }
  | { account: string; outcome: 'not-due' | 'held' | 'busy' }
  | { account: string; outcome: 'interrupted' | 'failed'; reason: string };

export interface SyncScheduler {
  readonly holder: string;
  /** One pass: each account that is due and not synced elsewhere is synced now; resolves when the runs ended. */
  tick(): Promise<AccountTick[]>;
  /** Ticks every `checkEveryMs` (the timer does not keep the process alive). */
  start(): void;
  /** No more ticks; a run going on stops at its next page (rolled back) and releases its lease. */
  stop(): Promise<void>;
}

export function createSyncScheduler(options: SchedulerOptions): SyncScheduler {
  const o = { ...SCHEDULE_DEFAULTS, ...options };
  const { db, clock, logger } = o;
  const holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const makeClient = options.client ?? ((a: AccountConfig) => exportClient(a, options.fetch ? { fetch: options.fetch } : {}));
  const clients = new Map<string, ExportClient>();
  const running = new Map<string, Promise<AccountTick>>();
  let stopping = false;
  let timer: ReturnType<typeof setInterval> | undefined;

  const until = () => new Date(clock.now().getTime() + o.leaseMs);

  async function due(q: Queryable, account: string): Promise<boolean> {
    const { lastRunAt } = await syncStatus(q, account);
    return lastRunAt === null || clock.now().getTime() - lastRunAt.getTime() >= o.intervalMs;
  }

  async function runAccount(config: AccountConfig): Promise<AccountTick> {
    const account = config.subdomain;
    if (!(await due(db, account))) return { account, outcome: 'not-due' };
    if (!(await acquireSyncLease(db, account, holder, clock.now(), until()))) return { account, outcome: 'held' };
    // the lease is renewed while the run waits (a budget, a retry-after); lost, the run stops at its next page
    let lost = false;
    const heartbeat = setInterval(
      () =>
        void renewSyncLease(db, account, holder, until()).then(
          (held) => {
            lost ||= !held;
          },
          () => {},
        ),
      Math.max(1000, o.leaseMs / 3),
    );
    heartbeat.unref?.();
    const held = async (q: Queryable) => {
      if (stopping) throw new SyncInterrupted('the service is stopping');
      if (lost || !(await renewSyncLease(q, account, holder, until()))) throw new SyncInterrupted('the lease went to another instance');
    };
    try {
      // another instance may have ended a run between the check and the lease
      if (!(await due(db, account))) return { account, outcome: 'not-due' };
      await ensureSyncSettings(db, account, DEFAULT_SYNC_SETTINGS);
      const settings = await syncSettings(db, account);
      const now = clock.now();
      if (!settings.enabled) {
        return { account, outcome: 'off', deletedComments: await applyConversationRetention(db, account, settings, now) };
      }
      let client = clients.get(account);
      if (!client) clients.set(account, (client = makeClient(config)));
      const run = await syncAccount(db, account, client, {
        clock,
        comments: settings.conversations,
        since: o.since ?? 0,
        commentsSince: Math.floor(retentionCutoff(settings, now).getTime() / 1000),
        // each page commits only while this instance holds the lease and the settings it started with still stand
        fence: async (tx) => {
          await held(tx);
          const current = await lockedSyncSettings(tx, account, 'share');
          if (!current?.enabled || current.conversations !== settings.conversations) throw new SyncInterrupted('the settings changed');
        },
      });
      const deletedComments = await applyConversationRetention(db, account, settings, clock.now());
      if (run.error) logger.warn('zendesk sync stopped', { account, reason: 'see sync_status.last_error' });
      // the new and changed tickets' checks, under the same lease (a batch is written only while it is held)
      const autoqa =
        o.autoqa === false
          ? null
          : await runAutoQa(db, account, { clock, fence: held }).catch((e: unknown) => {
              logger.warn('autoqa run stopped', { account, ...errorFields(e) });
              return null;
            });
      return { account, outcome: 'synced', run, deletedComments, autoqa };
    } catch (e) {
      if (e instanceof SyncInterrupted) {
        logger.info('zendesk sync interrupted', { account, reason: e.message });
        return { account, outcome: 'interrupted', reason: e.message };
      }
      logger.error('zendesk sync failed', { account, ...errorFields(e) });
      return { account, outcome: 'failed', reason: e instanceof Error ? e.constructor.name : 'error' };
    } finally {
      clearInterval(heartbeat);
      await releaseSyncLease(db, account, holder).catch(() => {});
    }
  }

  const scheduler: SyncScheduler = {
    holder,
    async tick() {
      if (stopping) return [];
      return Promise.all(
        o.accounts.map((config) => {
          const account = config.subdomain;
          // a run of this instance still going on (a first sync takes long): the next tick looks again
          if (running.has(account)) return { account, outcome: 'busy' as const };
          const run = runAccount(config)
            .catch((e: unknown): AccountTick => {
              logger.error('zendesk sync failed', { account, ...errorFields(e) });
              return { account, outcome: 'failed', reason: 'error' };
            })
            .finally(() => running.delete(account));
          running.set(account, run);
          return run;
        }),
      );
    },
    start() {
      if (timer || stopping) return;
      const tick = () => void scheduler.tick();
      timer = setInterval(tick, o.checkEveryMs);
      timer.unref?.();
      setTimeout(tick, 0).unref?.();
    },
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      // a run waiting on Zendesk (a budget, a retry-after) reaches its next page late: give up its leases instead,
      // which fences it off as well (its next page cannot renew them)
      const ended = Promise.all(running.values()).then(() => true);
      const waited = new Promise<false>((done) => setTimeout(() => done(false), STOP_WAIT_MS).unref?.());
      if (!(await Promise.race([ended, waited]))) {
        await Promise.all([...running.keys()].map((account) => releaseSyncLease(db, account, holder).catch(() => {})));
      }
    },
  };
  return scheduler;
}

/** How long `stop` waits for the runs going on to reach a page. */
const STOP_WAIT_MS = 5000;

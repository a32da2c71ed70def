/**
 * The sync on a schedule (decision 026), on PGlite and PostgreSQL against the local Zendesk on a virtual clock: two
 * instances on one database never sync one account at once, a crashed holder's lease expires, a run that lost its
 * lease cannot write another page, increments come an interval apart; the admins' routes (403 for everyone else) and
 * their audit; retention and conversation text off delete the stored text.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/db.ts';
import type { AccountConfig } from '../../src/server/deps.ts';
import { acquireSyncLease, liveSyncLease, releaseSyncLease, saveSyncSettings } from '../../src/server/store/sync.ts';
import type { AccountTick, SchedulerOptions } from '../../src/server/sync/scheduler.ts';
import { type ExportClient, exportClient } from '../../src/server/sync/zendesk-export-client.ts';
import { backends, countOf, useDb } from '../support/db.ts';
import { tenants } from '../support/db-client.ts';
import { useVirtualZendesk, virtualScheduler } from '../support/virtual-zendesk.ts';

const zd = useVirtualZendesk();
const LEASE_MS = 3 * 60_000;
const INTERVAL_MS = 5 * 60_000;

let accounts = 0;
const newAccount = () => `sched-${process.pid}-${++accounts}-${Math.random().toString(36).slice(2, 8)}`;
const accountFor = (subdomain: string): AccountConfig => ({ ...zd().account, subdomain });

const clientOf = (account: AccountConfig): ExportClient =>
  exportClient(account, { fetch: zd().fetch, timer: zd().timer, random: () => 0.5, perPage: 50 });

const scheduler = (db: Db, account: AccountConfig, holder: string, over: Partial<SchedulerOptions> = {}) =>
  virtualScheduler(zd(), db, account, holder, { leaseMs: LEASE_MS, intervalMs: INTERVAL_MS, client: clientOf, ...over });

const outcomes = (ticks: AccountTick[]) => ticks.map((t) => t.outcome);
const synced = (tick: AccountTick | undefined) => {
  if (tick?.outcome !== 'synced') throw new Error(`expected a sync, got ${JSON.stringify(tick)}`);
  return tick;
};

const commentCount = (db: Db, account: string) => countOf(db, 'SELECT count(*) AS n FROM synced_comments WHERE account = $1', [account]);
const allComments = () =>
  zd()
    .state.tickets()
    .flatMap((t) => t.comments.map((c) => Date.parse(c.created_at)));

describe.each(backends())('scheduled zendesk sync on $name', (backend) => {
  const db = useDb(backend);

  it('two instances on one database: one syncs the account, the other leaves it; then an increment an interval later', async () => {
    const account = accountFor(newAccount());
    const [a, b] = [scheduler(db(), account, 'instance-a'), scheduler(db(), account, 'instance-b')];
    const ticks = (await Promise.all([a.tick(), b.tick()])).flat();
    expect(outcomes(ticks).filter((o) => o === 'synced')).toHaveLength(1);
    expect(outcomes(ticks).filter((o) => o !== 'synced')).toEqual([expect.stringMatching(/^(held|not-due)$/)]);
    const first = synced(ticks.find((t) => t.outcome === 'synced'));
    expect(first.run.error).toBeNull();
    // every request sent was the one run's
    expect(zd().sent.length).toBe(first.run.requests);
    expect(await countOf(db(), 'SELECT count(*) AS n FROM synced_tickets WHERE account = $1', [account.subdomain])).toBe(
      zd().state.tickets().length,
    );
    // the lease went with the run
    expect(await liveSyncLease(db(), account.subdomain, zd().clock.now())).toBeNull();

    // not due again before the interval, whichever instance asks
    expect(outcomes([...(await a.tick()), ...(await b.tick())])).toEqual(['not-due', 'not-due']);
    zd().advance(INTERVAL_MS);
    zd().sent.length = 0;
    const next = synced((await b.tick())[0]);
    expect(next.run.error).toBeNull();
    // a small increment: a page of each export and the groups
    expect(next.run.requests).toBeLessThanOrEqual(4);
  });

  it("a crashed holder's lease expires, and then another instance syncs", async () => {
    const account = accountFor(newAccount());
    // an instance took the lease and died: no run, no release
    expect(
      await acquireSyncLease(db(), account.subdomain, 'crashed', zd().clock.now(), new Date(zd().clock.now().getTime() + LEASE_MS)),
    ).toBe(true);
    const b = scheduler(db(), account, 'instance-b');
    expect(outcomes(await b.tick())).toEqual(['held']);
    expect(zd().sent).toEqual([]);
    zd().advance(LEASE_MS - 1000);
    expect(outcomes(await b.tick())).toEqual(['held']);
    zd().advance(1000);
    expect(synced((await b.tick())[0]).run.error).toBeNull();
  });

  it('a run whose lease went to another instance cannot write another page', async () => {
    const account = accountFor(newAccount());
    let pages = 0;
    // instance a stalls after its second ticket page, past its lease: b takes the account over
    const stalling = (config: AccountConfig): ExportClient => {
      const client = clientOf(config);
      return {
        ...client,
        tickets: async (from) => {
          const page = await client.tickets(from);
          if (++pages === 2) {
            zd().advance(LEASE_MS + 1000);
            expect(
              await acquireSyncLease(
                db(),
                config.subdomain,
                'instance-b',
                zd().clock.now(),
                new Date(zd().clock.now().getTime() + LEASE_MS),
              ),
            ).toBe(true);
          }
          return page;
        },
      };
    };
    const a = scheduler(db(), account, 'instance-a', { client: stalling });
    const [tick] = await a.tick();
    expect(tick).toMatchObject({ outcome: 'interrupted', reason: 'the lease went to another instance' });
    // only the first page was written; b still holds the lease (a released only its own)
    expect(await countOf(db(), 'SELECT count(*) AS n FROM synced_tickets WHERE account = $1', [account.subdomain])).toBe(50);
    expect(await liveSyncLease(db(), account.subdomain, zd().clock.now())).toMatchObject({ holder: 'instance-b' });
    await releaseSyncLease(db(), account.subdomain, 'instance-b');
  });

  it('stops at the next page when the service stops, and gives the lease back', async () => {
    const account = accountFor(newAccount());
    let stopped: Promise<void> | undefined;
    const a: ReturnType<typeof scheduler> = scheduler(db(), account, 'instance-a', {
      client: (config) => {
        const client = clientOf(config);
        return {
          ...client,
          tickets: async (from) => {
            const page = await client.tickets(from);
            stopped ??= a.stop();
            return page;
          },
        };
      },
    });
    const [tick] = await a.tick();
    expect(tick).toMatchObject({ outcome: 'interrupted', reason: 'the service is stopping' });
    await stopped;
    expect(await countOf(db(), 'SELECT count(*) AS n FROM synced_tickets WHERE account = $1', [account.subdomain])).toBe(0);
    expect(await liveSyncLease(db(), account.subdomain, zd().clock.now())).toBeNull();
    // a stopped scheduler starts nothing more
    expect(await a.tick()).toEqual([]);
  });

  it('deletes conversation text past the retention on its runs, also with the sync off', async () => {
    const account = accountFor(newAccount());
    await saveSyncSettings(db(), account.subdomain, {
      enabled: true,
      conversations: true,
      retentionDays: 3650,
      updatedAt: null,
      updatedBy: null,
    });
    const a = scheduler(db(), account, 'instance-a');
    expect(synced((await a.tick())[0]).deletedComments).toBe(0);
    const all = allComments().sort((x, y) => x - y);
    expect(await commentCount(db(), account.subdomain)).toBe(all.length);

    // retention set so that the older half of the text is past it, the sync turned off (as stored, without the route)
    const now = zd().clock.now().getTime() + INTERVAL_MS;
    const middle = all[Math.floor(all.length / 2)]!;
    const retentionDays = Math.ceil((now - middle) / 86_400_000);
    const cutoff = now - retentionDays * 86_400_000;
    await saveSyncSettings(db(), account.subdomain, {
      enabled: false,
      conversations: true,
      retentionDays,
      updatedAt: null,
      updatedBy: null,
    });
    zd().advance(INTERVAL_MS);
    zd().sent.length = 0;
    const [tick] = await a.tick();
    expect(tick).toMatchObject({ outcome: 'off', deletedComments: all.filter((t) => t < cutoff).length });
    expect(zd().sent).toEqual([]);
    expect(await commentCount(db(), account.subdomain)).toBe(all.filter((t) => t >= cutoff).length);
    expect(
      await countOf(db(), 'SELECT count(*) AS n FROM synced_comments WHERE account = $1 AND created_at < $2', [
        account.subdomain,
        new Date(cutoff),
      ]),
    ).toBe(0);
  });

  it('settings and status for admins only; a change is audited; text off deletes it and syncs metrics only', async () => {
    const [t] = tenants(db(), { clock: zd().clock });
    const account = accountFor(t.account);
    const a = scheduler(db(), account, 'instance-a');
    expect(synced((await a.tick())[0]).run.error).toBeNull();

    for (const role of ['lead', 'reviewer', 'agent'] as const) {
      expect((await t.as(role, 5).get('/sync')).status).toBe(403);
      expect((await t.as(role, 5).put('/sync/settings', { conversations: false })).status).toBe(403);
    }
    const admin = t.as('admin', 1);
    const read = await admin.get('/sync');
    expect(read.status).toBe(200);
    const comments = allComments().filter((c) => c >= zd().clock.now().getTime() - 90 * 86_400_000).length;
    expect(read.body).toMatchObject({
      settings: { enabled: true, conversations: true, retentionDays: 90 },
      changedBy: null,
      status: {
        lastSuccessAt: zd().clock.now().toISOString(),
        ticketsSynced: zd().state.tickets().length,
        commentsStored: comments,
        usersSynced: zd().state.data.users.length,
        lastError: null,
        running: false,
      },
    });
    expect(read.body.status.requestsSpent).toBeGreaterThan(0);
    expect(Date.parse(read.body.status.syncedUpTo)).toBeLessThanOrEqual(zd().clock.now().getTime());

    expect((await admin.put('/sync/settings', { retentionDays: 0 })).status).toBe(400);
    expect((await admin.put('/sync/settings', { conversations: 'no' })).status).toBe(400);
    const off = await admin.put('/sync/settings', { conversations: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ settings: { conversations: false }, changedBy: 1, status: { commentsStored: 0 } });
    expect(await commentCount(db(), t.account)).toBe(0);
    // the same again changes nothing and writes nothing
    expect((await admin.put('/sync/settings', { conversations: false })).status).toBe(200);
    const audits = await db().query<{ action: string; actor_id: number; detail: unknown }>(
      "SELECT action, actor_id, detail FROM audit_log WHERE account = $1 AND action = 'sync.settings' ORDER BY seq",
      [t.account],
    );
    expect(audits).toEqual([
      { action: 'sync.settings', actor_id: 1, detail: { conversations: { from: true, to: false }, deletedComments: comments } },
    ]);

    // metrics only: the next runs fetch no text; turned on again, it comes from the retention window
    zd().advance(INTERVAL_MS);
    expect(synced((await a.tick())[0]).run.comments).toBe(0);
    expect(await commentCount(db(), t.account)).toBe(0);
    expect((await admin.put('/sync/settings', { conversations: true, retentionDays: 30, enabled: false })).status).toBe(200);
    expect(outcomes(await a.tick())).toEqual(['not-due']);
    zd().advance(INTERVAL_MS);
    expect(outcomes(await a.tick())).toEqual(['off']);
    expect((await admin.put('/sync/settings', { enabled: true })).status).toBe(200);
    zd().advance(INTERVAL_MS);
    synced((await a.tick())[0]);
    const cutoff = zd().clock.now().getTime() - 30 * 86_400_000;
    expect(await commentCount(db(), t.account)).toBe(allComments().filter((c) => c >= cutoff).length);
    expect(
      (
        await db().query<{ detail: Record<string, unknown> }>(
          "SELECT detail FROM audit_log WHERE account = $1 AND action = 'sync.settings' ORDER BY seq",
          [t.account],
        )
      ).map((r) => Object.keys(r.detail).sort()),
    ).toEqual([
      ['conversations', 'deletedComments'],
      ['conversations', 'deletedComments', 'enabled', 'retentionDays'],
      ['deletedComments', 'enabled'],
    ]);
  });

  it('erasure of a customer and of an agent reaches what the sync read from the local Zendesk, and an increment does not bring it back', async () => {
    const [t] = tenants(db(), { clock: zd().clock });
    const account = accountFor(t.account);
    await saveSyncSettings(db(), t.account, { enabled: true, conversations: true, retentionDays: 3650, updatedAt: null, updatedBy: null });
    const a = scheduler(db(), account, 'instance-a');
    expect(synced((await a.tick())[0]).run.error).toBeNull();
    // a customer with a conversation, and the agent who answered it
    const ticket = zd()
      .state.tickets()
      .find((x) => x.comments.length > 1 && x.assignee_id !== null && x.requester_id !== x.assignee_id)!;
    const customer = ticket.requester_id;
    const agent = ticket.assignee_id!;
    const naming = async (id: number) => ({
      users: await countOf(db(), 'SELECT count(*) AS n FROM synced_users WHERE account = $1 AND user_id = $2', [t.account, id]),
      comments: await countOf(db(), 'SELECT count(*) AS n FROM synced_comments WHERE account = $1 AND author_id = $2', [t.account, id]),
      tickets: await countOf(
        db(),
        'SELECT count(*) AS n FROM synced_tickets WHERE account = $1 AND (requester_id = $2 OR assignee_id = $2)',
        [t.account, id],
      ),
    });
    const before = await naming(customer);
    expect(before.users).toBe(1);
    expect(before.comments).toBeGreaterThan(0);
    const customerTickets = zd()
      .state.tickets()
      .filter((x) => x.requester_id === customer);
    const left = await countOf(db(), 'SELECT count(*) AS n FROM synced_comments WHERE account = $1', [t.account]);

    const erased = await t.as('admin', 1).delete(`/people/${customer}`);
    expect(erased.status).toBe(200);
    // every comment of their tickets (theirs and the agents' answers to them) went, and nothing else
    const theirs = customerTickets.reduce((n, x) => n + x.comments.length, 0);
    expect(erased.body).toMatchObject({ erasedSyncedComments: theirs, erasedSyncedUsers: 1 });
    expect(await countOf(db(), 'SELECT count(*) AS n FROM synced_comments WHERE account = $1', [t.account])).toBe(left - theirs);
    expect(await naming(customer)).toEqual({ users: 0, comments: 0, tickets: 0 });
    const [kept] = await db().query<{ requester: number; subject: string | null; status: string }>(
      'SELECT requester_id AS requester, subject, status FROM synced_tickets WHERE account = $1 AND ticket_id = $2',
      [t.account, ticket.id],
    );
    expect(kept).toEqual({ requester: erased.body.pseudonym, subject: null, status: ticket.status });

    expect((await t.as('admin', 1).delete(`/people/${agent}`)).status).toBe(200);
    expect(await naming(agent)).toEqual({ users: 0, comments: 0, tickets: 0 });

    // an increment without changes in Zendesk brings neither back
    zd().advance(INTERVAL_MS);
    expect(synced((await a.tick())[0]).run.error).toBeNull();
    expect(await naming(customer)).toEqual({ users: 0, comments: 0, tickets: 0 });
    expect(await naming(agent)).toEqual({ users: 0, comments: 0, tickets: 0 });
  });
});

/**
 * The incremental sync against the local Zendesk over HTTP, into PGlite and PostgreSQL: a first sync and increments
 * are exact, a run stopped anywhere goes on without loss or duplicates, a 429 storm slows it without an error, the
 * budget holds, and an error is kept in words. The clock is virtual, shared by the local Zendesk and the client.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/db.ts';
import { syncStatus } from '../../src/server/store/sync.ts';
import { type SyncRunOptions, syncAccount } from '../../src/server/sync/sync-account.ts';
import { type ExportClientOptions, exportClient } from '../../src/server/sync/zendesk-export-client.ts';
import { backends, countOf, useDb } from '../support/db.ts';
import { busiestMinute, useVirtualZendesk } from '../support/virtual-zendesk.ts';

const zd = useVirtualZendesk();

const clientFor = (options: ExportClientOptions = {}) =>
  exportClient(zd().account, { fetch: zd().fetch, timer: zd().timer, random: () => 0.5, ...options });
let accounts = 0;
const newAccount = () => `sync-${process.pid}-${++accounts}-${Math.random().toString(36).slice(2, 8)}`;

const run = (db: Db, account: string, options: Partial<SyncRunOptions> & { client?: ExportClientOptions } = {}) =>
  syncAccount(db, account, clientFor({ perPage: 50, ...options.client }), { clock: zd().clock, comments: true, ...options });

/** What the local Zendesk holds, as the synced tables should hold it. */
function expected() {
  const { state } = zd();
  const tickets = state
    .tickets()
    .map((t) => ({ id: t.id, status: t.status, generatedAt: Math.floor(Date.parse(t.updated_at) / 1000), tags: t.tags }))
    .sort((a, b) => a.id - b.id);
  const comments = state
    .tickets()
    .flatMap((t) => t.comments.map((c) => ({ id: c.id, ticketId: t.id, body: c.body })))
    .sort((a, b) => a.id - b.id);
  return { tickets, comments };
}

async function synced(db: Db, account: string) {
  const tickets = await db.query<{ id: number; status: string; generatedAt: number; tags: string[] }>(
    'SELECT ticket_id AS id, status, generated_at AS "generatedAt", tags FROM synced_tickets WHERE account = $1 ORDER BY ticket_id',
    [account],
  );
  const comments = await db.query<{ id: number; ticketId: number; body: string }>(
    'SELECT comment_id AS id, ticket_id AS "ticketId", body FROM synced_comments WHERE account = $1 ORDER BY comment_id',
    [account],
  );
  return { tickets, comments };
}

class Crash extends Error {}

describe.each(backends())('zendesk sync on $name', (backend) => {
  const db = useDb(backend);

  it('syncs every ticket, comment, user and group once, then only what changed', async () => {
    const account = newAccount();
    const first = await run(db(), account);
    expect(first.error).toBeNull();
    expect(await synced(db(), account)).toEqual(expected());
    expect(await countOf(db(), 'SELECT count(*) AS n FROM synced_users WHERE account = $1', [account])).toBe(zd().state.data.users.length);
    expect(await countOf(db(), 'SELECT count(*) AS n FROM synced_groups WHERE account = $1', [account])).toBe(
      zd().state.data.groups.length,
    );
    const [ticket] = await db().query<Record<string, unknown>>('SELECT * FROM synced_tickets WHERE account = $1 AND ticket_id = 2', [
      account,
    ]);
    expect(ticket).toMatchObject({ channel: 'chat', status: 'solved', csat_score: 'good', reply_minutes: 1, full_resolution_minutes: 22 });
    expect(await syncStatus(db(), account)).toMatchObject({
      lastError: null,
      lastSuccessAt: zd().clock.now(),
      ticketsSynced: zd().state.tickets().length,
      requestsSpent: first.requests,
    });

    // an agent answers and changes a ticket; another ticket's fields change (the app's QA score)
    const open = zd()
      .state.tickets()
      .find((t) => t.status === 'open')!;
    const put = (id: number, ticket: unknown) =>
      fetch(`${zd().devhost.hostOrigin}/api/v2/tickets/${id}.json`, {
        method: 'PUT',
        headers: {
          authorization: `Basic ${btoa(`${zd().account.apiUser}/token:${zd().account.apiToken}`)}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ ticket }),
      });
    expect((await put(open.id, { status: 'pending', comment: { body: 'We are on it.' } })).status).toBe(200);
    const solved = zd()
      .state.tickets()
      .find((t) => t.status === 'solved')!;
    expect((await put(solved.id, { tags: ['qa_pass'] })).status).toBe(200);
    zd().advance(61_000);
    const next = await run(db(), account);
    expect(next.error).toBeNull();
    expect(next.tickets).toBe(2);
    expect(next.comments).toBeGreaterThanOrEqual(1);
    expect(await synced(db(), account)).toEqual(expected());
    // a small increment: one page of each export, the groups
    expect(next.requests).toBeLessThanOrEqual(5);
  });

  it('syncs conversation text only when it is on', async () => {
    const account = newAccount();
    expect((await run(db(), account, { comments: false })).error).toBeNull();
    expect((await synced(db(), account)).comments).toEqual([]);
    // turned on later: the conversations of the whole history come
    expect((await run(db(), account)).error).toBeNull();
    expect(await synced(db(), account)).toEqual(expected());
  });

  it('reads the conversations only from commentsSince on a first sync (text past retention is not fetched)', async () => {
    const account = newAccount();
    const times = zd()
      .state.tickets()
      .flatMap((t) => t.comments.map((c) => Math.floor(Date.parse(c.created_at) / 1000)))
      .sort((a, b) => a - b);
    const since = times[Math.floor(times.length / 2)]!;
    expect((await run(db(), account, { commentsSince: since })).error).toBeNull();
    const { comments, tickets } = await synced(db(), account);
    expect(tickets).toEqual(expected().tickets);
    expect(comments.length).toBe(times.filter((t) => t >= since).length);
  });

  for (const phase of ['written', 'committed'] as const) {
    it(`goes on after a run stopped in the middle (page ${phase}), without loss or duplicates`, async () => {
      const account = newAccount();
      // stop at the 4th ticket page, then in the ticket events, then in the users
      for (const [stream, at] of [
        ['tickets', 4],
        ['ticket_events', 1],
        ['users', 1],
      ] as const) {
        let pages = 0;
        const stopped = run(db(), account, {
          onPage: (s, p) => {
            if (s === stream && p === phase && ++pages === at) throw new Crash(`stopped in ${stream}`);
          },
        });
        await expect(stopped).rejects.toBeInstanceOf(Crash);
      }
      const resumed = await run(db(), account);
      expect(resumed.error).toBeNull();
      expect(await synced(db(), account)).toEqual(expected());
      // it went on from the stored positions: far fewer ticket pages than a sync from the start
      expect(resumed.tickets).toBeLessThan(zd().state.tickets().length / 2);
    });
  }

  it('slows down through a 429 storm without an error, and never spends more than its budget', async () => {
    const account = newAccount();
    // the client believes the exports allow 100 a minute: Zendesk refuses beyond 10, with retry-after
    const stormy = await run(db(), account, { client: { exportsPerMinute: 100, perPage: 25 } });
    expect(stormy.error).toBeNull();
    expect(stormy.rateLimited).toBeGreaterThan(0);
    expect(await synced(db(), account)).toEqual(expected());
    expect((await syncStatus(db(), account)).rateLimited).toBe(stormy.rateLimited);

    // 1% of the account's 700 a minute: 7 requests in any minute, 429s and retries included
    zd().sent.length = 0;
    const thrifty = await run(db(), newAccount(), { client: { share: 0.01, perPage: 25 } });
    expect(thrifty.error).toBeNull();
    expect(thrifty.requests).toBe(zd().sent.length);
    expect(busiestMinute(zd().sent)).toBeLessThanOrEqual(7);
  });

  it('keeps an error in plain words, and the last success with it', async () => {
    const account = newAccount();
    await run(db(), account);
    const success = zd().clock.now();
    zd().advance(120_000);
    const refused = await syncAccount(
      db(),
      account,
      exportClient({ ...zd().account, apiToken: 'revoked-token-of-this-account' }, { timer: zd().timer }),
      {
        clock: zd().clock,
        comments: true,
      },
    );
    expect(refused.error).toContain('refused the service');
    expect(await syncStatus(db(), account)).toMatchObject({
      lastSuccessAt: success,
      lastError: expect.stringContaining('check the API token'),
      lastErrorAt: zd().clock.now(),
    });
  });
});

/**
 * AutoQA after each scheduled sync run (decision 030), on PGlite and PostgreSQL against the local Zendesk on a virtual
 * clock: the instance that syncs the account checks its tickets under the same lease, the other checks nothing; the
 * next run checks only the tickets that changed; with the option off nothing is checked.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/db.ts';
import type { AccountConfig } from '../../src/server/deps.ts';
import type { AccountTick, SchedulerOptions } from '../../src/server/sync/scheduler.ts';
import { backends, countOf, useDb } from '../support/db.ts';
import { useVirtualZendesk, virtualScheduler } from '../support/virtual-zendesk.ts';

const zd = useVirtualZendesk();
const INTERVAL_MS = 5 * 60_000;
const accountFor = (subdomain: string): AccountConfig => ({ ...zd().account, subdomain });
const newAccount = () => `aq-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;

const scheduler = (db: Db, account: AccountConfig, holder: string, over: Partial<SchedulerOptions> = {}) =>
  virtualScheduler(zd(), db, account, holder, { intervalMs: INTERVAL_MS, perPage: 100, ...over });

const checkedOf = (ticks: AccountTick[]) => ticks.map((t) => (t.outcome === 'synced' ? (t.autoqa?.checked ?? null) : t.outcome));
const checkedTickets = (db: Db, account: string) =>
  countOf(db, 'SELECT count(*)::int AS n FROM autoqa_tickets WHERE account = $1', [account]);

describe.each(backends())('AutoQA after scheduled syncs on $name', (backend) => {
  const db = useDb(backend);

  it('checks every synced ticket under the lease of the run that synced them, then only the changed ones', async () => {
    const account = accountFor(newAccount());
    const [a, b] = [scheduler(db(), account, 'instance-a'), scheduler(db(), account, 'instance-b')];
    const ticks = (await Promise.all([a.tick(), b.tick()])).flat();
    const all = zd().state.tickets().length;
    // one instance synced and checked them all; the other did neither
    expect(checkedOf(ticks).sort()).toEqual([all, expect.stringMatching(/^(held|not-due)$/)].sort());
    expect(await checkedTickets(db(), account.subdomain)).toBe(all);
    expect(
      await countOf(db(), "SELECT count(*)::int AS n FROM autoqa_results WHERE account = $1 AND check_id = 'greeting'", [
        account.subdomain,
      ]),
    ).toBeGreaterThan(0);

    // an interval later, one ticket changed: only it is checked again
    const changed = zd().state.tickets()[0]!;
    zd().state.touch(changed);
    zd().advance(INTERVAL_MS);
    const next = await b.tick();
    expect(checkedOf(next)).toEqual([1]);
    const [row] = await db().query<{ ticket_id: number }>(
      'SELECT ticket_id FROM autoqa_tickets WHERE account = $1 ORDER BY computed_at DESC, ticket_id LIMIT 1',
      [account.subdomain],
    );
    expect(Number(row!.ticket_id)).toBe(changed.id);
  });

  it('checks nothing with the option off', async () => {
    const account = accountFor(newAccount());
    expect(checkedOf(await scheduler(db(), account, 'instance-c', { autoqa: false }).tick())).toEqual([null]);
    expect(await checkedTickets(db(), account.subdomain)).toBe(0);
  });
});

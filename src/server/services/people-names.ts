/**
 * People's names for what the service writes out (the CSV export's name columns beside the ids). The synced users
 * answer first (decision 028: the sync keeps every user's current name, no request per name); the rest come from the
 * people table, which sign-ins fill (identity) and this fills for the ids missing there or older than a day, asked of
 * Zendesk with the account's credential, 100 ids a request (`users/show_many`). Zendesk down never fails the caller:
 * the names stored stay, the others are left out, and the log says so.
 */
import type { Db } from '../db/db.ts';
import type { AppDeps } from '../deps.ts';
import { SHOW_MANY_MAX, zendeskClient, ZendeskUnavailable, type ZendeskClient } from '../identity/zendesk-client.ts';
import { consoleLogger } from '../log.ts';
import { cachedNames, saveNames } from '../store/people-names.ts';
import { syncedNames, syncedStaff, syncedState } from '../store/synced-population.ts';
import type { PeopleDirectory } from '../../core/synced-population.ts';

/** How long a stored name is used before Zendesk is asked again (renamed people, people deleted in Zendesk). */
export const NAME_TTL_MS = 24 * 3_600_000;
/** After Zendesk failed, how long stored names alone are used for that account (the next batch does not wait again). */
export const ZENDESK_PAUSE_MS = 60_000;

export interface NameSource {
  /** The names of `userIds` in `account` that are known, read and written through `db`; never throws for Zendesk's failures. */
  namesOf(db: Db, account: string, userIds: readonly number[]): Promise<Map<number, string>>;
}

/** Ids worth a name: Zendesk users, not erased people's pseudonyms (negative) or an API key's 0. */
const people = (userIds: readonly number[]) => [...new Set(userIds)].filter((id) => id > 0);

/** The synced names of the ids, and the ids the sync does not know. */
async function synced(db: Db, account: string, userIds: readonly number[]): Promise<{ names: Map<number, string>; rest: number[] }> {
  const wanted = people(userIds);
  const names = await syncedNames(db, account, wanted);
  return { names, rest: wanted.filter((id) => !names.has(id)) };
}

/** The synced names, then those the people table holds, whatever their age; Zendesk is not asked. */
export const storedNames: NameSource = {
  async namesOf(db, account, userIds) {
    const { names, rest } = await synced(db, account, userIds);
    for (const r of await cachedNames(db, account, rest)) if (r.name !== null) names.set(r.userId, r.name);
    return names;
  },
};

/** The synced names, then the stored ones, with the missing and stale ones asked of the account's Zendesk first. */
export function zendeskNames(deps: Pick<AppDeps, 'accounts' | 'clock' | 'zendeskFetch' | 'logger'>): NameSource {
  const logger = deps.logger ?? consoleLogger('[service]');
  const fetchImpl = deps.zendeskFetch ?? ((url, init) => fetch(url, init));
  const clients = new Map<string, ZendeskClient>();
  const pausedUntil = new Map<string, number>();

  return {
    async namesOf(db, account, userIds) {
      const { names, rest: wanted } = await synced(db, account, userIds);
      if (wanted.length === 0) return names;
      const now = deps.clock.now();
      const fresh = new Set<number>();
      for (const row of await cachedNames(db, account, wanted)) {
        if (row.name !== null) names.set(row.userId, row.name);
        if (now.getTime() - row.fetchedAt.getTime() < NAME_TTL_MS) fresh.add(row.userId);
      }
      const stale = wanted.filter((id) => !fresh.has(id));
      const config = deps.accounts.find((a) => a.subdomain === account);
      if (stale.length === 0 || !config || (pausedUntil.get(account) ?? 0) > now.getTime()) return names;
      let client = clients.get(account);
      if (!client) clients.set(account, (client = zendeskClient(config, fetchImpl)));
      for (let i = 0; i < stale.length; i += SHOW_MANY_MAX) {
        const batch = stale.slice(i, i + SHOW_MANY_MAX);
        let found: Map<number, string>;
        try {
          found = await client.namesOf(batch);
        } catch (e) {
          if (!(e instanceof ZendeskUnavailable)) throw e;
          pausedUntil.set(account, now.getTime() + ZENDESK_PAUSE_MS);
          logger.warn('people names: Zendesk unavailable; names left as stored', { account, reason: e.message });
          return names;
        }
        // an id Zendesk no longer knows (deleted there) loses its stored name
        await saveNames(
          db,
          account,
          batch.map((userId) => ({ userId, name: found.get(userId) ?? null })),
          now,
        );
        for (const id of batch) {
          const name = found.get(id);
          if (name === undefined) names.delete(id);
          else names.set(id, name);
        }
      }
      return names;
    },
  };
}

/** The account's staff and groups from the synced users and groups, for the app's names and pickers; `none` when nothing is synced. */
export async function peopleDirectory(db: Db, account: string): Promise<PeopleDirectory> {
  if (!(await syncedState(db, account))) return { source: 'none', staff: [], groups: [] };
  return { source: 'synced', ...(await syncedStaff(db, account)) };
}

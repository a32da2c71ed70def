/**
 * People's names for what the service writes out (the CSV export's name columns beside the ids). They come from the
 * people table, which sign-ins fill (identity) and this fills for the ids missing there or older than a day, asked of
 * Zendesk with the account's credential, 100 ids a request (`users/show_many`). Zendesk down never fails the caller:
 * the names stored stay, the others are left out, and the log says so.
 */
import type { Db } from '../db/db.ts';
import type { AppDeps } from '../deps.ts';
import { SHOW_MANY_MAX, zendeskClient, ZendeskUnavailable, type ZendeskClient } from '../identity/zendesk-client.ts';
import { consoleLogger } from '../log.ts';
import { cachedNames, saveNames } from '../store/people-names.ts';

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

/** The names the people table holds, whatever their age; Zendesk is not asked. */
export const storedNames: NameSource = {
  async namesOf(db, account, userIds) {
    const rows = await cachedNames(db, account, people(userIds));
    return new Map(rows.flatMap((r) => (r.name === null ? [] : [[r.userId, r.name] as const])));
  },
};

/** The stored names, with the missing and stale ones asked of the account's Zendesk first. */
export function zendeskNames(deps: Pick<AppDeps, 'accounts' | 'clock' | 'zendeskFetch' | 'logger'>): NameSource {
  const logger = deps.logger ?? consoleLogger('[service]');
  const fetchImpl = deps.zendeskFetch ?? ((url, init) => fetch(url, init));
  const clients = new Map<string, ZendeskClient>();
  const pausedUntil = new Map<string, number>();

  return {
    async namesOf(db, account, userIds) {
      const wanted = people(userIds);
      if (wanted.length === 0) return new Map();
      const now = deps.clock.now();
      const names = new Map<number, string>();
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

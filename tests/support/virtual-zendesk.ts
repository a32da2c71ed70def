/**
 * The local Zendesk on a free port for tests of the sync, on a virtual clock it shares with the client: the client's
 * waits (budget, retry-after, back-off) move the clock instead of taking time, so minutes of pacing run in
 * milliseconds while the requests go over real HTTP.
 *
 *   const zd = useVirtualZendesk();          // registers beforeAll/afterAll/beforeEach
 *   exportClient(zd().account, { fetch: zd().fetch, timer: zd().timer });
 *   zd().state.setFaults({ serverErrors: 2 }); zd().advance(61_000); busiestMinute(zd().sent)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createDevhost, type Manifest, type RunningDevhost } from '../../src/devhost/devhost.ts';
import { createZendeskState, type ZendeskState } from '../../src/devhost/zendesk-state.ts';
import type { Db } from '../../src/server/db/db.ts';
import type { AccountConfig, Clock, Fetch } from '../../src/server/deps.ts';
import { loggerOf } from '../../src/server/log.ts';
import type { Timer } from '../../src/server/sync/request-budget.ts';
import { createSyncScheduler, type SchedulerOptions, type SyncScheduler } from '../../src/server/sync/scheduler.ts';
import { exportClient } from '../../src/server/sync/zendesk-export-client.ts';

export interface VirtualZendesk {
  state: ZendeskState;
  devhost: RunningDevhost;
  /** The service's account entry for it (its URL and the API credential it accepts). */
  account: AccountConfig;
  /** The clients' time: `sleep` moves the clock, and is noted in `sleeps`; `onSleep` runs after each. */
  timer: Timer;
  sleeps: number[];
  onSleep: (ms: number) => void;
  clock: Clock;
  advance(ms: number): void;
  /** `fetch` that notes when each request was sent (virtual ms) in `sent`. */
  fetch: Fetch;
  sent: number[];
}

export function useVirtualZendesk(): () => VirtualZendesk {
  let at = Date.parse('2026-03-10T12:00:30Z');
  let zd: VirtualZendesk | undefined;
  beforeAll(async () => {
    const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '../../manifest.json'), 'utf8')) as Manifest;
    const state = createZendeskState({ now: () => new Date(at) });
    const devhost = await createDevhost({ state, manifest, bundle: { files: new Map() } }).listen(0);
    const self: VirtualZendesk = {
      state,
      devhost,
      account: {
        subdomain: 'acme',
        appId: state.appId,
        apiUser: state.apiCredential.apiUser,
        apiToken: state.apiCredential.apiToken,
        zendeskUrl: devhost.hostOrigin,
      },
      timer: {
        now: () => at,
        sleep: async (ms) => {
          self.sleeps.push(ms);
          at += ms;
          self.onSleep(ms);
        },
      },
      sleeps: [],
      onSleep: () => {},
      clock: { now: () => new Date(at) },
      advance: (ms) => {
        at += ms;
      },
      fetch: (url, init) => {
        self.sent.push(at);
        return fetch(url, init);
      },
      sent: [],
    };
    zd = self;
  });
  afterAll(() => zd?.devhost.close());
  beforeEach(() => {
    if (!zd) return;
    // half a minute into a new minute, the sample data back, no faults, nothing counted
    at = (Math.floor(at / 60_000) + 2) * 60_000 + 30_000;
    zd.state.reset();
    zd.sent = [];
    zd.sleeps = [];
    zd.onSleep = () => {};
  });
  return () => {
    if (!zd) throw new Error('the local Zendesk is not started yet: call inside a test');
    return zd;
  };
}

/** The most requests sent in any 60 s. */
/** The scheduler an instance named `holder` runs for `account`, reading the virtual Zendesk on its clock. */
export function virtualScheduler(
  zd: VirtualZendesk,
  db: Db,
  account: AccountConfig,
  holder: string,
  { perPage = 50, ...over }: Partial<SchedulerOptions> & { perPage?: number } = {},
): SyncScheduler {
  return createSyncScheduler({
    db,
    accounts: [account],
    clock: zd.clock,
    logger: loggerOf(() => {}),
    holder,
    client: (a) => exportClient(a, { fetch: zd.fetch, timer: zd.timer, random: () => 0.5, perPage }),
    ...over,
  });
}

export const busiestMinute = (times: readonly number[]) =>
  Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + 60_000).length));

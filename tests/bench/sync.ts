/**
 * `npm run bench:sync`: a first sync of a generated account (100k tickets with conversations; BENCH_TICKETS changes
 * it) from the local Zendesk, over loopback HTTP, into a throw-away PostgreSQL server (as the tests start it; PGlite
 * on disk when PostgreSQL is not installed). The local Zendesk runs in a process of its own and each sync in another,
 * so the peak memory printed is the sync's alone (with PGlite, its WASM heap is about 900 MB of it). Each sync runs with
 * a JS heap of SYNC_HEAP_MB at most: V8 otherwise collects late, and a sync that held the account would die here.
 *
 * Prints, per run: requests spent per 1,000 tickets (and by export), the time at the default budget (the client's
 * waits on a virtual clock: 10% of the account's 700 a minute and the exports' 10 a minute, which a real account
 * imposes in real time), the time without a budget (real), and peak memory (RSS). Conversations are read from 90 days
 * back (a first sync reads no text past a 90-day retention), and from the start of the account for comparison.
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDevhost, type Manifest } from '../../src/devhost/devhost.ts';
import { createZendeskState } from '../../src/devhost/zendesk-state.ts';
import type { TestProject } from 'vitest/node';
import { createPgDb, createPgliteDb } from '../../src/server/db/db.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import type { AccountConfig } from '../../src/server/deps.ts';
import { realTimer, type Timer } from '../../src/server/sync/request-budget.ts';
import { syncAccount } from '../../src/server/sync/sync-account.ts';
import { exportClient } from '../../src/server/sync/zendesk-export-client.ts';
import startPgCluster from '../support/pg-cluster.ts';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000);
const RETENTION_DAYS = 90;
const SELF = fileURLToPath(import.meta.url);

interface Ready {
  url: string;
  apiUser: string;
  apiToken: string;
  tickets: number;
  generateMs: number;
}
interface RunResult {
  mode: string;
  error: string | null;
  tickets: number;
  comments: number;
  users: number;
  pages: number;
  requests: number;
  rateLimited: number;
  realMs: number;
  clockMs: number;
  peakRssMb: number;
  peakHeapMb: number;
}
type Mode = 'budget' | 'unbudgeted' | 'unbudgeted-all-history';

/** The child that serves the generated account. */
async function serveZendesk(): Promise<void> {
  const started = performance.now();
  const state = createZendeskState({ largeAccount: { tickets: TICKETS } });
  const generateMs = performance.now() - started;
  const manifest = { name: 'bench', version: '0', location: { support: {} }, parameters: [] } as Manifest;
  const devhost = await createDevhost({ state, manifest, bundle: { files: new Map() } }).listen(0);
  const ready: Ready = {
    url: devhost.hostOrigin,
    apiUser: state.apiCredential.apiUser,
    apiToken: state.apiCredential.apiToken,
    tickets: state.tickets().length,
    generateMs,
  };
  process.send?.(ready);
}

/** The child that runs one sync and reports it. */
async function runSync(mode: Mode, zendesk: Ready, pgUrl: string | null): Promise<void> {
  let peakHeap = 0;
  setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 50).unref();
  const account: AccountConfig = {
    subdomain: 'bench',
    appId: 1,
    apiUser: zendesk.apiUser,
    apiToken: zendesk.apiToken,
    zendeskUrl: zendesk.url,
  };
  // the local Zendesk's own per-minute limits count real minutes: lifted, so the client's pacing is what is measured
  const limits = mode === 'budget' ? { budgetPerMinute: 700, exportsPerMinute: 1e9 } : { budgetPerMinute: 1e9, exportsPerMinute: 1e9 };
  await fetch(`${zendesk.url}/__devhost/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(limits),
  });
  let clock = Date.now();
  const timer: Timer =
    mode === 'budget'
      ? {
          now: () => clock,
          sleep: async (ms) => {
            clock += ms;
          },
        }
      : realTimer;
  const client = exportClient(account, mode === 'budget' ? { timer } : { share: 1, exportsPerMinute: 1e9 });
  const dir = pgUrl ? null : await mkdtemp(join(tmpdir(), 'bench-sync-'));
  const db = pgUrl ? await createPgDb(pgUrl) : await createPgliteDb(dir!);
  await migrate(db);
  const startedClock = timer.now();
  const started = performance.now();
  const commentsSince = mode === 'unbudgeted-all-history' ? 0 : Math.floor(Date.now() / 1000) - RETENTION_DAYS * 86_400;
  const run = await syncAccount(db, mode, client, { clock: { now: () => new Date(timer.now()) }, comments: true, commentsSince });
  const realMs = performance.now() - started;
  const [row] = await db.query<{ n: number }>('SELECT count(*) AS n FROM synced_tickets WHERE account = $1', [mode]);
  await db.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  const result: RunResult = {
    mode,
    error: run.error ?? (row?.n === zendesk.tickets ? null : `synced ${row?.n} tickets of ${zendesk.tickets}`),
    tickets: run.tickets,
    comments: run.comments,
    users: run.users,
    pages: run.pages,
    requests: run.requests,
    rateLimited: run.rateLimited,
    realMs,
    clockMs: mode === 'budget' ? timer.now() - startedClock : realMs,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    peakHeapMb: Math.round(Math.max(peakHeap, process.memoryUsage().heapUsed) / 2 ** 20),
  };
  process.send?.(result);
}

/** The JS heap a sync may use: far below the account's size (the generated 100k tickets take about 230 MB). */
const SYNC_HEAP_MB = 160;

function child<T>(args: string[]): { result: Promise<T>; kill(): void } {
  const heap = args[0] === '--zendesk' ? [] : [`--max-old-space-size=${SYNC_HEAP_MB}`];
  const proc = fork(SELF, args, { execArgv: ['--import', 'tsx', ...heap], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const result = new Promise<T>((done, fail) => {
    proc.once('message', (m) => done(m as T));
    proc.once('exit', (code) => fail(new Error(`${args[0]} ended with ${code}`)));
  });
  return { result, kill: () => proc.kill() };
}

const minutesOf = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;

async function main(): Promise<void> {
  let pgUrl: string | null = null;
  const stopPg = await startPgCluster({ provide: (_key: string, url: string | null) => (pgUrl = url) } as unknown as TestProject);
  process.once('SIGINT', () => void (stopPg?.() ?? Promise.resolve()).finally(() => process.exit(130)));
  const zendesk = child<Ready>(['--zendesk']);
  try {
    const ready = await zendesk.result;
    console.log(`local Zendesk: ${ready.tickets} tickets (${TICKETS} generated in ${(ready.generateMs / 1000).toFixed(1)} s)`);
    console.log(`storage: ${pgUrl ? 'PostgreSQL (a throw-away server)' : 'PGlite on disk (PostgreSQL not installed)'}`);
    for (const mode of ['budget', 'unbudgeted', 'unbudgeted-all-history'] as const) {
      const run = child<RunResult>(['--run', mode, JSON.stringify(ready), JSON.stringify(pgUrl)]);
      const r = await run.result;
      run.kill();
      const per1000 = (r.requests / r.tickets) * 1000;
      console.log(
        `${mode.padEnd(24)} ${r.error ? `ERROR ${r.error} ` : ''}requests ${r.requests} (${per1000.toFixed(2)} per 1,000 tickets; ` +
          `429s ${r.rateLimited}), pages ${r.pages}, tickets ${r.tickets}, comments ${r.comments}, users ${r.users}; ` +
          `time ${minutesOf(r.clockMs)}${mode === 'budget' ? ` at the default budget (${(r.realMs / 1000).toFixed(0)} s of work)` : ''}; ` +
          `peak RSS ${r.peakRssMb} MB, JS heap ${r.peakHeapMb} MB`,
      );
    }
  } finally {
    zendesk.kill();
    await stopPg?.();
  }
}

const [flag, arg, ready, pg] = process.argv.slice(2);
if (flag === '--zendesk') void serveZendesk();
else if (flag === '--run')
  void runSync(arg as Mode, JSON.parse(ready!) as Ready, JSON.parse(pg!) as string | null).then(() => process.exit(0));
else
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });

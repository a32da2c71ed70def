/**
 * `npm run bench:autoqa`: the AutoQA pipeline from the synced tables through the runner to stored results, on the
 * generated 100k-ticket account (BENCH_TICKETS changes it). The account is served by the local Zendesk and synced as
 * the scheduler does (no request budget; conversation text from 90 days back) into a throw-away PostgreSQL server (as
 * the tests start it; PGlite on disk when PostgreSQL is not installed). Then the tickets created in the last 30 days
 * are kept (the rest deleted from this throw-away copy) and the runner checks them all, as after a first sync: every
 * batch read from the synced tables, checked and written. Prints tickets checked per second on one core (the runner
 * is one Node thread; the database works in its own process), the time for the month, and the share of time spent
 * checking versus reading and writing. No figure is asserted: it is printed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDevhost, type Manifest } from '../../src/devhost/devhost.ts';
import { createZendeskState } from '../../src/devhost/zendesk-state.ts';
import { runChecks } from '../../src/server/autoqa/checks.ts';
import { checkSet, defaultCheckSet, runAutoQa } from '../../src/server/autoqa/runner.ts';
import { conversationOf, DE_QUESTION, EN_QUESTION } from '../../src/server/autoqa/testing.ts';
import { createPgDb, createPgliteDb, type Db } from '../../src/server/db/db.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { syncAccount } from '../../src/server/sync/sync-account.ts';
import { exportClient } from '../../src/server/sync/zendesk-export-client.ts';
import startPgCluster from '../support/pg-cluster.ts';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000);
const DAY_MS = 86_400_000;
const ACCOUNT = 'bench';

async function count(db: Db, sql: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(sql, [ACCOUNT]);
  return Number(row?.n ?? 0);
}

async function main(): Promise<void> {
  let pgUrl: string | null = null;
  const stopPg = await startPgCluster({ provide: (_key: string, url: string | null) => (pgUrl = url) } as unknown as TestProject);
  const dir = pgUrl ? null : await mkdtemp(join(tmpdir(), 'bench-autoqa-'));
  const db = pgUrl ? await createPgDb(pgUrl) : await createPgliteDb(dir!);
  try {
    await migrate(db);
    let started = performance.now();
    const state = createZendeskState({ largeAccount: { tickets: TICKETS } });
    const manifest = { name: 'bench', version: '0', location: { support: {} }, parameters: [] } as Manifest;
    const devhost = await createDevhost({ state, manifest, bundle: { files: new Map() } }).listen(0);
    await fetch(`${devhost.hostOrigin}/__devhost/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ budgetPerMinute: 1e9, exportsPerMinute: 1e9 }),
    });
    const client = exportClient(
      { subdomain: ACCOUNT, appId: 1, ...state.apiCredential, zendeskUrl: devhost.hostOrigin },
      { share: 1, exportsPerMinute: 1e9 },
    );
    const sync = await syncAccount(db, ACCOUNT, client, {
      clock: { now: () => new Date() },
      comments: true,
      commentsSince: Math.floor((Date.now() - 90 * DAY_MS) / 1000),
    });
    await devhost.close();
    if (sync.error) throw new Error(`sync: ${sync.error}`);
    console.log(
      `storage: ${pgUrl ? 'PostgreSQL (a throw-away server)' : 'PGlite on disk (PostgreSQL not installed)'}; synced ${sync.tickets} tickets, ` +
        `${sync.comments} comments in ${((performance.now() - started) / 1000).toFixed(0)} s (setup, not measured)`,
    );

    // one month of tickets: those created in the last 30 days
    const since = new Date(Date.now() - 30 * DAY_MS).toISOString();
    await db.query(`DELETE FROM synced_tickets WHERE account = $1 AND created_at < '${since}'`, [ACCOUNT]);
    const month = await count(db, 'SELECT count(*)::int AS n FROM synced_tickets WHERE account = $1');
    const withText = await count(
      db,
      'SELECT count(*)::int AS n FROM synced_tickets t WHERE account = $1 AND EXISTS (SELECT 1 FROM synced_comments c WHERE c.account = t.account AND c.ticket_id = t.ticket_id)',
    );
    const messages = await count(
      db,
      `SELECT count(*)::int AS n FROM synced_comments c JOIN synced_tickets t USING (account, ticket_id) WHERE c.account = $1 AND c.public`,
    );

    // the checks' one-off start-up (dictionaries, lexicons), apart
    started = performance.now();
    const base = defaultCheckSet();
    await runChecks(
      base.all,
      conversationOf([
        ['end-user', EN_QUESTION],
        ['agent', 'Hi, it ships today. Best regards'],
        ['end-user', DE_QUESTION],
        ['agent', 'Hallo, sie ist unterwegs. Viele Grüße'],
      ]),
    );
    const startupMs = performance.now() - started;
    // time spent inside the checks, to tell checking from reading and writing
    let checkingMs = 0;
    const timed = checkSet(
      base.all.map((c) => ({
        id: c.id,
        version: c.version,
        run(conversation) {
          const t = performance.now();
          const r = c.run(conversation);
          checkingMs += performance.now() - t;
          return r;
        },
      })),
    );
    const cpu = process.cpuUsage();
    const run = await runAutoQa(db, ACCOUNT, { clock: { now: () => new Date() }, checks: timed });
    const used = process.cpuUsage(cpu);
    const cpuS = (used.user + used.system) / 1e6;
    const results = await count(db, 'SELECT count(*)::int AS n FROM autoqa_results WHERE account = $1');
    const again = await runAutoQa(db, ACCOUNT, { clock: { now: () => new Date() }, checks: timed });

    const wallS = run.ms / 1000;
    console.log(
      `one month: ${month} tickets (${withText} with text, ${messages} public messages) of ${TICKETS}; checks start-up ${(startupMs / 1000).toFixed(1)} s`,
    );
    console.log(
      `runner: ${run.checked} tickets in ${run.batches} batches, ${wallS.toFixed(1)} s wall (${(run.checked / wallS).toFixed(0)} tickets/s on one core), ` +
        `Node CPU ${cpuS.toFixed(1)} s (${(run.checked / cpuS).toFixed(0)} tickets per CPU second); ${results} results stored`,
    );
    console.log(
      `of the wall time: checks ${((checkingMs / run.ms) * 100).toFixed(0)}%, reading and writing ${(100 - (checkingMs / run.ms) * 100).toFixed(0)}%`,
    );
    console.log(
      `the month on this machine: ${(wallS / 60).toFixed(1)} min with one runner (target: under 10 min on 2 cores); ` +
        `a second run right after checks ${again.checked} tickets in ${(again.ms / 1000).toFixed(1)} s (nothing changed)`,
    );
  } finally {
    await db.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    await stopPg?.();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

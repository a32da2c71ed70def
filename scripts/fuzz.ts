/**
 * `npm run fuzz -- [count] [--seed N] [--only pg|pglite]`: the fuzz test of tests/integration/fuzz.test.ts, longer
 * (default 10,000 generated requests per backend), on PGlite and on a throw-away PostgreSQL server when its binaries
 * are installed. Prints the requests sent per status and per route, every failure (a 5xx, or a malformed request
 * not answered 4xx) and whether the account's data changed; exits 1 when anything failed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createPgDb, createPgliteDb, type Db } from '../src/server/db/db.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { fuzzFixture, runFuzz, snapshot } from '../tests/support/fuzz.ts';
import startPgCluster from '../tests/support/pg-cluster.ts';

const argv = process.argv.slice(2);
const flag = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const count = Number(argv.find((a, i) => /^\d+$/.test(a) && !['--seed', '--only'].includes(argv[i - 1] ?? '')) ?? 10_000);
const seed = flag('--seed') === undefined ? undefined : Number(flag('--seed'));
const only = flag('--only');

async function fuzz(name: string, open: () => Promise<Db>): Promise<boolean> {
  const db = await open();
  try {
    await migrate(db);
    const fx = await fuzzFixture(db);
    const before = await snapshot(db, fx.tenant.account);
    const started = Date.now();
    const result = await runFuzz(fx, { runs: count, ...(seed === undefined ? {} : { seed }) });
    const seconds = (Date.now() - started) / 1000;
    const after = await snapshot(db, fx.tenant.account);
    const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
    const fiveHundreds = Object.entries(result.byStatus)
      .filter(([status]) => Number(status) >= 500)
      .reduce((n, [, c]) => n + c, 0);
    const errors = fx.tenant.logEntries.filter((e) => e.level === 'error').length;

    console.log(
      `\n${name}: ${result.requests} requests in ${seconds.toFixed(1)} s (seed ${result.seed}; ${result.skipped} generated writes that may be valid were not sent)`,
    );
    console.log(
      `  by status: ${Object.entries(result.byStatus)
        .map(([s, n]) => `${s}: ${n}`)
        .join(', ')}`,
    );
    console.log(`  5xx: ${fiveHundreds}; error log lines: ${errors}; tables changed: ${changed.length ? changed.join(', ') : 'none'}`);
    console.log('  by route:');
    const width = Math.max(...Object.keys(result.byRoute).map((k) => k.length));
    for (const [route, statuses] of Object.entries(result.byRoute).sort(([a], [b]) => a.localeCompare(b))) {
      const total = Object.values(statuses).reduce((a, b) => a + b, 0);
      console.log(
        `    ${route.padEnd(width)}  ${String(total).padStart(5)}  ${Object.entries(statuses)
          .map(([s, n]) => `${s}: ${n}`)
          .join(', ')}`,
      );
    }
    if (result.failures.length) {
      console.log(`  failures (${result.failures.length}):`);
      for (const f of result.failures.slice(0, 30)) console.log(`    ${f}`);
    }
    return result.failures.length === 0 && changed.length === 0 && fiveHundreds === 0;
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  let pgUrl: string | null = null;
  const stopPg =
    only === 'pglite'
      ? undefined
      : await startPgCluster({ provide: (_key: string, url: string | null) => (pgUrl = url) } as unknown as TestProject);
  process.once('SIGINT', () => void (stopPg?.() ?? Promise.resolve()).finally(() => process.exit(130)));
  const dataDir = await mkdtemp(join(tmpdir(), 'qa-fuzz-pglite-'));
  let ok = true;
  try {
    if (only !== 'pg') ok = (await fuzz('PGlite', () => createPgliteDb(dataDir))) && ok;
    const url: string | null = pgUrl;
    if (url && only !== 'pglite') ok = (await fuzz('PostgreSQL', () => createPgDb(url, { max: 20 }))) && ok;
    else if (only !== 'pglite') console.log('\nPostgreSQL binaries not found: PGlite only');
  } finally {
    await stopPg?.();
    await rm(dataDir, { recursive: true, force: true });
  }
  console.log(ok ? '\nno 5xx, every malformed request refused with a 4xx, no data changed' : '\nFAILED');
  process.exit(ok ? 0 : 1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

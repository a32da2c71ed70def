import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated-on-demand PostgreSQL database for the pg variant of the integration tests; null when skipped. */
    pgUrl: string | null;
  }
}

const run = promisify(execFile);

/** initdb and pg_ctl: $PG_BIN, then Debian's /usr/lib/postgresql/<newest>/bin, then PATH. */
function findPgBin(): string | null {
  const candidates = [process.env.PG_BIN];
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => `/usr/lib/postgresql/${v}/bin`));
  }
  for (const dir of candidates) if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  try {
    const pgCtl = execFileSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).trim();
    if (pgCtl && existsSync(join(pgCtl, '..', 'initdb'))) return join(pgCtl, '..');
  } catch {
    // not on PATH
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Vitest globalSetup: a throw-away PostgreSQL server on loopback for the pg variant of the integration
 * tests. Missing binaries fail the run in CI and skip the pg variant (loudly) elsewhere.
 * TEST_DATABASE_URL points the tests at an existing server instead.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('pgUrl', process.env.TEST_DATABASE_URL);
    return undefined;
  }
  const bin = findPgBin();
  if (!bin) {
    const message =
      'PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian\'s "postgresql" package, set PG_BIN, or TEST_DATABASE_URL';
    if (process.env.CI) throw new Error(`${message} (CI must run the PostgreSQL variant of the tests)`);
    console.warn(
      `\n${'!'.repeat(100)}\nWARNING: ${message}.\nSKIPPING the PostgreSQL variant of the integration tests; only PGlite runs.\n${'!'.repeat(100)}\n`,
    );
    project.provide('pgUrl', null);
    return undefined;
  }

  const dir = await mkdtemp(join(tmpdir(), 'qa-pg-'));
  const data = join(dir, 'data');
  // initdb refuses to run as root: run the server as the postgres user then
  let asUser: string[] = [];
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    await chown(dir, uid, gid);
    asUser = ['runuser', '-u', 'postgres', '--'];
  }
  const sh = (cmd: string, args: string[]) => {
    const [file, ...rest] = [...asUser, join(bin, cmd), ...args];
    return run(file!, rest, { cwd: dir });
  };
  const port = await freePort();
  try {
    await sh('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    const options = [
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      `-p ${port}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
      '-c random_page_cost=1.1',
      '-c max_parallel_workers_per_gather=0',
    ].join(' ');
    await sh('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`could not start the test PostgreSQL server: ${err instanceof Error ? err.message : String(err)}`);
  }
  const admin = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE qa_test');
  await admin.end();
  const url = `postgresql://postgres@127.0.0.1:${port}/qa_test`;
  process.env.TEST_PG_URL = url;
  project.provide('pgUrl', url);

  return async () => {
    await sh('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  };
}

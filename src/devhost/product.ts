/**
 * The whole product on one machine: the app built, the QA service on embedded PGlite, demo data, and the local
 * Zendesk around them. Shared by `npm start` (scripts/start.ts) and the e2e tests (tests/support/devhost.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { createApp } from '../server/app.ts';
import { diskAppFiles } from '../server/app-files.ts';
import { createPgliteDb, type Db } from '../server/db/db.ts';
import { migrate } from '../server/db/migrate.ts';
import { systemClock, type AccountConfig } from '../server/deps.ts';
import { consoleLogger } from '../server/log.ts';
import { createSyncScheduler, type SyncScheduler } from '../server/sync/scheduler.ts';
import { createDevhost, type Manifest, type RunningDevhost } from './devhost.ts';
import { buildHostBundle } from './host-bundle.ts';
import { IDS } from './sample-data.ts';
import { seedDemo, type SeedResult } from './seed.ts';
import { createZendeskState, type HostReport } from './zendesk-state.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The local Zendesk's tickets, in the data folder beside the service's database. */
export const ZENDESK_STATE_FILE = 'local-zendesk.json';
// what goes into dist/: a change in any of these makes the build stale
const APP_SOURCES = ['src/app', 'src/core', 'translations', 'assets', 'manifest.json', 'requirements.json', 'vite.config.ts'];

/** The newest modification time (ms) among the app's sources. */
export function appSourcesChangedAt(): number {
  return newest(APP_SOURCES.map((p) => join(ROOT, p)));
}

function newest(paths: string[]): number {
  let latest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const info = statSync(path);
    latest = Math.max(latest, info.mtimeMs, info.isDirectory() ? newest(readdirSync(path).map((e) => join(path, e))) : 0);
  }
  return latest;
}

export interface ProductOptions {
  /** PGlite folder, or `memory://` for a throw-away database. */
  dataDir: string;
  /** Devhost port; 0 picks a free one. */
  port?: number;
  /** Where the built app goes (default `dist/`); tests use a temp folder. */
  distDir?: string;
  /** `always` rebuilds; `if-stale` when a source is newer than the build; `never` serves what is there. */
  buildApp?: 'always' | 'if-stale' | 'never';
  /** Demo data on a fresh database: `full` (4 weeks), `small` (a few days, for tests), or none. */
  seed?: 'full' | 'small' | false;
  /** Whether requirements.json is installed (default true); without it, like zcli, the field ids go in settings. */
  requirements?: boolean;
  /** Printed progress; silent by default. */
  log?: (line: string) => void;
  /** Unimplemented-protocol and error reports (default: printed to stderr). */
  onReport?: (report: HostReport) => void;
  /** Serve a large generated account (large-account.ts) on top of the sample one; kept in memory only, not in the data folder. */
  largeAccount?: { tickets: number; seed?: number };
  /** The service syncs the local Zendesk on a schedule (decision 026), every `intervalMs` (`npm start`: on; default off). */
  sync?: { intervalMs: number; checkEveryMs?: number };
}

export interface RunningProduct {
  devhost: RunningDevhost;
  db: Db;
  /** The service's account `acme` (QA_ACCOUNTS entry): the local Zendesk's URL and the API credential it accepts. */
  account: AccountConfig;
  seed: SeedResult | null;
  /** The scheduled sync, when `sync` asked for it. */
  sync: SyncScheduler | null;
  /** Milliseconds per start-up step, for the start-up report. */
  timings: Record<string, number>;
  close(): Promise<void>;
}

/**
 * Builds the app package with the project's vite.config.ts into `distDir` (QA_DIST_DIR is how that config takes
 * it), via a scratch folder: a failed build leaves the previous one in place.
 */
export async function buildApp(distDir: string): Promise<void> {
  const previous = process.env.QA_DIST_DIR;
  const scratch = `${distDir}.next-${process.pid}`;
  process.env.QA_DIST_DIR = scratch;
  try {
    await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
    await rm(distDir, { recursive: true, force: true });
    await rename(scratch, distDir);
  } finally {
    await rm(scratch, { recursive: true, force: true });
    if (previous === undefined) delete process.env.QA_DIST_DIR;
    else process.env.QA_DIST_DIR = previous;
  }
}

export async function startProduct(options: ProductOptions): Promise<RunningProduct> {
  const log = options.log ?? (() => {});
  const timings: Record<string, number> = {};
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const result = await fn();
    timings[name] = Math.round(performance.now() - t);
    return result;
  };
  const distDir = resolve(options.distDir ?? join(ROOT, 'dist'));
  const mode = options.buildApp ?? 'if-stale';
  const builtAt = existsSync(join(distDir, 'manifest.json')) ? statSync(join(distDir, 'manifest.json')).mtimeMs : 0;
  const buildNeeded = mode === 'always' || (mode === 'if-stale' && appSourcesChangedAt() > builtAt);

  // the builds (~1 s each) and the database (~5 s for a new PGlite) do not depend on each other
  const hostBundle = buildHostBundle();
  const appBuild = buildNeeded
    ? step('build app', () => buildApp(distDir)).catch((err: unknown) => {
        // half-edited sources should not stop the local Zendesk when an earlier build can still be served
        if (!builtAt) throw err;
        console.error(
          `\n!!! The app did not build; serving the previous build from ${distDir}.\n${err instanceof Error ? err.message : String(err)}\n`,
        );
      })
    : Promise.resolve();
  const db = await step('open database', async () => {
    if (options.dataDir !== 'memory://') await mkdir(options.dataDir, { recursive: true });
    const db = await createPgliteDb(options.dataDir);
    await migrate(db);
    return db;
  });
  await appBuild;
  log(buildNeeded ? `app built into ${distDir}` : `serving the existing build in ${distDir}`);

  const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as Manifest;
  const onReport =
    options.onReport ??
    ((r: HostReport) => console.error(`[devhost] ${r.kind === 'unimplemented' ? 'UNIMPLEMENTED' : 'ERROR'}: ${r.message}`));
  const requirements = options.requirements ?? true;
  const state = createZendeskState({
    settings: requirements ? {} : { scoreFieldId: IDS.fields.qaScore, resultFieldId: IDS.fields.qaResult },
    requirementsInstalled: requirements,
    onReport,
    // the account's tickets live beside the service's data, so a restart keeps both (memory:// keeps neither); a large
    // generated account is the same on every start and too large to rewrite after each change
    ...(options.dataDir === 'memory://' || options.largeAccount ? {} : { stateFile: join(options.dataDir, ZENDESK_STATE_FILE) }),
    ...(options.largeAccount ? { largeAccount: options.largeAccount } : {}),
  });

  // the service is configured with the local Zendesk's URL, known once it listens: listen first, bind it after
  const devhost = await step('devhost', () =>
    createDevhost({ state, manifest, assetsDir: join(ROOT, 'assets'), bundle: hostBundle }).listen(options.port ?? 0),
  );
  // installationId and publicKey left out: the service asks the local Zendesk for them, as it may a real one
  const account: AccountConfig = {
    subdomain: state.subdomain,
    appId: state.appId,
    apiUser: state.apiCredential.apiUser,
    apiToken: state.apiCredential.apiToken,
    zendeskUrl: devhost.hostOrigin,
  };
  const accounts = [account];
  const appFiles = diskAppFiles(distDir);
  const serviceLog = consoleLogger('[service]');
  const service = createApp({ db, clock: systemClock, accounts, appFiles, logger: serviceLog });
  devhost.setService((request, env) => service.fetch(request, env));

  let seed: SeedResult | null = null;
  try {
    if (options.seed) {
      seed = await step('seed', () =>
        seedDemo({
          // the seed's clock walks through past days; sign-ins and sessions keep real time
          serviceAt: (clock) => createApp({ db, clock, authClock: systemClock, accounts, appFiles, logger: serviceLog }),
          sign: (userId) => state.signLoad(userId, 'ticket_sidebar'),
          state,
          now: new Date(),
          ...(options.seed === 'small' ? { days: 5, perDay: 4 } : {}),
        }),
      );
      log(
        seed.seeded
          ? `demo data: ${seed.scorecards} scorecards, ${seed.evaluations} evaluations (${seed.disputes} disputed)`
          : 'demo data already there',
      );
    }
  } catch (err) {
    await devhost.close();
    await state.flush();
    await db.close();
    throw err;
  }

  // after the seed: the sync reads the tickets the seed may have changed (the QA fields written back)
  const sync = options.sync
    ? createSyncScheduler({
        db,
        accounts,
        clock: systemClock,
        logger: serviceLog,
        intervalMs: options.sync.intervalMs,
        ...(options.sync.checkEveryMs ? { checkEveryMs: options.sync.checkEveryMs } : {}),
      })
    : null;
  sync?.start();

  return {
    devhost,
    db,
    account,
    seed,
    sync,
    timings,
    async close() {
      await sync?.stop();
      await devhost.close();
      await state.flush();
      await db.close();
    },
  };
}

import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { createApp } from './app.ts';
import { diskAppFiles } from './app-files.ts';
import { loadConfig } from './config.ts';
import { createPgDb, createPgliteDb, type Db } from './db/db.ts';
import { migrate } from './db/migrate.ts';
import { systemClock } from './deps.ts';
import { heavyLimitsFor } from './limits/heavy.ts';
import { pinoLogger } from './log.ts';
import { createSyncScheduler } from './sync/scheduler.ts';

/** JSON lines on stdout, `level` as a word (`LOG_LEVEL`: info, warn, error; default info). */
const log = pino({ level: process.env.LOG_LEVEL ?? 'info', formatters: { level: (label) => ({ level: label }) } });

/** `npm run service`: config from the environment, migrations, then HTTP. */
async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    log.error(loaded.message);
    process.exit(1);
  }
  const { config } = loaded;

  let db: Db;
  let heavyDb: Db | undefined;
  let applied: string[];
  const { bounds } = config;
  const heavy = {
    ...(bounds.heavyPerAccount ? { perAccount: bounds.heavyPerAccount } : {}),
    ...(bounds.heavyTotal ? { total: bounds.heavyTotal } : {}),
  };
  if (config.storage.kind === 'pg') {
    // migrations (and the wait for their lock) on a connection of their own, without the requests' statement timeout
    const migrator = await createPgDb(config.storage.url, { max: 1 });
    try {
      applied = await migrate(migrator);
    } finally {
      await migrator.close();
    }
    db = await createPgDb(config.storage.url, { statementTimeoutMs: bounds.statementTimeoutMs });
    // heavy requests on a pool of their own: never more connections than may run at once, so light requests never queue behind them
    heavyDb = await createPgDb(config.storage.url, {
      max: heavyLimitsFor('pg', heavy).total,
      statementTimeoutMs: bounds.heavyStatementTimeoutMs,
    });
  } else {
    const dir = resolve(config.storage.dataDir);
    await mkdir(dir, { recursive: true });
    db = await createPgliteDb(dir);
    applied = await migrate(db);
  }
  const where = config.storage.kind === 'pg' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${resolve(config.storage.dataDir)}`;
  log.info(`storage: ${where}; migrations applied now: ${applied.length ? applied.join(', ') : 'none'}`);

  const logger = pinoLogger(log);
  const app = createApp({
    db,
    clock: systemClock,
    accounts: config.accounts,
    appFiles: diskAppFiles(config.appDir),
    trustProxy: config.trustProxy,
    logger,
    heavy,
    ...(heavyDb ? { heavyDb } : {}),
  });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    log.info(
      `Ticket QA service on http://${config.host}:${info.port} (accounts: ${config.accounts.map((a) => a.subdomain).join(', ')}; app from ${resolve(config.appDir)})`,
    );
  });

  // each account's Zendesk synced on a schedule; instances share the work through a lease per account (decision 026)
  const sync = config.sync.enabled
    ? createSyncScheduler({ db, accounts: config.accounts, clock: systemClock, logger, intervalMs: config.sync.intervalMinutes * 60_000 })
    : null;
  sync?.start();
  log.info(sync ? `zendesk sync: every ${config.sync.intervalMinutes} min per account (as ${sync.holder})` : 'zendesk sync: off (QA_SYNC)');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: closing`);
    // close the database after in-flight requests and sync pages finish, so PGlite's files are left consistent
    const closeDb = () => void Promise.all([db.close(), heavyDb?.close()]).then(() => process.exit(0));
    server.close(() => void (sync ? sync.stop().then(closeDb, closeDb) : closeDb()));
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  log.error(`service failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

/**
 * `npm start`: the whole product on this machine, no Zendesk account needed. Builds the app when its sources
 * changed, opens the QA service on embedded PGlite in DATA_DIR (default ./.data), seeds demo data on first start,
 * and serves the local Zendesk on PORT (default 4567). Prints one URL; Ctrl-C stops cleanly.
 */
import { resolve } from 'node:path';
import { ROOT, startProduct } from '../src/devhost/product.ts';

async function main(): Promise<void> {
  const started = performance.now();
  const port = Number(process.env.PORT ?? 4567);
  const dataDir = resolve(ROOT, process.env.DATA_DIR ?? '.data');
  // QA_REQUIREMENTS=off: as with zcli, no requirements.json fields; the app finds the field ids in its settings
  const requirements = process.env.QA_REQUIREMENTS !== 'off';
  // LOCAL_ZENDESK_TICKETS=100000: the local Zendesk serves that many generated tickets more (in memory, the same each start)
  const largeTickets = Number(process.env.LOCAL_ZENDESK_TICKETS ?? 0);
  const product = await startProduct({
    dataDir,
    port,
    seed: 'full',
    requirements,
    log: (line) => console.log(`  ${line}`),
    // the service syncs the local Zendesk's tickets, users and conversations by itself: first now, then every minute
    sync: { intervalMs: 60_000, checkEveryMs: 15_000 },
    ...(largeTickets > 0 ? { largeAccount: { tickets: Math.trunc(largeTickets) } } : {}),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`  storage: PGlite in ${dataDir}; start-up steps (ms): ${JSON.stringify(product.timings)}`);
  console.log(`\nTicket QA is running (started in ${seconds} s). Open:\n\n    ${product.devhost.url}\n`);
  console.log("  (the page is a local Zendesk; the app runs on http://127.0.0.1 like on Zendesk's CDN. Ctrl-C stops.)");

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping`);
    // close the database after the server, so PGlite's files are left consistent
    product.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('stop failed:', err);
        process.exit(1);
      },
    );
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('npm start failed:', err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});

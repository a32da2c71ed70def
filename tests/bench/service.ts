/**
 * `npm run bench:service`: the reporting service in-process on PostgreSQL (a throw-away server, as the
 * tests start it) and on PGlite, over loopback HTTP with 50 connections.
 * Prints: evaluations stored per second vs the same server's parse-only ceiling, rows counted after
 * the load, report latency end to end over 100k and 1M evaluations, and peak memory of this process.
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { TestProject } from 'vitest/node';
import { EvaluationCreate } from '../../src/core/evaluation.ts';
import type { ScorecardDefinitionInput } from '../../src/core/scorecard.ts';
import type { QaRole } from '../../src/core/evaluation.ts';
import { newAppKeyPair, signAppToken } from '../../src/devhost/app-token.ts';
import { createApp } from '../../src/server/app.ts';
import { policyOf, savePolicy } from '../../src/server/store/policies.ts';
import { bootOf, LEAD_GROUP, personFor, REVIEWER_GROUP, signedLoad } from '../support/db-client.ts';
import { fakeZendesk, type FakeAccount } from '../support/zendesk-fake.ts';
import { authenticate, type AppEnv } from '../../src/server/auth.ts';
import { createPgDb, createPgliteDb, type Db } from '../../src/server/db/db.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { systemClock } from '../../src/server/deps.ts';
import { consoleLogger } from '../../src/server/log.ts';
import { parseOrThrow, readJson } from '../../src/server/errors.ts';
import { rebuildRollup } from '../../src/server/store/reports/rollup.ts';
import startPgCluster from '../support/pg-cluster.ts';

const CONNECTIONS = 50;
const ACCOUNTS = { bench: 'bench', bulk100k: 'bulk100k', bulk1m: 'bulk1m' };
type Account = keyof typeof ACCOUNTS;
const CRITERIA = 10;
const RUNS = 5;
// BENCH_QUICK=1: a small smoke run of the same steps (sizes / 20)
const SCALE = process.env.BENCH_QUICK === '1' ? 20 : 1;
// `-- --ingest-only`: skip the bulk loads and report timings; `--repeat N`: N ceiling/ingest/ceiling rounds (median ratio)
const argv = process.argv.slice(2);
const INGEST_ONLY = argv.includes('--ingest-only');
const REPEAT = Math.max(1, Number(argv[argv.indexOf('--repeat') + 1]) || 1);
// `--only pg|pglite`: one backend
const ONLY = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
// `--pool N`: the pg pool size (the service's default otherwise)
const POOL = argv.includes('--pool') ? Number(argv[argv.indexOf('--pool') + 1]) : undefined;

// ---------------------------------------------------------------------------------------------
// memory: this process's RSS (PGlite runs inside it; the PostgreSQL server is another process)

let phasePeak = 0;
const rssSampler = setInterval(() => {
  phasePeak = Math.max(phasePeak, process.memoryUsage.rss());
}, 100);
rssSampler.unref();
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
function takePeak(): number {
  const peak = Math.max(phasePeak, process.memoryUsage.rss());
  phasePeak = 0;
  return peak;
}

// ---------------------------------------------------------------------------------------------

const card: ScorecardDefinitionInput = {
  name: 'Bench',
  method: 'weighted-criteria',
  sections: [
    {
      id: 's',
      name: 'All',
      criteria: Array.from({ length: CRITERIA }, (_, i) => ({
        id: `c${i}`,
        label: `Criterion ${i}`,
        scale: { preset: '3-point' as const },
        weight: 1 + (i % 3),
        ...(i === 0 ? { critical: { effect: 'zero' as const } } : {}),
      })),
    },
  ],
};

// sessions from Zendesk-signed loads (a fake Zendesk answers who is who), signed in once per backend
const sessions = new Map<string, string>();
const headers = (role = 'reviewer', user = 9, account: Account = 'bench') => {
  const session = sessions.get(`${account}/${role}/${user}`);
  if (!session) throw new Error(`no session for ${role} ${user} of ${account}`);
  return { authorization: `Bearer ${session}`, 'content-type': 'application/json' };
};
const keyPair = newAppKeyPair();
const zendeskAccounts: FakeAccount[] = Object.keys(ACCOUNTS).map((subdomain, i) => ({
  subdomain,
  appId: 1001,
  installationId: 3001 + i,
  apiUser: `qa@${subdomain}.example.com`,
  apiToken: 'b'.repeat(40),
  publicKeyPem: keyPair.publicKeyPem,
}));
const zendesk = fakeZendesk(zendeskAccounts);

/** Signs in every user the bench acts as, through the same signed load Zendesk makes. */
async function signIn(app: ReturnType<typeof createApp>, db: Db): Promise<void> {
  const users: Array<[Account, string, number]> = [
    ['bench', 'reviewer', 9],
    ...Object.keys(ACCOUNTS).flatMap(
      (a) =>
        [
          [a, 'admin', 1],
          [a, 'lead', 2],
        ] as Array<[Account, string, number]>,
    ),
  ];
  for (const [account, role, user] of users) {
    const z = zendeskAccounts.find((x) => x.subdomain === account)!;
    const p = await policyOf(db, account);
    await savePolicy(db, account, { ...p, reviewerGroupIds: [REVIEWER_GROUP], leadGroupIds: [LEAD_GROUP] }, new Date(), 0);
    zendesk.setPerson(account, user, personFor(role as QaRole, user));
    const token = await signAppToken(keyPair.privateKey, {
      subdomain: account,
      appId: z.appId,
      installationId: z.installationId,
      userId: user,
      location: 'ticket_sidebar',
    });
    const res = await signedLoad(app, token);
    if (res.status !== 200) throw new Error(`sign-in of ${role} ${user}: ${res.status}`);
    sessions.set(`${account}/${role}/${user}`, bootOf(await res.text()).session);
  }
}

interface Backend {
  name: string;
  open(): Promise<Db>;
  cleanup(): Promise<void>;
}

interface Load {
  rate: number;
  ok: number;
  other: number;
  errors: number;
  p99: number;
  /** Ids of the evaluations the service answered 2xx for. */
  acknowledged: string[];
}

/** autocannon in a child process (in this one it would compete with the service for the event loop). */
async function load(base: string, path: string, scorecardId: string, amount: number): Promise<Load> {
  const args = { url: base, path, amount, connections: CONNECTIONS, headers: headers(), scorecardId, criteria: CRITERIA };
  const child = fork(fileURLToPath(new URL('./load-process.mjs', import.meta.url)), [JSON.stringify(args)], { execArgv: [] });
  const r = await new Promise<Omit<Load, 'rate'> & { duration: number }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as never));
    child.once('error', reject);
    // after a message this is a no-op; without one the run would otherwise hang (the delay lets a late message in)
    child.once('exit', (code) => setTimeout(() => reject(new Error(`load generator exited with ${code} without a result`)), 500));
  });
  return { rate: r.ok / r.duration, ok: r.ok, other: r.other, errors: r.errors, p99: r.p99, acknowledged: r.acknowledged };
}

async function api(base: string, method: string, path: string, body?: unknown, account: Account = 'bench'): Promise<any> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: headers('admin', 1, account),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function publishedCard(base: string, account: Account): Promise<string> {
  const { id } = await api(base, 'POST', '/api/v1/scorecards', card, account);
  await api(base, 'POST', `/api/v1/scorecards/${id}/publish`, undefined, account);
  return id as string;
}

/** n evaluations spread over 2024-2025 (730 days), 400 agents in 20 groups, 4 channels; rollup rebuilt after. */
async function bulkLoad(db: Db, account: string, scorecardId: string, n: number): Promise<number> {
  const started = performance.now();
  const spacing = Math.floor((730 * 86_400) / n);
  const chunk = 100_000;
  // bulk-load practice: secondary indexes are rebuilt once after the load instead of row by row
  const indexes = await db.query<{ name: string; definition: string }>(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
     WHERE tablename = 'evaluations' AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'evaluations'::regclass)`,
  );
  for (const index of indexes) await db.exec(`DROP INDEX ${index.name}`);
  await db.exec('ALTER TABLE evaluations DISABLE TRIGGER evaluations_report_daily');
  try {
    for (let from = 1; from <= n; from += chunk) {
      const to = Math.min(n, from + chunk - 1);
      await db.query(
        `INSERT INTO evaluations (account, id, ticket_id, reviewee_id, reviewer_id, scorecard_id, scorecard_version, kind, status,
           channel, group_id, raw_score, final_score, passed, critical_failures, critical_failed, answers, request_hash,
           created_at, updated_at)
         SELECT $1, gen_random_uuid(), g, r.reviewee, 9000 + g % 25, $2, 1, 'review', 'submitted',
           (ARRAY['email', 'chat', 'voice', 'web'])[1 + r.reviewee % 4], 100 + r.reviewee % 20,
           r.score, CASE WHEN r.critical THEN 0 ELSE r.score END, r.score >= 80 AND NOT r.critical,
           CASE WHEN r.critical THEN ARRAY['c0'] ELSE '{}'::text[] END, r.critical, '[]'::jsonb, 'bulk',
           timestamptz '2024-01-01 00:00:00+00' + g * make_interval(secs => $3), timestamptz '2024-01-01 00:00:00+00' + g * make_interval(secs => $3)
         FROM generate_series($4::bigint, $5::bigint) AS g,
           LATERAL (SELECT 1 + (g * 7919) % 400 AS reviewee, round((40 + random() * 60)::numeric, 2)::float8 AS score,
                           random() < 0.04 AS critical) AS r`,
        [account, scorecardId, spacing, from, to],
      );
    }
  } finally {
    await db.exec('ALTER TABLE evaluations ENABLE TRIGGER evaluations_report_daily');
    for (const index of indexes) await db.exec(index.definition);
  }
  await rebuildRollup(db, account);
  await db.exec('ANALYZE');
  return (performance.now() - started) / 1000;
}

const REPORTS: Array<[string, string]> = [
  ['summary, all time', '/api/v1/reports/summary'],
  ['summary, one month', '/api/v1/reports/summary?from=2025-06-01&to=2025-06-30'],
  ['trend by week, all time', '/api/v1/reports/trend?period=week'],
  ['trend by month, all time', '/api/v1/reports/trend?period=month'],
  ['breakdown by group, 90 days', '/api/v1/reports/breakdown?dimension=group&from=2025-10-01&to=2025-12-31'],
  ['breakdown by agent, one month', '/api/v1/reports/breakdown?dimension=reviewee&from=2025-06-01&to=2025-06-30'],
  ['summary of one agent, all time', '/api/v1/reports/summary?revieweeId=7'],
];

/** Median wall time of RUNS requests (after one unmeasured), end to end over HTTP. */
async function timeReports(base: string, account: Account): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const [name, path] of REPORTS) {
    const get = async (): Promise<unknown> => {
      // a keep-alive socket may have timed out during the (event-loop blocking) PGlite bulk load: retry once
      const res = await fetch(`${base}${path}`, { headers: headers('lead', 2, account) }).catch(() =>
        fetch(`${base}${path}`, { headers: headers('lead', 2, account) }),
      );
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    await get();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await get();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    out.set(name, times[Math.floor(RUNS / 2)]!);
    log(`  ${name}: ${times[Math.floor(RUNS / 2)]!.toFixed(1)} ms`);
  }
  return out;
}

interface Round {
  ceiling: [Load, Load];
  ingest: Load;
}
const ceilingOf = (r: Round) => (r.ceiling[0].rate + r.ceiling[1].rate) / 2;
const ratioOf = (r: Round) => r.ingest.rate / ceilingOf(r);

interface BackendResult {
  name: string;
  rounds: Round[];
  /** All rounds' ingest together (counts and acknowledged ids). */
  ingest: Load;
  stored: number;
  duplicates: number;
  /** Acknowledged (2xx) ids not found in the database. */
  missing: number;
  answers: number;
  reported: number;
  bulk: Array<{ n: number; seconds: number; reports: Map<string, number> }>;
  peakRss: number;
}

async function benchBackend(backend: Backend, sizes: { ingest: number; ceiling: number }): Promise<BackendResult> {
  takePeak();
  const db = await backend.open();
  await migrate(db);
  const app = createApp({
    db,
    clock: systemClock,
    accounts: zendeskAccounts.map(({ publicKeyPem: _key, ...a }) => a),
    zendeskFetch: zendesk.fetch,
    appFiles: async (path) =>
      path === 'ticket-sidebar.html' ? { body: new TextEncoder().encode('<html><head></head></html>'), type: 'text/html' } : null,
    logger: consoleLogger('[service]'),
  });
  await signIn(app, db);
  // bench-only: the same authentication and schema as POST /evaluations, nothing stored
  app.route(
    '/bench',
    new Hono<AppEnv>().use(authenticate(app.identity, false)).post('/evaluations', async (c) => {
      const body = parseOrThrow(EvaluationCreate, await readJson(c.req));
      return c.json(body, 201);
    }),
  );
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const scorecardId = await publishedCard(base, 'bench');
    log(`${backend.name}: warm-up`);
    await load(base, '/bench/evaluations', scorecardId, 2000 / SCALE);
    const warm = await load(base, '/api/v1/evaluations', scorecardId, 1000 / SCALE);
    // statistics as a database in service has them (autovacuum would analyze soon anyway): without them, plans
    // cached while the tables were empty (foreign-key checks) scan instead of using the index
    await db.exec('ANALYZE');

    const rounds: Round[] = [];
    for (let round = 1; round <= REPEAT; round++) {
      const of = REPEAT > 1 ? ` (round ${round} of ${REPEAT})` : '';
      log(`${backend.name}: ceiling (parse only), ${sizes.ceiling} requests${of}`);
      const ceiling1 = await load(base, '/bench/evaluations', scorecardId, sizes.ceiling);
      log(`${backend.name}: ingest, ${sizes.ingest} evaluations${of}`);
      const ingest = await load(base, '/api/v1/evaluations', scorecardId, sizes.ingest);
      log(`${backend.name}: ceiling again${of}`);
      const ceiling2 = await load(base, '/bench/evaluations', scorecardId, sizes.ceiling);
      rounds.push({ ceiling: [ceiling1, ceiling2], ingest });
      log(
        `${backend.name}: ${Math.round(ingest.rate)} stored/s, ceiling ${Math.round(ceilingOf(rounds.at(-1)!))}, ratio ${Math.round(100 * ratioOf(rounds.at(-1)!))}%, p99 ${ingest.p99} ms`,
      );
    }
    const acknowledged = rounds.flatMap((r) => r.ingest.acknowledged);
    const ingest: Load = {
      rate: 0,
      ok: rounds.reduce((n, r) => n + r.ingest.ok, 0),
      other: rounds.reduce((n, r) => n + r.ingest.other, 0),
      errors: rounds.reduce((n, r) => n + r.ingest.errors, 0),
      p99: 0,
      acknowledged,
    };

    // nothing lost: every acknowledged id is stored; nothing duplicated: one row per id, ten answers each
    const [counts] = await db.query<{ evaluations: number; distinct: number; answers: number; missing: number }>(
      `SELECT (SELECT count(*) FROM evaluations WHERE account = 'bench')::int AS evaluations,
              (SELECT count(DISTINCT id) FROM evaluations WHERE account = 'bench')::int AS distinct,
              (SELECT count(*) FROM evaluation_answers WHERE account = 'bench')::int AS answers,
              (SELECT count(*) FROM unnest($1::uuid[]) AS a(id)
                WHERE NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.account = 'bench' AND e.id = a.id))::int AS missing`,
      [[...warm.acknowledged, ...acknowledged]],
    );
    const summary = await api(base, 'GET', '/api/v1/reports/summary');

    const bulk: BackendResult['bulk'] = [];
    const sizesOfBulk = INGEST_ONLY
      ? []
      : ([
          ['bulk100k', 100_000 / SCALE],
          ['bulk1m', 1_000_000 / SCALE],
        ] as const);
    for (const [account, n] of sizesOfBulk) {
      log(`${backend.name}: bulk load ${n.toLocaleString('en')} evaluations`);
      const id = await publishedCard(base, account);
      const seconds = await bulkLoad(db, account, id, n);
      log(`${backend.name}: loaded in ${seconds.toFixed(1)} s; timing reports`);
      bulk.push({ n, seconds, reports: await timeReports(base, account) });
    }
    return {
      name: backend.name,
      rounds,
      ingest,
      stored: counts!.evaluations - warm.ok,
      duplicates: counts!.evaluations - counts!.distinct,
      missing: counts!.missing,
      answers: counts!.answers - warm.ok * CRITERIA,
      reported: summary.count - warm.ok,
      bulk,
      peakRss: takePeak(),
    };
  } finally {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    (server as import('node:http').Server).closeAllConnections(); // keep-alive sockets would hold close() for seconds
    await closed;
    await db.close();
    await backend.cleanup();
  }
}

const log = (message: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

function printResults(results: BackendResult[]): void {
  const pad = (s: string, n: number) => s.padEnd(n);
  const num = (x: number) => Math.round(x).toLocaleString('en');
  const lines: string[] = [];
  lines.push('', `Ingest through HTTP (${CONNECTIONS} connections, loopback, ${CRITERIA} answers per evaluation)`);
  lines.push(`${pad('', 12)}${pad('ceiling req/s', 22)}${pad('stored eval/s', 15)}${pad('ratio', 8)}${pad('p99 ms', 8)}rows check`);
  for (const r of results) {
    // the median round by ratio (the machine is noisy; the ratio is the figure that matters)
    const median = [...r.rounds].sort((a, b) => ratioOf(a) - ratioOf(b))[Math.floor((r.rounds.length - 1) / 2)]!;
    const ceiling = ceilingOf(median);
    // a request the client gave up on (timeout) may still have been stored: more rows than 2xx is not a loss
    const late = r.stored - r.ingest.ok;
    const check =
      r.missing === 0 && r.duplicates === 0 && r.answers === r.stored * CRITERIA && r.reported === r.stored && late >= 0
        ? `ok: all ${num(r.ingest.ok)} acknowledged stored once (${num(r.stored)} rows${late > 0 ? `, ${late} after a client timeout` : ''}), ` +
          `${num(r.answers)} answers, report count equal`
        : `MISMATCH: ${r.missing} acknowledged missing, ${r.duplicates} duplicated, ${r.stored} rows, ${r.answers} answers, report ${r.reported}, ${r.ingest.ok} 2xx`;
    const failures = r.ingest.other + r.ingest.errors > 0 ? ` (${r.ingest.other} non-2xx, ${r.ingest.errors} errors)` : '';
    lines.push(
      `${pad(r.name, 12)}${pad(`${num(ceiling)} (${num(median.ceiling[0].rate)}, ${num(median.ceiling[1].rate)})`, 22)}${pad(num(median.ingest.rate), 15)}` +
        `${pad(`${Math.round(100 * ratioOf(median))}%`, 8)}${pad(String(median.ingest.p99), 8)}${check}${failures}`,
    );
    if (r.rounds.length > 1) {
      const each = r.rounds.map(
        (x) => `${Math.round(100 * ratioOf(x))}% (${num(x.ingest.rate)}/${num(ceilingOf(x))}, p99 ${x.ingest.p99})`,
      );
      lines.push(`${pad('', 12)}median of ${r.rounds.length} rounds: ${each.join(', ')}`);
    }
  }
  if (INGEST_ONLY) {
    console.log(lines.join('\n'));
    return;
  }
  lines.push('', `Report latency, end to end over HTTP, median of ${RUNS} (ms)`);
  const columns = results.flatMap((r) => r.bulk.map((b) => `${r.name} ${b.n >= 1e6 ? `${b.n / 1e6}M` : `${b.n / 1000}k`}`));
  lines.push(pad('', 34) + columns.map((c) => pad(c, 16)).join(''));
  for (const [name] of REPORTS) {
    lines.push(pad(name, 34) + results.flatMap((r) => r.bulk.map((b) => pad(b.reports.get(name)!.toFixed(1), 16))).join(''));
  }
  lines.push(pad('bulk load + rollup rebuild (s)', 34) + results.flatMap((r) => r.bulk.map((b) => pad(b.seconds.toFixed(1), 16))).join(''));
  lines.push('', 'Peak RSS of this process (PGlite runs inside it; the PostgreSQL server is a separate process)');
  for (const r of results) lines.push(`${pad(r.name, 12)}${mb(r.peakRss)}`);
  lines.push(`${pad('overall', 12)}${mb(process.resourceUsage().maxRSS * 1024)}`);
  lines.push('', 'Targets: ingest on PostgreSQL >= 40% of the ceiling; summary/trend over 1M < 200 ms.');
  lines.push(
    `Machine: ${cpus().length} cores; load average now ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')} (1 / 5 / 15 min)`,
  );
  lines.push('PostgreSQL here: the test server of tests/support/pg-cluster.ts (fsync off, synchronous_commit off, loopback).');
  console.log(lines.join('\n'));
}

async function main(): Promise<void> {
  const started = performance.now();
  let pgUrl: string | null = null;
  log('starting a throw-away PostgreSQL server (tests/support/pg-cluster.ts)');
  const stopPg = await startPgCluster({ provide: (_key: string, url: string | null) => (pgUrl = url) } as unknown as TestProject);
  // Ctrl-C must not leave the throw-away server running
  process.once('SIGINT', () => void (stopPg?.() ?? Promise.resolve()).finally(() => process.exit(130)));
  const dataDir = await mkdtemp(join(tmpdir(), 'qa-bench-pglite-'));
  const backends: Array<[Backend, { ingest: number; ceiling: number }]> = [];
  if (pgUrl && ONLY !== 'pglite') {
    const url: string = pgUrl;
    backends.push([
      { name: 'PostgreSQL', open: () => createPgDb(url, POOL ? { max: POOL } : {}), cleanup: async () => {} },
      { ingest: 10_000 / SCALE, ceiling: 20_000 / SCALE },
    ]);
  } else {
    log('PostgreSQL binaries not found: PGlite only');
  }
  if (ONLY !== 'pg')
    backends.push([
      { name: 'PGlite', open: () => createPgliteDb(dataDir), cleanup: () => rm(dataDir, { recursive: true, force: true }) },
      { ingest: 5_000 / SCALE, ceiling: 20_000 / SCALE },
    ]);
  const results: BackendResult[] = [];
  try {
    for (const [backend, sizes] of backends) results.push(await benchBackend(backend, sizes));
  } finally {
    await stopPg?.();
  }
  printResults(results);
  console.log(`\nbench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

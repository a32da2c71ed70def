/**
 * `npm run bench:load`: one heavy user must not stall everyone (docs/decisions/018-bounded-work.md). The service
 * in-process on PGlite and on PostgreSQL (a throw-away server, as the tests start it), over loopback HTTP, with ~22k
 * evaluations stored. 50 clients run report and CSV export requests with a lead's and an agent's session while a
 * reviewer submits evaluations and a monitor polls /healthz; prints p50/p99 of health and submit, idle and under
 * load, and the heavy requests' statuses (200 answered, 429 limited, 503 timed out).
 * Two loaded rounds: clients that wait as Retry-After says (as the app does), then greedy ones that ask again at once.
 * `-- --only pg|pglite`: one backend; `--seconds N`: length of each loaded round (default 20).
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { serve, type ServerType } from '@hono/node-server';
import type { TestProject } from 'vitest/node';
import type { QaRole } from '../../src/core/evaluation.ts';
import type { ScorecardDefinitionInput } from '../../src/core/scorecard.ts';
import { newAppKeyPair, signAppToken } from '../../src/devhost/app-token.ts';
import { createApp } from '../../src/server/app.ts';
import { createPgDb, createPgliteDb, type Db } from '../../src/server/db/db.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { systemClock } from '../../src/server/deps.ts';
import { heavyLimitsFor } from '../../src/server/limits/heavy.ts';
import { loggerOf } from '../../src/server/log.ts';
import { rebuildRollup } from '../../src/server/store/reports/rollup.ts';
import { policyOf, savePolicy } from '../../src/server/store/policies.ts';
import startPgCluster from '../support/pg-cluster.ts';
import { bootOf, LEAD_GROUP, personFor, REVIEWER_GROUP, signedLoad } from '../support/db-client.ts';
import { fakeZendesk, type FakeAccount } from '../support/zendesk-fake.ts';

const argv = process.argv.slice(2);
const ONLY = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
const SECONDS = argv.includes('--seconds') ? Number(argv[argv.indexOf('--seconds') + 1]) : 20;
const IDLE_SECONDS = 5;
const CLIENTS = 50;
const EVALUATIONS = 22_000;
const CRITERIA = 8;
const ACCOUNT = 'load';
/** The monitor and the reviewer pause this long between their requests. */
const PROBE_PAUSE_MS = 20;

const card: ScorecardDefinitionInput = {
  name: 'Load',
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
        rootCauses: ['Knowledge gap', 'Process', 'Tooling'],
        ...(i === 0 ? { critical: { effect: 'zero' as const } } : {}),
      })),
    },
  ],
};

const keyPair = newAppKeyPair();
const zendeskAccount: FakeAccount = {
  subdomain: ACCOUNT,
  appId: 1001,
  installationId: 4001,
  apiUser: `qa@${ACCOUNT}.example.com`,
  apiToken: 'l'.repeat(40),
  publicKeyPem: keyPair.publicKeyPem,
};
const zendesk = fakeZendesk([zendeskAccount]);
const { publicKeyPem: _key, ...serviceAccount } = zendeskAccount;

/** Who acts: an admin sets up, a reviewer submits, a lead and an agent (one of the reviewees) read reports. */
const USERS = { admin: 1, lead: 2, reviewer: 9, agent: 107 } as const;
type User = keyof typeof USERS;

async function signIn(app: ReturnType<typeof createApp>, db: Db): Promise<Record<User, string>> {
  const p = await policyOf(db, ACCOUNT);
  await savePolicy(db, ACCOUNT, { ...p, reviewerGroupIds: [REVIEWER_GROUP], leadGroupIds: [LEAD_GROUP] }, new Date(), 0);
  const out: Partial<Record<User, string>> = {};
  for (const [role, user] of Object.entries(USERS) as Array<[User, number]>) {
    zendesk.setPerson(ACCOUNT, user, personFor(role as QaRole, user));
    const token = await signAppToken(keyPair.privateKey, {
      subdomain: ACCOUNT,
      appId: zendeskAccount.appId,
      installationId: zendeskAccount.installationId,
      userId: user,
      location: 'ticket_sidebar',
    });
    const res = await signedLoad(app, token);
    if (res.status !== 200) throw new Error(`sign-in of ${role} ${user}: ${res.status}`);
    out[role] = `Bearer ${bootOf(await res.text()).session}`;
  }
  return out as Record<User, string>;
}

/** n evaluations over the last 90 days with CRITERIA answers each (400 agents, 20 groups, 4 channels). */
async function seed(db: Db, scorecardId: string, n: number): Promise<number> {
  const started = performance.now();
  const spacing = (90 * 86_400) / n;
  await db.exec('ALTER TABLE evaluations DISABLE TRIGGER evaluations_report_daily');
  try {
    await db.query(
      `INSERT INTO evaluations (account, id, ticket_id, reviewee_id, reviewer_id, scorecard_id, scorecard_version, kind, status,
         channel, group_id, raw_score, final_score, passed, critical_failures, critical_failed, answers, overall_comment, request_hash,
         csat, created_at, updated_at)
       SELECT $1, gen_random_uuid(), 100000 + g, r.reviewee, 9000 + g % 25, $2, 1, 'review', 'submitted',
         (ARRAY['email', 'chat', 'voice', 'web'])[1 + r.reviewee % 4], 100 + r.reviewee % 20,
         r.score, CASE WHEN r.critical THEN 0 ELSE r.score END, r.score >= 80 AND NOT r.critical,
         CASE WHEN r.critical THEN ARRAY['c0'] ELSE '{}'::text[] END, r.critical, '[]'::jsonb,
         CASE WHEN g % 7 = 0 THEN 'Good, "but" check the macro' ELSE '' END, 'seed',
         (ARRAY['good', 'bad', 'offered', NULL])[1 + g % 4],
         now() - interval '90 days' + g * make_interval(secs => $3), now() - interval '90 days' + g * make_interval(secs => $3)
       FROM generate_series(1, $4::int) AS g,
         LATERAL (SELECT 100 + (g * 7919) % 400 AS reviewee, round((40 + random() * 60)::numeric, 2)::float8 AS score,
                         random() < 0.04 AS critical) AS r`,
      [ACCOUNT, scorecardId, spacing, n],
    );
    await db.query(
      `INSERT INTO evaluation_answers (account, evaluation_id, position, criterion_id, section_id, rating, fraction, na, weight,
         critical, critical_failed, failed, root_causes, comment, created_at)
       SELECT e.account, e.id, i, 'c' || i, 's', x.rating, x.rating / 2.0, false, 1 + i % 3, i = 0, i = 0 AND e.critical_failed,
         x.rating / 2.0 < 0.5,
         CASE WHEN x.rating < 2 THEN ARRAY['Knowledge gap'] ELSE '{}'::text[] END,
         CASE WHEN x.rating = 0 THEN 'Missed, see notes' END, e.created_at
       FROM evaluations e CROSS JOIN generate_series(0, $2::int - 1) AS i,
         LATERAL (SELECT CASE WHEN random() < 0.85 THEN 2 ELSE floor(random() * 2)::int END AS rating) AS x
       WHERE e.account = $1 AND e.request_hash = 'seed'`,
      [ACCOUNT, CRITERIA],
    );
  } finally {
    await db.exec('ALTER TABLE evaluations ENABLE TRIGGER evaluations_report_daily');
  }
  await rebuildRollup(db, ACCOUNT);
  await db.exec('ANALYZE');
  return (performance.now() - started) / 1000;
}

/** The heavy mix: every report of the nav bar and the CSV export, as a lead (all agents) and as an agent (own work). */
function heavyRequests(sessions: Record<User, string>): Array<{ kind: string; path: string; authorization: string }> {
  const reports = [
    '/api/v1/reports/summary',
    '/api/v1/reports/trend?period=week',
    '/api/v1/reports/breakdown?dimension=reviewee',
    '/api/v1/reports/breakdown?dimension=criterion',
    '/api/v1/reports/breakdown?dimension=group',
    '/api/v1/reports/root-causes',
    '/api/v1/reports/qa-vs-metrics',
    '/api/v1/reports/tickets?limit=500',
    '/api/v1/reports/summary?revieweeId=107',
  ];
  const csv = '/api/v1/exports/evaluations.csv';
  const out: Array<{ kind: string; path: string; authorization: string }> = [];
  // 4 lead rounds to 1 agent round; a CSV export after every third report
  for (const who of ['lead', 'lead', 'lead', 'lead', 'agent'] as const) {
    reports.forEach((path, i) => {
      out.push({ kind: 'report', path, authorization: sessions[who] });
      if (i % 3 === 2) out.push({ kind: 'csv', path: csv, authorization: sessions[who] });
    });
  }
  return out;
}

type Statuses = Record<string, number>;
interface Probed {
  latencies: number[];
  statuses: Statuses;
}
interface ProbeResult {
  health: Probed;
  submit: Probed;
}
interface HeavyResult {
  statuses: Record<string, Statuses>;
  latencies: Record<string, number[]>;
  retryWaits: number;
}

function child<T>(args: Record<string, unknown>): Promise<T> {
  const p = fork(fileURLToPath(new URL('./load-clients.mjs', import.meta.url)), [JSON.stringify(args)], { execArgv: [] });
  return new Promise<T>((resolve, reject) => {
    p.once('message', (m) => resolve(m as T));
    p.once('error', reject);
    p.once('exit', (code) => setTimeout(() => reject(new Error(`load client exited with ${code} without a result`)), 500));
  });
}

interface Round {
  name: string;
  probes: ProbeResult;
  heavy?: HeavyResult;
  /** The service's event loop delay (this process; PGlite runs in it): p99 and max, ms. */
  loop: { p99: number; max: number };
}

async function round(
  name: string,
  base: string,
  sessions: Record<User, string>,
  scorecardId: string,
  seconds: number,
  heavy: false | { greedy: boolean },
): Promise<Round> {
  log(`  ${name}: ${seconds} s`);
  const durationMs = seconds * 1000;
  const probes = child<ProbeResult>({
    mode: 'probe',
    base,
    durationMs,
    reviewer: sessions.reviewer,
    scorecardId,
    criteria: CRITERIA,
    pauseMs: PROBE_PAUSE_MS,
  });
  const load = heavy
    ? child<HeavyResult>({
        mode: 'heavy',
        base,
        durationMs,
        clients: CLIENTS,
        requests: heavyRequests(sessions),
        honourRetryAfter: !heavy.greedy,
      })
    : undefined;
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const [p, h] = await Promise.all([probes, load]);
  delay.disable();
  return { name, probes: p, ...(h ? { heavy: h } : {}), loop: { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 } };
}

interface BackendResult {
  name: string;
  seeded: number;
  seedSeconds: number;
  csvBytes: number;
  rounds: Round[];
  /** What the service logged (level and message, how often). */
  logged: string[];
}

async function benchBackend(name: string, open: () => Promise<{ db: Db; heavyDb?: Db }>): Promise<BackendResult> {
  const { db, heavyDb } = await open();
  await migrate(db);
  const logged = new Map<string, number>();
  const app = createApp({
    db,
    logger: loggerOf(({ level, msg }) => logged.set(`${level} ${msg}`, (logged.get(`${level} ${msg}`) ?? 0) + 1)),
    ...(heavyDb ? { heavyDb } : {}),
    clock: systemClock,
    accounts: [serviceAccount],
    zendeskFetch: zendesk.fetch,
    appFiles: async (path) =>
      path === 'ticket-sidebar.html' ? { body: new TextEncoder().encode('<html><head></head></html>'), type: 'text/html' } : null,
  });
  const sessions = await signIn(app, db);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const call = async (method: string, path: string): Promise<any> => {
      // in-process, not over a socket: a keep-alive socket would not survive the event loop blocked by PGlite's seeding
      const res = await app.request(path, {
        method,
        headers: { authorization: sessions.admin, 'content-type': 'application/json' },
        ...(method === 'POST' && path === '/api/v1/scorecards' ? { body: JSON.stringify(card) } : {}),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const { id: scorecardId } = await call('POST', '/api/v1/scorecards');
    await call('POST', `/api/v1/scorecards/${scorecardId}/publish`);
    log(`${name}: seeding ${EVALUATIONS.toLocaleString('en')} evaluations with ${CRITERIA} answers each`);
    const seedSeconds = await seed(db, scorecardId, EVALUATIONS);
    const [counted] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM evaluations WHERE account = $1', [ACCOUNT]);
    const seeded = counted?.n ?? 0;
    // one export alone: its size, and the service warmed up
    const t = performance.now();
    const csv = await fetch(`${base}/api/v1/exports/evaluations.csv`, { headers: { authorization: sessions.lead } });
    const csvBytes = (await csv.arrayBuffer()).byteLength;
    log(
      `${name}: seeded in ${seedSeconds.toFixed(1)} s; one export alone: ${csv.status}, ${(csvBytes / 2 ** 20).toFixed(1)} MB in ${Math.round(performance.now() - t)} ms`,
    );
    const rounds: Round[] = [];
    rounds.push(await round('idle', base, sessions, scorecardId, IDLE_SECONDS, false));
    rounds.push(await round(`${CLIENTS} heavy clients`, base, sessions, scorecardId, SECONDS, { greedy: false }));
    rounds.push(await round(`${CLIENTS} greedy clients`, base, sessions, scorecardId, SECONDS, { greedy: true }));
    return { name, seeded, seedSeconds, csvBytes, rounds, logged: [...logged].map(([k, n]) => `${k} x${n}`) };
  } finally {
    // requests cut at the end may still be running or queued in the service: let them finish before the database closes
    for (let i = 0; i < 400 && (app.heavyGate.stats().running > 0 || app.heavyGate.stats().waiting > 0); i++)
      await new Promise((r) => setTimeout(r, 50));
    // a cancelled export's last batch may still be reading
    await new Promise((r) => setTimeout(r, 1000));
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    (server as import('node:http').Server).closeAllConnections();
    await closed;
    await db.close();
    await heavyDb?.close();
  }
}

const log = (message: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const ms = (x: number) => (Number.isNaN(x) ? '-' : x < 10 ? x.toFixed(1) : String(Math.round(x)));
const statusText = (s: Statuses) =>
  Object.entries(s)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');

function printResults(results: BackendResult[]): void {
  const pad = (s: string, n: number) => s.padEnd(n);
  const lines: string[] = [];
  lines.push(
    '',
    `Health and submit under heavy load (${EVALUATIONS.toLocaleString('en')} evaluations x ${CRITERIA} answers, ${CLIENTS} report/CSV clients, loopback)`,
  );
  lines.push(
    `${pad('backend', 12)}${pad('round', 22)}${pad('health p50/p99/max ms (n)', 30)}${pad('submit p50/p99/max ms (n)', 30)}${pad('loop p99/max', 14)}heavy requests: statuses; p50/p99 ms of 200s`,
  );
  for (const r of results) {
    for (const x of r.rounds) {
      const h = x.probes.health;
      const s = x.probes.submit;
      const probe = (p: Probed) => {
        const bad = Object.entries(p.statuses).filter(([k]) => !['200', '201'].includes(k));
        return `${ms(percentile(p.latencies, 50))} / ${ms(percentile(p.latencies, 99))} / ${ms(Math.max(...p.latencies))} (${p.latencies.length}${bad.length ? `; ${bad.map(([k, v]) => `${k}: ${v}`).join(', ')}` : ''})`;
      };
      const heavy = x.heavy
        ? Object.entries(x.heavy.statuses)
            .map(
              ([kind, st]) =>
                `${kind} ${statusText(st)}; ${ms(percentile(x.heavy!.latencies[kind] ?? [], 50))}/${ms(percentile(x.heavy!.latencies[kind] ?? [], 99))}`,
            )
            .join(' | ')
        : '';
      lines.push(
        `${pad(r.name, 12)}${pad(x.name, 22)}${pad(probe(h), 30)}${pad(probe(s), 30)}${pad(`${ms(x.loop.p99)}/${ms(x.loop.max)}`, 14)}${heavy}`,
      );
    }
  }
  lines.push(
    '',
    `Seeded: ${results.map((r) => `${r.name} ${r.seeded.toLocaleString('en')} evaluations in ${r.seedSeconds.toFixed(1)} s, CSV ${(r.csvBytes / 2 ** 20).toFixed(1)} MB`).join('; ')}`,
  );
  for (const r of results) if (r.logged.length) lines.push(`Service log on ${r.name}: ${r.logged.join('; ')}`);
  lines.push('Target: p99 of health and submit < 200 ms under load on both backends.');
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
  const results: BackendResult[] = [];
  if (ONLY !== 'pglite') {
    let pgUrl: string | null = null;
    log('starting a throw-away PostgreSQL server (tests/support/pg-cluster.ts)');
    const stopPg = await startPgCluster({ provide: (_key: string, url: string | null) => (pgUrl = url) } as unknown as TestProject);
    process.once('SIGINT', () => void (stopPg?.() ?? Promise.resolve()).finally(() => process.exit(130)));
    try {
      if (pgUrl) {
        const url: string = pgUrl;
        // as main.ts opens it: statement timeouts, and heavy requests on a pool of their own
        results.push(
          await benchBackend('PostgreSQL', async () => ({
            db: await createPgDb(url, { statementTimeoutMs: 60_000 }),
            heavyDb: await createPgDb(url, { max: heavyLimitsFor('pg').total, statementTimeoutMs: 15_000 }),
          })),
        );
      } else log('PostgreSQL binaries not found: PGlite only');
    } finally {
      await stopPg?.();
    }
  }
  if (ONLY !== 'pg') {
    const dataDir = await mkdtemp(join(tmpdir(), 'qa-load-pglite-'));
    try {
      results.push(await benchBackend('PGlite', async () => ({ db: await createPgliteDb(dataDir) })));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  printResults(results);
  console.log(`\nbench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

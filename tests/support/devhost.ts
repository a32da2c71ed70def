/**
 * The whole product in-process for e2e tests: the app built (cached per source change), the QA service on a
 * throw-away PGlite with a small seed, and the local Zendesk on a free port.
 *
 *   const dh = await startDevhost();                 // in beforeAll (allow ~30 s: hookTimeout is 120 s)
 *   await page.goto(dh.ticketUrl(2, { user: USERS.alex }));
 *   await dh.setFaults({ closedTicket: true });       // what the page's "Zendesk failures" panel does
 *   dh.state.ticket(2)                               // the in-memory Zendesk, to arrange or assert
 *   await dh.stop();                                 // in afterAll
 *
 * People: USERS.rita (QA reviewer), alex and sam (agents), ada (admin), lee (QA lead). Ticket ids 1-14 are in
 * src/devhost/sample-data.ts (2: chat solved, 3: voice closed, 8: complaint, ...).
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { IDS } from '../../src/devhost/sample-data.ts';
import { appSourcesChangedAt, buildApp, ROOT, startProduct, type RunningProduct } from '../../src/devhost/product.ts';
import type { HostReport, ZendeskState } from '../../src/devhost/zendesk-state.ts';
import type { Faults } from '../../src/devhost/zendesk-types.ts';

export const USERS = IDS.users;
export { IDS };

export interface DevhostHandle {
  /** `http://localhost:PORT/` (the host page); the app runs on `appOrigin` (127.0.0.1). */
  url: string;
  hostOrigin: string;
  appOrigin: string;
  /** The in-memory Zendesk (a stateful fake shared with the host page). */
  state: ZendeskState;
  /** The installation's secure token (must never reach the browser). */
  token: string;
  product: RunningProduct;
  /** The host page with a ticket open; `probe: true` loads the protocol probe instead of the app. */
  ticketUrl(ticketId: number, options?: { user?: number; probe?: boolean }): string;
  /** The host page showing the app's nav bar page. */
  navBarUrl(options?: { user?: number; probe?: boolean }): string;
  /** Switches Zendesk failures through the HTTP hook (`POST /__devhost/faults`). */
  setFaults(change: Partial<Faults>): Promise<Faults>;
  /** The in-memory Zendesk back to its sample tickets, no faults (the QA service's data stays). */
  reset(): Promise<void>;
  /** Unimplemented-protocol messages and host errors reported so far. */
  reports(): HostReport[];
  /** Calls the QA service directly as a user (e.g. to arrange evaluations). */
  service(path: string, as: { user: number; role: 'admin' | 'lead' | 'reviewer' | 'agent' }, init?: { method?: string; body?: unknown }): Promise<Response>;
  stop(): Promise<void>;
}

/** The app built from the current sources, shared by test files: one build per source change. */
async function builtApp(): Promise<string> {
  const stamp = Math.floor(appSourcesChangedAt());
  const dir = join(ROOT, '.tmp', 'e2e-dist', String(stamp));
  if (existsSync(join(dir, 'manifest.json'))) return dir;
  // builds of older sources are dead weight after an hour (a running test file may still be using a recent one)
  const root = join(ROOT, '.tmp', 'e2e-dist');
  for (const old of existsSync(root) ? readdirSync(root) : []) {
    const path = join(root, old);
    if (path !== dir && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
  }
  const mine = `${dir}.${process.pid}`;
  await buildApp(mine);
  try {
    renameSync(mine, dir); // atomic: a parallel test file may have won; then use theirs
  } catch {
    rmSync(mine, { recursive: true, force: true });
  }
  return dir;
}

export interface StartOptions {
  /** Demo data in the service: `small` (default, ~20 evaluations), `full` (4 weeks) or none. */
  seed?: 'small' | 'full' | false;
  /** Whether requirements.json is installed (default true); false puts the QA field ids in settings instead. */
  requirements?: boolean;
  /** Do not print protocol reports to stderr (they are still collected by `reports()`). */
  quiet?: boolean;
}

export async function startDevhost(options: StartOptions = {}): Promise<DevhostHandle> {
  const reports: HostReport[] = [];
  const product = await startProduct({
    dataDir: 'memory://',
    distDir: await builtApp(),
    buildApp: 'never',
    seed: options.seed ?? 'small',
    ...(options.requirements === undefined ? {} : { requirements: options.requirements }),
    onReport: (r) => {
      reports.push(r);
      if (!options.quiet) console.error(`[devhost] ${r.kind}: ${r.message}`);
    },
  });
  const { devhost } = product;
  const page = (q: Record<string, string | number | boolean | undefined>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== false) params.set(k, v === true ? '1' : String(v));
    return `${devhost.url}?${params}`;
  };
  return {
    url: devhost.url,
    hostOrigin: devhost.hostOrigin,
    appOrigin: devhost.appOrigin,
    state: devhost.state,
    token: product.token,
    product,
    ticketUrl: (ticketId, o = {}) => page({ user: o.user ?? USERS.rita, ticket: ticketId, probe: o.probe }),
    navBarUrl: (o = {}) => page({ user: o.user ?? USERS.ada, app: 'nav_bar', probe: o.probe }),
    async setFaults(change) {
      const res = await fetch(`${devhost.hostOrigin}/__devhost/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(change),
      });
      if (!res.ok) throw new Error(`faults: ${res.status} ${await res.text()}`);
      return (await res.json()) as Faults;
    },
    async reset() {
      const res = await fetch(`${devhost.hostOrigin}/__devhost/reset`, { method: 'POST' });
      if (!res.ok) throw new Error(`reset: ${res.status}`);
    },
    reports: () => [...reports],
    service: (path, as, init = {}) =>
      fetch(`${devhost.hostOrigin}/service/api/v1${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: {
          authorization: `Bearer ${product.token}`,
          'x-qa-user-id': String(as.user),
          'x-qa-role': as.role,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      }),
    stop: () => product.close(),
  };
}

/**
 * The whole product in-process for e2e tests: the app built (cached per source change), the QA service on a
 * throw-away PGlite with a small seed, and the local Zendesk on a free port.
 *
 *   const dh = await startDevhost();                 // in beforeAll (allow ~30 s: hookTimeout is 120 s)
 *   await page.goto(dh.ticketUrl(2, { user: USERS.alex }));
 *   await dh.setFaults({ closedTicket: true });       // what the page's "Zendesk failures" panel does
 *   dh.state.ticket(2)                               // the in-memory Zendesk, to arrange or assert
 *   await dh.service('/evaluations', { user: USERS.rita }, { body }); // the service API as Rita, signed in
 *   await dh.stop();                                 // in afterAll
 *
 * People: USERS.rita (QA reviewer), alex and sam (agents), ada (admin), lee (QA lead). Ticket ids 1-14 are in
 * src/devhost/sample-data.ts (2: chat solved, 3: voice closed, 8: complaint, ...).
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { bootOf, signedLoad, type LoadedBoot } from '../../src/devhost/app-token.ts';
import { IDS } from '../../src/devhost/sample-data.ts';
import { appSourcesChangedAt, buildApp, ROOT, startProduct, type RunningProduct } from '../../src/devhost/product.ts';
import type { HostReport, ZendeskState } from '../../src/devhost/zendesk-state.ts';
import type { Faults } from '../../src/devhost/zendesk-types.ts';
import { systemClock } from '../../src/server/deps.ts';
import { loggerOf } from '../../src/server/log.ts';
import { createSyncScheduler } from '../../src/server/sync/scheduler.ts';
import type { TestBrowser } from './browser.ts';

/** The body of a successful answer; any other answer fails the test with its status and text. */
export async function json<T>(res: Response | Promise<Response>): Promise<T> {
  const r = await res;
  if (!r.ok) throw new Error(`${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

/** The nav bar for `user` in a new page, on `tab`; with `frameWidth` the window is sized so the app's frame is that wide. */
export async function openNavBar(
  browser: TestBrowser,
  dh: DevhostHandle,
  user: number,
  { tab, frameWidth }: { tab?: string | undefined; frameWidth?: number } = {},
): Promise<{ page: Page; app: FrameLocator }> {
  const page = await browser.context.newPage();
  if (frameWidth) await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(dh.navBarUrl({ user }));
  if (frameWidth) {
    const frame = page.locator('iframe.app-nav_bar');
    await frame.waitFor();
    const width = (await frame.boundingBox())!.width;
    await page.setViewportSize({ width: Math.round(1400 + frameWidth - width), height: 900 });
  }
  const app = page.frameLocator('iframe.app-nav_bar');
  if (tab) await app.getByRole('tab', { name: tab }).click();
  return { page, app };
}

/** One scheduled run (the sync, then the automatic checks), as `npm start` makes one at start; throws unless it synced cleanly. */
export async function syncOnce(dh: DevhostHandle): Promise<void> {
  const scheduler = createSyncScheduler({
    db: dh.product.db,
    accounts: [dh.product.account],
    clock: systemClock,
    logger: loggerOf(() => {}),
  });
  try {
    const [tick] = await scheduler.tick();
    if (tick?.outcome !== 'synced' || tick.run.error !== null) throw new Error(`the scheduled run did not sync: ${JSON.stringify(tick)}`);
  } finally {
    await scheduler.stop();
  }
}

export const USERS = IDS.users;
export { IDS };

export interface DevhostHandle {
  /** `http://localhost:PORT/` (the host page); the app runs on `appOrigin` (127.0.0.1). */
  url: string;
  hostOrigin: string;
  appOrigin: string;
  /** The in-memory Zendesk (a stateful fake shared with the host page). */
  state: ZendeskState;
  /** What only the local Zendesk and the service hold, and must never reach the browser. */
  secrets: { apiToken: string; privateKeyPem: string };
  product: RunningProduct;
  /**
   * The host page with a ticket open; `probe: true` loads the protocol probe instead of the app in every location,
   * `probe: 'ticket_sidebar'` (a comma list) only in those.
   */
  ticketUrl(ticketId: number, options?: { user?: number; probe?: boolean | string }): string;
  /** The host page showing the app's nav bar page. */
  navBarUrl(options?: { user?: number; probe?: boolean | string }): string;
  /**
   * The frame of the app's page for `location` once it has loaded, found by its path: the background instance runs
   * on the app origin too, so "the first frame on the app origin" may be the background.
   */
  frameOf(page: Page, location: 'ticket_sidebar' | 'nav_bar'): Frame | undefined;
  /** Switches Zendesk failures through the HTTP hook (`POST /__devhost/faults`). */
  setFaults(change: Partial<Faults>): Promise<Faults>;
  /** The in-memory Zendesk back to its sample tickets, no faults (the QA service's data stays). */
  reset(): Promise<void>;
  /** Unimplemented-protocol messages and host errors reported so far. */
  reports(): HostReport[];
  /**
   * Calls the QA service API (`<appOrigin>/api/v1<path>`) as a user, signed in through a signed load as the
   * browser is (sessions are kept per user). The role is Zendesk's, resolved by the service: `as.role`, when
   * given, is only checked against it (a test that assumes another role fails loudly).
   */
  service(
    path: string,
    as: { user: number; role?: 'admin' | 'lead' | 'reviewer' | 'agent' },
    init?: { method?: string; body?: unknown },
  ): Promise<Response>;
  /** A signed load of `page` for `user` as the host page makes it; resolves the service's page response. */
  signedLoad(user: number, page?: 'ticket-sidebar.html' | 'nav-bar.html'): Promise<Response>;
  /** Signs `user` in through a signed load of the sidebar; the page's boot (session, user, role). */
  signIn(user: number): Promise<LoadedBoot>;
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
  const sessions = new Map<number, Promise<LoadedBoot>>();
  return {
    url: devhost.url,
    hostOrigin: devhost.hostOrigin,
    appOrigin: devhost.appOrigin,
    state: devhost.state,
    secrets: {
      apiToken: devhost.state.apiCredential.apiToken,
      privateKeyPem: devhost.state.appKeys().privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    },
    product,
    ticketUrl: (ticketId, o = {}) => page({ user: o.user ?? USERS.rita, ticket: ticketId, probe: o.probe }),
    navBarUrl: (o = {}) => page({ user: o.user ?? USERS.ada, app: 'nav_bar', probe: o.probe }),
    frameOf: (p, location) => p.frames().find((f) => f.url().startsWith(`${devhost.appOrigin}/app/${location.replace('_', '-')}.html`)),
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
    service: async (path, as, init = {}) => {
      const call = async () =>
        fetch(`${devhost.appOrigin}/api/v1${path}`, {
          method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
          headers: {
            authorization: `Bearer ${(await session(as.user, as.role)).session}`,
            ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        });
      const res = await call();
      if (res.status !== 401) return res;
      // the session was revoked or expired (a test may do that): sign in again once, as reopening the app would
      sessions.delete(as.user);
      return call();
    },
    signedLoad: load,
    signIn,
    stop: () => product.close(),
  };

  async function load(user: number, page: 'ticket-sidebar.html' | 'nav-bar.html' = 'ticket-sidebar.html'): Promise<Response> {
    const location = page === 'nav-bar.html' ? 'nav_bar' : 'ticket_sidebar';
    const signed = await fetch(`${devhost.hostOrigin}/__devhost/app-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: user, location }),
    });
    if (!signed.ok) throw new Error(`app-token for ${user}: ${signed.status} ${await signed.text()}`);
    const { token } = (await signed.json()) as { token: string };
    return signedLoad({ request: (path, init) => fetch(`${devhost.appOrigin}${path}`, init) }, token, page, {}, devhost.hostOrigin);
  }

  async function signIn(user: number): Promise<LoadedBoot> {
    const res = await load(user);
    const html = await res.text();
    if (res.status !== 200) throw new Error(`sign-in of user ${user}: ${res.status} ${html.slice(0, 300)}`);
    return bootOf(html);
  }

  async function session(user: number, role?: string): Promise<LoadedBoot> {
    let boot = sessions.get(user);
    if (!boot) sessions.set(user, (boot = signIn(user)));
    const b = await boot.catch((e: unknown) => {
      sessions.delete(user);
      throw e;
    });
    if (role !== undefined && b.user.role !== role) {
      throw new Error(`user ${user} (${b.user.name}) is ${b.user.role} in the local Zendesk, not ${role}: the role comes from Zendesk`);
    }
    return b;
  }
}

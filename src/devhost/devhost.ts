/**
 * The local Zendesk: the host page on `http://localhost:PORT`, the app on `http://127.0.0.1:PORT` (another origin,
 * as in production, where the QA service answers: the app's pages, its API and /healthz), the REST API the service
 * calls with its credential, the proxy for `client.request`, and the signed location loads. Nothing runs at import.
 */
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { z } from 'zod';
import { buildHostBundle, type HostBundle } from './host-bundle.ts';
import { renderPage, type View } from './pages.ts';
import { createProxy, type SecureParameter } from './proxy.ts';
import { IDS } from './sample-data.ts';
import { createZafPaths } from './zaf-paths.ts';
import { callZendeskApi, createRestSerializers, createZendeskApiRoutes } from './zendesk-api.ts';
import type { ZendeskState } from './zendesk-state.ts';
import type { Faults, HostBoot } from './zendesk-types.ts';

export interface Manifest {
  name: string;
  version: string;
  location: { support: Record<string, { url: string }> };
  signedUrls?: boolean;
  domainWhitelist?: string[];
  parameters: Array<{ name: string; secure?: boolean; scopes?: string[] }>;
}

/** The QA service's fetch handler (`createApp(...).fetch`); `env` carries the Node request (client address). */
export type ServiceHandler = (request: Request, env?: unknown) => Response | Promise<Response>;

export interface DevhostOptions {
  state: ZendeskState;
  /**
   * The QA service, answering on the app origin (`/app/*`, `/api/v1/*`, `/healthz`). Usually bound after
   * `listen()` with `setService`, since the service is configured with the host origin (its Zendesk URL).
   */
  service?: ServiceHandler;
  /** The app's manifest.json (location URLs, secure parameters, domain whitelist). */
  manifest: Manifest;
  /** The host page's script and styles (or their build under way); built on demand when absent. */
  bundle?: HostBundle | Promise<HostBundle>;
  /** Repository `assets/` (the nav bar icon for the host's rail). */
  assetsDir?: string;
}

export interface RunningDevhost {
  port: number;
  /** The one URL to open: `http://localhost:PORT/`. */
  url: string;
  hostOrigin: string;
  appOrigin: string;
  state: ZendeskState;
  /** Binds (or replaces) the QA service that answers on the app origin. */
  setService(service: ServiceHandler): void;
  close(): Promise<void>;
}

const LOCATIONS = ['ticket_sidebar', 'nav_bar', 'background'] as const;

/** Where a manifest location URL lands on the app origin: its path (`http://localhost:3030/app/x.html` -> `/app/x.html`). */
export function appPathOf(url: string): string {
  const u = new URL(url, 'http://app.invalid/');
  return u.pathname + u.search;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

const FaultsChange = z.strictObject({
  closedTicket: z.boolean().optional(),
  staleSafeUpdates: z.number().int().min(0).optional(),
  rateLimitedFor: z.number().int().min(1).nullable().optional(),
  serviceDown: z.boolean().optional(),
  budgetPerMinute: z.number().int().min(1).optional(),
  exportsPerMinute: z.number().int().min(1).optional(),
  serverErrors: z.number().int().min(0).optional(),
});

const ZafCall = z.object({
  request: z.enum(['get', 'set']),
  params: z.unknown(),
  context: z.object({
    userId: z.number(),
    location: z.string(),
    ticketId: z.number().optional(),
    draft: z.record(z.string(), z.unknown()).optional(),
    instances: z.record(z.string(), z.unknown()).optional(),
  }),
});

async function readStatic(root: string, path: string): Promise<Response | null> {
  const file = normalize(join(root, path));
  if (!file.startsWith(resolve(root))) return null;
  try {
    if (!(await stat(file)).isFile()) return null;
    return new Response(new Uint8Array(await readFile(file)), {
      headers: { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' },
    });
  } catch {
    return null;
  }
}

/** Non-secure settings only: what Zendesk puts into the app's registered metadata. */
export function publicSettings(state: ZendeskState, manifest: Manifest): Record<string, unknown> {
  const secure = new Set(manifest.parameters.filter((p) => p.secure).map((p) => p.name));
  return Object.fromEntries(Object.entries(state.settings).filter(([name]) => !secure.has(name)));
}

export function createDevhost(options: DevhostOptions) {
  const { state, manifest } = options;
  let origins = { host: 'http://localhost', app: 'http://127.0.0.1' };
  let bundle: HostBundle | Promise<HostBundle> | undefined = options.bundle;
  let service: ServiceHandler | undefined = options.service;
  const zaf = createZafPaths(state);
  const proxy = createProxy({
    state,
    secureParameters: manifest.parameters
      .filter((p) => p.secure)
      .map((p): SecureParameter => ({ name: p.name, ...(p.scopes ? { scopes: p.scopes } : {}) })),
    domainWhitelist: manifest.domainWhitelist ?? [],
    baseUrl: () => origins.host,
  });

  const host = new Hono();
  host.get('/', async (c) => {
    const q = c.req.query();
    const userId = state.user(Number(q.user))?.role === 'end-user' || !state.user(Number(q.user)) ? IDS.users.rita : Number(q.user);
    const ticketId = q.ticket ? Number(q.ticket) : undefined;
    const app = q.app === 'nav_bar' ? 'nav_bar' : undefined;
    const location = app ? 'nav_bar' : ticketId !== undefined && state.ticket(ticketId) ? 'ticket_sidebar' : null;
    // `probe=1` puts the protocol probe in every location; `probe=ticket_sidebar,nav_bar` only in those
    const probeLocations = Object.keys(manifest.location.support).filter(
      (loc) => q.probe === '1' || (q.probe ?? '').split(',').includes(loc),
    );
    const appUrls = Object.fromEntries(
      Object.entries(manifest.location.support).map(([loc, { url }]) => [
        loc,
        probeLocations.includes(loc) ? '/probe/probe.html' : appPathOf(url),
      ]),
    );
    const boot: HostBoot = {
      hostOrigin: origins.host,
      appOrigin: origins.app,
      userId,
      location,
      ticketId: location === 'ticket_sidebar' ? (ticketId ?? null) : null,
      appUrls,
      signedUrls: manifest.signedUrls === true,
      probeLocations,
      metadata: {
        appId: state.appId,
        installationId: state.installationId,
        name: manifest.name,
        version: manifest.version,
        settings: publicSettings(state, manifest),
      },
      subdomain: state.subdomain,
      faults: state.faults(),
      qaFieldIds: state.data.fields.filter((f) => f.removable).map((f) => f.id),
    };
    const view: View = q.view === 'open' || q.view === 'done' ? q.view : 'all';
    const page = Number(q.page) || 1;
    return c.html(
      await renderPage(state, { userId, view, page, ...(ticketId !== undefined ? { ticketId } : {}), ...(app ? { app } : {}) }, boot),
    );
  });
  host.get('/host/icon.svg', async (c) => (options.assetsDir && (await readStatic(options.assetsDir, 'icon_nav_bar.svg'))) || c.notFound());
  host.get('/host/:file', async (c) => {
    const body = (await (bundle ??= buildHostBundle())).files.get(c.req.param('file'));
    if (body === undefined) return c.notFound();
    return c.body(body, 200, { 'content-type': CONTENT_TYPES[extname(c.req.param('file'))] ?? 'text/plain', 'cache-control': 'no-store' });
  });
  host.post('/__devhost/zaf', async (c) => {
    const call = ZafCall.parse(await c.req.json());
    if (call.request === 'get') {
      const paths = z.array(z.string()).parse(call.params);
      return c.json(zaf.get(paths, call.context));
    }
    return c.json(zaf.set(z.record(z.string(), z.unknown()).parse(call.params), call.context));
  });
  // what Zendesk does before it loads a location with signed URLs: a token for this user, location and installation
  host.post('/__devhost/app-token', async (c) => {
    const body = z.object({ userId: z.number().int(), location: z.enum(LOCATIONS) }).safeParse(await c.req.json().catch(() => null));
    if (!body.success) return c.json({ error: body.error.issues }, 400);
    const user = state.user(body.data.userId);
    if (!user || user.role === 'end-user') return c.json({ error: 'only agents and admins see apps' }, 403);
    const token = await state.signLoad(user.id, body.data.location);
    return c.json({ token }, 200, { 'cache-control': 'no-store' });
  });
  host.post('/__devhost/proxy', async (c) => {
    const { options: requestOptions, userId } = z.object({ options: z.unknown(), userId: z.number() }).parse(await c.req.json());
    return c.json(await proxy(requestOptions, userId));
  });
  host.post('/__devhost/log', async (c) => {
    const entry = z.object({ kind: z.enum(['unimplemented', 'error']), message: z.string() }).parse(await c.req.json());
    state.report(entry.kind, entry.message);
    return c.json({ ok: true });
  });
  host.get('/__devhost/reports', (c) => c.json(state.reports()));
  host.get('/__devhost/faults', (c) => c.json(state.faults()));
  host.post('/__devhost/faults', async (c) => {
    const change = FaultsChange.safeParse(await c.req.json());
    if (!change.success) return c.json({ error: change.error.issues }, 400);
    return c.json(state.setFaults(Object.fromEntries(Object.entries(change.data).filter(([, v]) => v !== undefined)) as Partial<Faults>));
  });
  host.post('/__devhost/reset', (c) => {
    state.reset();
    return c.json({ ok: true });
  });
  host.get('/__devhost/tickets/:id', (c) => {
    const t = state.ticket(Number(c.req.param('id')));
    return t ? c.json({ ticket: createRestSerializers(state, origins.host).ticket(t) }) : c.notFound();
  });
  host.post('/__devhost/save', async (c) => {
    const { ticketId, userId, draft } = z
      .object({ ticketId: z.number(), userId: z.number(), draft: z.record(z.string(), z.unknown()) })
      .parse(await c.req.json());
    const ticket: Record<string, unknown> = {};
    const customFields: Array<{ id: number; value: unknown }> = [];
    for (const [path, value] of Object.entries(draft)) {
      const field = path.match(/^ticket\.customField:custom_field_(\d+)$/);
      if (field) customFields.push({ id: Number(field[1]), value });
      else ticket[path.replace(/^ticket\./, '')] = value;
    }
    if (customFields.length) ticket.custom_fields = customFields;
    const r = callZendeskApi(
      state,
      { method: 'PUT', path: `/api/v2/tickets/${ticketId}.json`, body: JSON.stringify({ ticket }), userId, baseUrl: origins.host },
      { spend: false },
    );
    return c.json({ status: r.status, body: r.body });
  });
  host.route(
    '/',
    createZendeskApiRoutes(state, () => origins.host),
  );

  const appSide = new Hono();
  appSide.get('/probe/probe.html', (c) =>
    c.html(
      '<!doctype html><html><head><meta charset="utf-8"><title>ZAF probe</title></head><body><pre id="probe">waiting for the host…</pre><script type="module" src="/probe/probe.js"></script></body></html>',
    ),
  );
  appSide.get('/probe/probe.js', async (c) => {
    return c.body((await (bundle ??= buildHostBundle())).files.get('probe.js') ?? '', 200, {
      'content-type': 'text/javascript; charset=utf-8',
    });
  });
  // everything else on the app origin is the QA service, as on its own domain in production
  appSide.all('*', (c) => {
    if (!service) return c.text('no QA service is bound to this devhost', 503);
    const path = new URL(c.req.url).pathname;
    if (state.faults().serviceDown && (path.startsWith('/api/') || path === '/healthz')) {
      // unreachable, not an error status: the connection drops, so the app's fetch rejects as in a network outage
      const socket = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming?.socket;
      if (socket) socket.destroy();
      return c.body(null, 502);
    }
    return service(c.req.raw, c.env);
  });

  const app = new Hono();
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.all('*', (c) => {
    const hostname = new URL(c.req.url).hostname;
    if (hostname === '127.0.0.1') return appSide.fetch(c.req.raw, c.env);
    if (hostname === 'localhost') return host.fetch(c.req.raw, c.env);
    return c.text(`Open http://localhost:${new URL(c.req.url).port}/ (the host page lives on localhost, the app on 127.0.0.1)`, 421);
  });

  return {
    app,
    /** Binds the QA service (after `listen`, once its Zendesk URL, the host origin, is known). */
    setService(handler: ServiceHandler) {
      service = handler;
    },
    /** Listens on 127.0.0.1 (`port` 0 picks a free one); the service may be bound later. */
    async listen(port = 0): Promise<RunningDevhost> {
      await (bundle ??= buildHostBundle());
      const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
      await new Promise<void>((done, fail) => {
        server.once('listening', () => done());
        server.once('error', fail);
      });
      const actual = (server.address() as AddressInfo).port;
      origins = { host: `http://localhost:${actual}`, app: `http://127.0.0.1:${actual}` };
      return {
        port: actual,
        url: `${origins.host}/`,
        hostOrigin: origins.host,
        appOrigin: origins.app,
        state,
        setService: (handler) => {
          service = handler;
        },
        close: () =>
          new Promise<void>((done) => {
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => done());
          }),
      };
    },
  };
}

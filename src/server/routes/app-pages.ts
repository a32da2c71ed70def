/**
 * The app's location pages, served by the service with Zendesk's signed URLs: Zendesk POSTs the first request of a
 * location with a form field `token` (a JWT it signed); a verified load gets the page with a fresh session in it.
 * Scripts and styles are public files (no secret is in them); a page is never served without a verified token.
 */
import { clientAddress } from '../auth.ts';
import type { AppFiles, AccountConfig } from '../deps.ts';
import { ApiError } from '../errors.ts';
import type { Identity, StartedSession } from '../identity/identity.ts';
import { zendeskBaseUrl } from '../identity/zendesk-client.ts';
import { TokenRefused } from '../identity/zendesk-token.ts';
import { contract, text } from '../../core/contract/contract.ts';
import { declare, router } from '../openapi/declare.ts';

/** What the page learns from the service; the app reads it from `#ticket-qa-boot`. */
export interface PageBoot {
  session: string;
  expiresAt: string;
  hardExpiresAt: string;
  account: string;
  user: { id: number; name: string; role: string };
}

const PAGE = /^([a-z][a-z-]{0,40})\.html$/;

/** JSON inside a script element: `<` escaped so no text can close the element. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028|\u2029/g, (ch) => `\\u${ch.charCodeAt(0).toString(16)}`);

export function injectBoot(html: string, boot: PageBoot): string {
  const tag = `<script type="application/json" id="ticket-qa-boot">${scriptJson(boot)}</script>`;
  const at = html.search(/<head[^>]*>/i);
  if (at < 0) return tag + html;
  const end = html.indexOf('>', at) + 1;
  return html.slice(0, end) + tag + html.slice(end);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function messagePage(title: string, text: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:14px/20px system-ui,sans-serif;color:#2f3941;margin:16px}h1{font-size:16px;margin:0 0 8px}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></main></body></html>`;
}

/** Zendesk's agent interface may frame the pages; nothing else may (clickjacking). */
function frameAncestors(accounts: readonly AccountConfig[]): string {
  const origins = new Set<string>();
  for (const a of accounts) {
    origins.add(`https://${a.subdomain}.zendesk.com`);
    origins.add(new URL(zendeskBaseUrl(a)).origin);
  }
  return `frame-ancestors ${[...origins].join(' ')}`;
}

const page = (description: string) => text('text/html', description);

/** The signed location load: Zendesk POSTs the form with its token; a verified load gets the page with a session. */
const load = declare(
  contract({
    method: 'post',
    path: '/{page}',
    tag: 'identity',
    summary: 'A location page (ticket-sidebar.html, nav-bar.html) as Zendesk loads it with signed URLs',
    roles: 'public',
    request: {
      body: {
        required: true,
        description: 'the JWT Zendesk signed (RS256) for this user, installation and location',
        // words, not a zod schema: a missing token is answered with a page (401), not a 400
        content: {
          'application/x-www-form-urlencoded': {
            schema: { type: 'object', properties: { token: { type: 'string' } }, required: ['token'] as string[] },
          },
        },
      },
    },
    responses: {
      200: page('the page with a new session in `#ticket-qa-boot`'),
      401: page('no token, or one Zendesk did not sign for this installation'),
      403: page('the user has no QA role'),
      404: page('not a page of the app'),
      429: page('throttled: too many refused loads from this client'),
      503: page('Zendesk could not be reached to read the user'),
    },
  }),
);

/** Scripts and styles; Hono's `{.+}` parameter (slashes included) has no OpenAPI spelling, so it is declared as `{path}`. */
const file = declare(
  contract({
    method: 'get',
    path: '/{path}',
    tag: 'identity',
    summary: 'The app’s scripts and styles (public); a page asked for by GET answers 401: it opens only through Zendesk',
    roles: 'public',
    responses: {
      200: text('text/plain', 'a file of the built app, with its own content type'),
      401: page('a page: it opens only through Zendesk'),
      404: text('text/plain', 'no such file'),
    },
  }),
);

export function appPagesRouter(deps: { identity: Identity; appFiles?: AppFiles; trustProxy: boolean }) {
  const r = router();
  const csp = frameAncestors(deps.identity.accounts);
  const pageHeaders = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'content-security-policy': csp,
  };
  const refuse = (status: 401 | 403 | 404 | 429 | 503, title: string, text: string, extra: Record<string, string> = {}) =>
    new Response(messagePage(title, text), { status, headers: { ...pageHeaders, ...extra } });

  r.openapi(load, async (c) => {
    const page = PAGE.exec(c.req.param('page'));
    const file = page && deps.appFiles ? await deps.appFiles(page[0]) : null;
    if (!page || !file) return refuse(404, 'Not found', 'This page is not part of Ticket QA.');
    let token: unknown;
    try {
      token = (await c.req.parseBody()).token;
    } catch {
      token = undefined;
    }
    if (typeof token !== 'string' || token.length === 0 || token.length > 16_384) {
      return refuse(401, 'Open Ticket QA from Zendesk', 'This page opens only inside Zendesk, which signs who you are.');
    }
    let started: StartedSession;
    try {
      started = await deps.identity.startSession(token, page[1]!.replace(/-/g, '_'), clientAddress(c, deps.trustProxy));
    } catch (e) {
      if (e instanceof TokenRefused) return refuse(401, 'Zendesk’s signature was not accepted', 'Reload Zendesk and open the app again.');
      if (e instanceof ApiError && (e.status === 403 || e.status === 429 || e.status === 503)) {
        return refuse(e.status, e.status === 403 ? 'No access' : 'Try again shortly', e.message, e.headers);
      }
      throw e;
    }
    const { secret, session } = started;
    const boot: PageBoot = {
      session: secret,
      expiresAt: session.idleExpiresAt.toISOString(),
      hardExpiresAt: session.hardExpiresAt.toISOString(),
      account: session.account,
      user: { id: session.userId, name: session.userName, role: session.role },
    };
    return new Response(injectBoot(new TextDecoder().decode(file.body), boot), { status: 200, headers: pageHeaders });
  });

  r.openAPIRegistry.registerPath(file);
  r.get('/:path{.+}', async (c) => {
    const path = c.req.param('path');
    if (PAGE.test(path)) return refuse(401, 'Open Ticket QA from Zendesk', 'This page opens only inside Zendesk, which signs who you are.');
    const file = deps.appFiles && !path.split('/').includes('..') ? await deps.appFiles(path) : null;
    if (!file) return c.text('not found', 404);
    return new Response(file.body as Uint8Array<ArrayBuffer>, {
      headers: { 'content-type': file.type, 'cache-control': 'public, max-age=3600' },
    });
  });
  return r;
}

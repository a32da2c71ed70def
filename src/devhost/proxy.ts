/**
 * Zendesk's request proxy for `client.request`: `/api/v2/...` goes to the in-memory Zendesk as the signed-in user;
 * other URLs are fetched server-side (the app itself no longer calls its service this way: it calls it on its own
 * origin with the session from the signed load). `{{setting.<name>}}` is substituted only when `secure: true`, so a secure
 * setting's value never reaches the browser.
 */
import { z } from 'zod';
import { callZendeskApi } from './zendesk-api.ts';
import type { ZendeskState } from './zendesk-state.ts';

export const ProxyOptions = z.looseObject({
  url: z.string().min(1),
  type: z.string().default('GET'),
  contentType: z.union([z.string(), z.literal(false)]).optional(),
  data: z.unknown().optional(),
  headers: z.record(z.string(), z.unknown()).default({}),
  secure: z.boolean().optional(),
  cors: z.boolean().optional(),
  timeout: z.number().optional(),
});
export type ProxyOptions = z.infer<typeof ProxyOptions>;

export interface ProxyAnswer {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  responseText: string;
}

export interface SecureParameter {
  name: string;
  /** `["header"]`: substituted in headers only (manifest `scopes`). */
  scopes?: string[];
}

export interface ProxyDeps {
  state: ZendeskState;
  /** How other URLs are fetched (default: global fetch); tests pass their own. */
  fetch?: (request: Request) => Promise<Response>;
  /** The manifest's secure parameters and allowed domains. */
  secureParameters: SecureParameter[];
  domainWhitelist: string[];
  baseUrl: () => string;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
};
const PLACEHOLDER = /\{\{\s*setting\.([\w.-]+)\s*\}\}/g;

function answer(status: number, headers: Record<string, string>, responseText: string): ProxyAnswer {
  return { status, statusText: STATUS_TEXT[status] ?? 'error', headers, responseText };
}

/** The path and query of a URL on the account's own origin under /api/v2/; null for any other URL. */
function ownApiPath(url: string, baseUrl: string): string | null {
  try {
    const u = new URL(url);
    return u.origin === new URL(baseUrl).origin && u.pathname.startsWith('/api/v2/') ? u.pathname + u.search : null;
  } catch {
    return null;
  }
}

export function createProxy(deps: ProxyDeps) {
  const { state } = deps;
  const secureNames = new Map(deps.secureParameters.map((p) => [p.name, p]));

  /** Fills `{{setting.x}}`; a header-scoped secure setting is filled only where `where === 'header'`. */
  function substitute(text: string, where: 'header' | 'url' | 'body'): string {
    return text.replace(PLACEHOLDER, (whole, name: string) => {
      const secure = secureNames.get(name);
      if (secure?.scopes && !secure.scopes.includes(where)) return whole;
      const value = state.settings[name];
      return value === undefined || value === null ? whole : String(value);
    });
  }

  function allowed(url: URL): boolean {
    return deps.domainWhitelist.some((d) => url.hostname === d || url.hostname.endsWith(`.${d}`));
  }

  return async function proxy(raw: unknown, userId: number): Promise<ProxyAnswer> {
    const parsed = ProxyOptions.safeParse(raw);
    if (!parsed.success) return answer(400, { 'content-type': 'text/plain' }, `invalid request options: ${parsed.error.message}`);
    const options = parsed.data;
    const method = options.type.toUpperCase();
    const secure = options.secure === true;
    const fill = (text: string, where: 'header' | 'url' | 'body') => (secure ? substitute(text, where) : text);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(options.headers)) headers[k] = fill(String(v), 'header');
    if (options.contentType) headers['content-type'] = options.contentType;
    let body: string | undefined;
    if (options.data !== undefined && method !== 'GET' && method !== 'HEAD') {
      body = fill(typeof options.data === 'string' ? options.data : JSON.stringify(options.data), 'body');
      headers['content-type'] ??= 'application/x-www-form-urlencoded; charset=UTF-8';
    }

    // the account's own API by its full URL (as a list's next_page gives it) is the same API, as the signed-in user
    const own = ownApiPath(options.url, deps.baseUrl());
    if (options.url.startsWith('/') || own) {
      const path = own ?? options.url;
      if (!path.startsWith('/api/v2/')) {
        state.report('unimplemented', `client.request to relative URL ${options.url} (only /api/v2/ is emulated)`);
        return answer(
          404,
          { 'content-type': 'application/json; charset=utf-8' },
          JSON.stringify({ error: 'InvalidEndpoint', description: 'Not found' }),
        );
      }
      const r = callZendeskApi(state, { method, path, ...(body === undefined ? {} : { body }), userId, baseUrl: deps.baseUrl() });
      return answer(r.status, r.headers, r.body);
    }

    let url: URL;
    try {
      url = new URL(fill(options.url, 'url'));
    } catch {
      return answer(400, { 'content-type': 'text/plain' }, `invalid url ${options.url}`);
    }
    // Zendesk refuses secure requests to domains the manifest does not list
    if (secure && !allowed(url)) {
      return answer(403, { 'content-type': 'text/plain' }, `${url.hostname} is not in the app's domainWhitelist`);
    }
    const request = new Request(url, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      signal: AbortSignal.timeout(options.timeout ?? 30_000),
    });
    try {
      const response = await (deps.fetch ?? fetch)(request);
      const out: Record<string, string> = {};
      response.headers.forEach((v, k) => {
        out[k] = v;
      });
      return answer(response.status, out, await response.text());
    } catch (err) {
      return answer(502, { 'content-type': 'text/plain' }, `Bad Gateway: ${String(err)}`);
    }
  };
}

export type Proxy = ReturnType<typeof createProxy>;

/**
 * The app's one transport to the reporting service (docs/decisions/015-identity-from-zendesk.md): the service served
 * this page after verifying Zendesk's signed load, so the app calls it on its own origin with a plain `fetch` and the
 * session from the boot (`Authorization: Bearer <session>`). No cookies, no CORS, no Zendesk proxy. ZAF stays for
 * Zendesk's own data. Every client (./*-api.ts) calls a route by its contract (src/core/contract/, decision 024): the
 * request is made from the contract's method and path; the nav bar checks the answer with the contract's schemas
 * (contract-call.ts), the sidebar with guards typed against them (`guardedCall` below, wire.ts).
 */
import type { Contract, InputOf, OutputOf } from '../../core/contract/contract.ts';
import type { Boot } from './boot.ts';
import { serviceBase } from './boot.ts';
import { checked, fail, kindOfStatus, ok, type Result } from './result.ts';
import { readErrorBody } from './wire.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The parsed body (JSON, else the text, e.g. a CSV export; null for 204), or the error as a value. */
export type ServiceCall = (method: Method, path: string, body?: unknown) => Promise<Result<unknown>>;

/** Requests give up after this long, so an outage turns into "unreachable" instead of a spinner. */
export const TIMEOUT_MS = 15_000;

export interface TransportOptions {
  /** The session secret from the boot. */
  session: string;
  /** The service's path prefix on this origin ('' or e.g. '/qa'); calls go to `<base>/api/v1<path>`. */
  base: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export function createServiceCall({
  session,
  base,
  fetch: send = (...args) => fetch(...args),
  timeoutMs = TIMEOUT_MS,
}: TransportOptions): ServiceCall {
  const root = `${base.replace(/\/+$/, '')}/api/v1`;
  return async (method, path, body) => {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      const headers: Record<string, string> = { Authorization: `Bearer ${session}`, Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      let res: Response;
      try {
        res = await send(`${root}${path}`, {
          method,
          headers,
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          credentials: 'omit',
          cache: 'no-store',
          signal: abort.signal,
        });
      } catch (e) {
        // fetch rejects only when there is no answer: offline, the service down, or our timeout
        return fail(
          'unreachable',
          abort.signal.aborted ? `no answer within ${Math.round(timeoutMs / 1000)} s` : e instanceof Error ? e.message : String(e),
        );
      }
      let text: string;
      try {
        text = await res.text();
      } catch (e) {
        return fail(
          'unreachable',
          abort.signal.aborted ? `no answer within ${Math.round(timeoutMs / 1000)} s` : e instanceof Error ? e.message : String(e),
        );
      }
      if (res.status >= 400) return failure(res.status, text, res.headers.get('retry-after'));
      const type = res.headers.get('content-type') ?? '';
      return ok(text === '' ? null : type.includes('json') || type === '' ? safeJson(text) : text);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The transport for this page: its boot's session, on its own origin under the service's path prefix. */
export function bootServiceCall(boot: Boot, pathname: string = location.pathname): ServiceCall {
  return createServiceCall({ session: boot.session, base: serviceBase(pathname) });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Retry-After as seconds: a number of seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterSeconds(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = /^\d+$/.test(value.trim()) ? Number(value.trim()) : (Date.parse(value) - now) / 1000;
  return Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds)) : undefined;
}

function failure(status: number, text: string, retryAfter: string | null): Result<never> {
  const body = readErrorBody(text);
  const kind = kindOfStatus(status);
  const r = fail(kind, body.message ?? `HTTP ${status}`, body.issues);
  if (kind === 'session-ended' && r.status === 'error') {
    r.error.message = `your Ticket QA session has ended (${body.message ?? 'HTTP 401'}): reopen the app or reload Zendesk`;
  }
  if (kind === 'conflict' && r.status === 'error') r.error.body = safeJson(text);
  if (kind === 'throttled' && r.status === 'error') {
    const seconds = retryAfterSeconds(retryAfter);
    if (seconds !== undefined) r.error.retryAfter = seconds;
    r.error.message = seconds === undefined ? 'too many requests: try again shortly' : `too many requests: try again in ${seconds} s`;
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// Calls by contract

/** What a call sends (`{ params, query, body }`) as the contract's schemas take it; left out when it needs nothing. */
export type Args<C extends Contract> = Record<never, never> extends InputOf<C> ? [input?: InputOf<C>] : [input: InputOf<C>];
export type Parts = { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };

/** `a=1&b=x`: values left undefined or empty are not sent. */
export function queryString(query: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') search.set(key, String(value));
  return search.toString();
}

/** The request: the contract's method, its path with each parameter filled in (encoded) and the query, the body. */
export function request(
  route: Pick<Contract, 'method' | 'path'>,
  { params = {}, query = {}, body }: Parts = {},
): [Method, string, unknown] {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
  const q = queryString(query);
  return [route.method.toUpperCase() as Method, q ? `${path}?${q}` : path, body];
}

/**
 * A contract's method and path without its schemas, for the sidebar (its budget has no room for zod): the compiler
 * holds both to the contract's (`C`), so they cannot drift from the route the service declares.
 */
export interface Route<C extends Contract> {
  method: C['method'];
  path: C['path'];
}
export const route = <C extends Contract>(method: C['method'], path: C['path']): Route<C> => ({ method, path });

/** What a guarded call accepts of an answer: the contract's output, or undefined when the answer has another shape. */
export type Accept<T> = (answer: unknown) => T | undefined;

/** Calls a route and accepts the answer with `accept` (made of the guards in wire.ts); another shape is a server error. */
export type GuardedCall = <C extends Contract>(
  route: Route<C>,
  input: InputOf<C> | undefined,
  accept: Accept<OutputOf<C>>,
) => Promise<Result<OutputOf<C>>>;

export const guardedCall =
  (send: ServiceCall): GuardedCall =>
  async (route, input, accept) =>
    checked(await send(...request(route, input as Parts | undefined)), accept);

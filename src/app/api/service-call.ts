/**
 * The app's one transport to the reporting service (docs/decisions/015-identity-from-zendesk.md): the service served
 * this page after verifying Zendesk's signed load, so the app calls it on its own origin with a plain `fetch` and the
 * session from the boot (`Authorization: Bearer <session>`). No cookies, no CORS, no Zendesk proxy. The sidebar's
 * client and the nav bar's admin, report and plan calls all go through it; ZAF stays for Zendesk's own data.
 */
import type { Boot } from './boot.ts';
import { serviceBase } from './boot.ts';
import { checked, fail, kindOfStatus, ok, type Result } from './result.ts';
import { readErrorBody, type Accept } from './wire.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The parsed body (JSON, else the text, e.g. a CSV export; null for 204), or the error as a value. */
export type ServiceCall = (method: Method, path: string, body?: unknown) => Promise<Result<unknown>>;

/** A call whose answer must pass `accept` (made of the guards in wire.ts): any other shape is a server error. */
export type CheckedCall = <T>(method: Method, path: string, body: unknown, accept: Accept<T>) => Promise<Result<T>>;

export const checkedCall =
  (send: ServiceCall): CheckedCall =>
  async (method, path, body, accept) =>
    checked(await send(method, path, body), accept);

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

/** Expected failures are values, so no view forgets one: the views branch on `status`; bugs still throw. */
export type ServiceErrorKind =
  | 'unreachable'
  /** 401: the session ended (expired, revoked, or the service restarted): reopen the app / reload Zendesk. */
  | 'session-ended'
  /** 429: too many requests; `retryAfter` says how long to wait. */
  | 'throttled'
  | 'forbidden'
  | 'invalid'
  | 'conflict'
  | 'not-found'
  | 'rule'
  | 'server';

export interface ServiceError {
  kind: ServiceErrorKind;
  message: string;
  /** Path-named problems from a 400 (zod issues formatted by the service). */
  issues?: string[];
  /** Seconds to wait before trying again (a 429's Retry-After). */
  retryAfter?: number;
  /** A 409's whole answer (e.g. a draft conflict carries the stored copy). */
  body?: unknown;
}

export type Result<T> = { status: 'ok'; value: T } | { status: 'error'; error: ServiceError };

export const ok = <T>(value: T): Result<T> => ({ status: 'ok', value });
export const fail = <T = never>(kind: ServiceErrorKind, message: string, issues?: string[]): Result<T> => ({
  status: 'error',
  error: issues ? { kind, message, issues } : { kind, message },
});

/** The value of an ok result changed by `f` (`{ items }` -> the items); an error as it is. */
export const mapOk = <T, U>(r: Result<T>, f: (value: T) => U): Result<U> => (r.status === 'ok' ? ok(f(r.value)) : r);

/** An answer of another shape than the route's: a view never gets one. */
export const unexpectedShape = <T = never>(): Result<T> => fail('server', 'the service answered in an unexpected shape');

/** The answer when `accept` recognises its shape, else a server error. */
export function checked<T>(r: Result<unknown>, accept: (v: unknown) => T | undefined): Result<T> {
  if (r.status === 'error') return r;
  const value = accept(r.value);
  return value === undefined ? unexpectedShape() : ok(value);
}

/** One table from HTTP status to error kind; 0 is "no answer" (the request failed or timed out). */
const BY_STATUS: Record<number, ServiceErrorKind> = {
  0: 'unreachable',
  400: 'invalid',
  401: 'session-ended',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  422: 'rule',
  429: 'throttled',
  // a proxy in front of the service answers these when it cannot reach it
  502: 'unreachable',
  503: 'unreachable',
  504: 'unreachable',
};

export function kindOfStatus(status: number): ServiceErrorKind {
  return BY_STATUS[status] ?? (status >= 500 ? 'server' : status >= 400 ? 'invalid' : 'server');
}

/** Worth retrying later without the user changing anything. */
export const isTransient = (kind: ServiceErrorKind): boolean => kind === 'unreachable' || kind === 'server' || kind === 'throttled';

/** Expected failures are values (DESIGN.md §9): the views branch on `status`, bugs still throw. */
export type ServiceErrorKind =
  | 'unreachable'
  | 'unauthorized'
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
}

export type Result<T> = { status: 'ok'; value: T } | { status: 'error'; error: ServiceError };

export const ok = <T>(value: T): Result<T> => ({ status: 'ok', value });
export const fail = <T = never>(kind: ServiceErrorKind, message: string, issues?: string[]): Result<T> => ({
  status: 'error',
  error: issues ? { kind, message, issues } : { kind, message },
});

/** One table from HTTP status to error kind; 0 is "no answer" (network, CORS, proxy could not connect). */
const BY_STATUS: Record<number, ServiceErrorKind> = {
  0: 'unreachable',
  400: 'invalid',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  422: 'rule',
  // the Zendesk proxy answers these when it cannot reach the service
  502: 'unreachable',
  503: 'unreachable',
  504: 'unreachable',
};

export function kindOfStatus(status: number): ServiceErrorKind {
  return BY_STATUS[status] ?? (status >= 500 ? 'server' : status >= 400 ? 'invalid' : 'server');
}

/** Worth retrying later without the user changing anything. */
export const isTransient = (kind: ServiceErrorKind): boolean => kind === 'unreachable' || kind === 'server';

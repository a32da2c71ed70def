/**
 * The API declared once (docs/decisions/020-api-declared-once.md, 024-app-client-from-contracts.md): each route's
 * contract is in src/core/contract/ (method, path, roles, request and response schemas), where the app's client reads
 * it too; each router declares its routes from them with `declare`, beside their handlers. @hono/zod-openapi validates
 * each request with the contract's schemas and generates the OpenAPI document from the same declarations (publish.ts).
 * What every route shares is added here, so a route states only what is its own: the standard error responses, its
 * roles in the description, the role check before the request is read, and the service's 400 wording for bodies that
 * are not JSON and for schema failures.
 */
import { createRoute, OpenAPIHono, type Hook, type RouteConfig } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { ErrorBody } from '../../core/api.ts';
import { json, type Contract } from '../../core/contract/contract.ts';
import { formatIssues, parseWith } from '../../core/issues.ts';
import { actorOf, requireRole, type AppEnv } from '../auth.ts';
import { badRequest, readJson } from '../errors.ts';

type Request = NonNullable<RouteConfig['request']>;
type Responses = RouteConfig['responses'];

/** What only the service knows about a route, beside its contract. */
export interface ServerSide {
  /** When set, the contract's roles are enforced before the request is read: 403 `<role> may not <action>` for the others. */
  action?: string;
  /** A check of its own before the request is read, after the role check (the scorecard-manager rule). */
  check?: (c: Context<AppEnv>) => unknown;
  /** Reads or folds many rows (limits/heavy.ts HEAVY_ROUTES): may answer 429 and 503. */
  heavy?: true;
}

/** The route as the library types its handler: the contract's method, path, request and responses. */
export type Declared<C extends Contract> = {
  method: C['method'];
  path: C['path'];
  request: C['request'] extends object ? C['request'] : Record<never, never>;
  responses: C['responses'];
};

const ERROR_TEXT: Record<number, string> = {
  400: 'The query, path or body is malformed: `issues` names each problem by its path',
  401: 'No session or API key, an unknown one, or one that expired or was revoked',
  403: 'The caller’s QA role (decided by the service from Zendesk) may not do this, or the data is not the caller’s',
  404: 'Unknown id in this account',
  409: 'Conflict with the stored state (same id with another body, stale lockVersion)',
  422: 'A domain rule is broken (answers do not fit the scorecard, archived scorecard, wrong status)',
  429: 'Too many reports and exports are running for the account: try again after `Retry-After` seconds',
  500: 'Internal error; the body carries a requestId and never SQL',
  503: 'The database took too long (narrow the filters or try again later), or the request was cancelled while it waited',
};

function standardErrors(
  d: { roles: unknown; errors?: ReadonlyArray<number> | undefined; heavy?: true | undefined },
  hasParams: boolean,
): Responses {
  if (d.roles === 'public') return {};
  const statuses = new Set([400, 401, 403, 500, ...(d.errors ?? []), ...(hasParams ? [404] : []), ...(d.heavy ? [429, 503] : [])]);
  return Object.fromEntries([...statuses].sort().map((s) => [s, json(ErrorBody, ERROR_TEXT[s])]));
}

/** The schemas a route read its input with, for `refuseInvalid` (the library's hook sees the input, not the schema). */
const declaredInput = new WeakMap<Context, Partial<Record<string, z.ZodType>>>();

/**
 * Validation failures answer as `parseOrThrow` always has: 400 `{ error: 'invalid request', issues }`, each issue
 * named by its path. The input is parsed again with `parseWith` for the wording (it asks zod to report the input,
 * which tells a missing value from a wrong one); that happens only on a failure.
 */
export const refuseInvalid: Hook<unknown, AppEnv, string, undefined> = (result, c) => {
  if (result.success) return;
  const schema = declaredInput.get(c)?.[result.target];
  const again = schema ? parseWith(schema, (result as { data?: unknown }).data) : null;
  throw badRequest(again && !again.ok ? again.errors : formatIssues(result.error.issues));
};

/** A router whose routes are declared with `declare`. */
export const router = () => new OpenAPIHono<AppEnv>({ defaultHook: refuseInvalid });

/** Remembers the route's schemas for `refuseInvalid` and reads a JSON body once, with the service's 400 when it is not JSON. */
function readsInput(request: Request): MiddlewareHandler {
  const json = (request.body?.content['application/json'] as { schema?: z.ZodType } | undefined)?.schema;
  const optional = request.body?.required !== true;
  const schemas: Partial<Record<string, z.ZodType>> = { query: request.query, param: request.params, json };
  return async (c, next) => {
    declaredInput.set(c, schemas);
    if (json) {
      // an optional body may be left out or sent empty: the validator then reads `{}`
      if (optional && (await c.req.text()).trim() === '') (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve('{}');
      await readJson(c.req);
    }
    await next();
  };
}

const pathParams = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

/**
 * The route for `OpenAPIHono.openapi(route, handler)`: the contract (src/core/contract/), what only the service knows,
 * and what every route shares. Its path is the contract's, so a router declaring API routes is mounted at `/api/v1`.
 */
export function declare<C extends Contract>(contract: C, server: ServerSide = {}): Declared<C> {
  const params = pathParams(contract.path);
  const request: Request = { ...(contract.request as Request | undefined) };
  if (params.length > 0 && !request.params) request.params = z.object(Object.fromEntries(params.map((name) => [name, z.string()])));
  const roles = contract.roles === 'public' ? null : contract.roles;
  const { action, check, heavy } = server;
  // the role check and the route's own check run before the request is read
  const checks: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (roles && action !== undefined) requireRole(actorOf(c), roles, action);
    await check?.(c);
    await next();
  };
  return createRoute({
    method: contract.method,
    path: contract.path,
    tags: [contract.tag],
    summary: contract.summary,
    description: [roles ? `roles: ${roles.join(', ')}` : 'no token needed', contract.access].filter(Boolean).join('; '),
    ...(roles ? { 'x-roles': [...roles] } : { security: [] }),
    middleware: [...(action !== undefined || check ? [checks] : []), readsInput(request)],
    request,
    responses: { ...standardErrors({ roles: contract.roles, errors: contract.errors, heavy }, params.length > 0), ...contract.responses },
    // typed as declared: the handler's types need only its own request and responses
  } as RouteConfig) as unknown as Declared<C>;
}

import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import { Health } from '../core/api.ts';
import { authenticate, type AppEnv } from './auth.ts';
import { claimedAccount, createIdentity, DEFAULT_LIMITS, type Identity } from './identity/identity.ts';
import { apiKeysRouter } from './routes/api-keys.ts';
import { appPagesRouter } from './routes/app-pages.ts';
import { sessionsRouter } from './routes/sessions.ts';
import type { AppDeps } from './deps.ts';
import { inputDataError, jsonBodiesOnly, safePathAndQuery } from './edge.ts';
import { ApiError } from './errors.ts';
import { isQueryCanceled } from './db/db.ts';
import { createHeavyGate, HEAVY_ROUTES, heavyLimitsFor, heavyWork, refuseWhenFull, type HeavyGate } from './limits/heavy.ts';
import { createHealth, DEFAULT_HEALTH } from './limits/health.ts';
import { consoleLogger, errorFields } from './log.ts';
import { contract, json } from '../core/contract/contract.ts';
import { declare, router } from './openapi/declare.ts';
import { publishDocument } from './openapi/publish.ts';
import { evaluationsRouter } from './routes/evaluations.ts';
import { exportsRouter } from './routes/exports.ts';
import { peopleRouter } from './routes/people.ts';
import { policyRouter } from './routes/policy.ts';
import { reportsRouter } from './routes/reports.ts';
import { retentionRouter } from './routes/retention.ts';
import { scorecardsRouter } from './routes/scorecards.ts';
import { sidebarRouter } from './routes/sidebar.ts';
import { whatIfRouter } from './routes/what-if.ts';
import { calibrationRouter } from './routes/calibration.ts';
import { coachingRouter } from './routes/coaching.ts';
import { draftsRouter } from './routes/drafts.ts';
import { coverageRouter } from './routes/coverage.ts';
import { plansRouter } from './routes/plans.ts';
import { reportTicketsRouter } from './routes/report-tickets.ts';
import { suggestionsRouter } from './routes/suggestions.ts';
import { syncRouter } from './routes/sync.ts';
import { autoQaRouter } from './routes/autoqa.ts';
import { targetsRouter } from './routes/targets.ts';

/** Largest request body accepted under /api/v1. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

const defaultLogger = consoleLogger('[service]');

/**
 * The service's composition root: one router per resource under `/api/v1`, one error handler. Every route is declared
 * (openapi/declare.ts), so the OpenAPI document at `/api/v1/openapi.json` is generated from the mounted routers.
 */
export function createApp(deps: AppDeps): ReturnType<typeof router> & { identity: Identity; heavyGate: HeavyGate } {
  const logger = deps.logger ?? defaultLogger;
  const app = router();
  const trustProxy = deps.trustProxy ?? false;
  const identity = createIdentity({
    db: deps.db,
    clock: deps.authClock ?? deps.clock,
    accounts: deps.accounts,
    fetch: deps.zendeskFetch ?? ((url, init) => fetch(url, init)),
    limits: { ...DEFAULT_LIMITS, ...deps.limits },
    logger,
  });

  app.use(async (c, next) => {
    const requestId = randomUUID();
    c.set('requestId', requestId);
    c.header('X-Request-Id', requestId);
    await next();
  });
  // every path segment and query value, on every route: short, and text PostgreSQL can hold (400 naming it)
  app.use(safePathAndQuery());

  // answered from the process with the last database check: never queued behind a report (limits/health.ts)
  const health = createHealth(deps.db, { ...DEFAULT_HEALTH, ...deps.health });
  const healthz = declare(
    contract({
      method: 'get',
      path: '/healthz',
      tag: 'service',
      summary: 'Liveness and storage kind',
      roles: 'public',
      responses: { 200: json(Health), 503: json(Health, 'The database has not answered lately; try again after `Retry-After` seconds') },
    }),
  );
  app.openapi(healthz, async (c) => {
    const state = await health.state();
    if (state.ok) return c.json({ status: 'ok' as const, storage: deps.db.kind }, 200);
    return c.json({ status: 'unavailable' as const, storage: deps.db.kind, error: 'the database has not answered lately' }, 503, {
      'Retry-After': '5',
    });
  });

  // reports, exports and the like: a few at a time per account and in all, a short queue, then 429 (limits/heavy.ts)
  const heavyLimits = heavyLimitsFor(deps.db.kind, deps.heavy);
  const heavyGate = createHeavyGate(heavyLimits);
  const heavy = heavyWork(heavyGate, heavyLimits);
  const heavyDeps: AppDeps = { ...deps, db: deps.heavyDb ?? deps.db };

  const api = router();
  // `use`, not `on`: middleware, not routes of their own (the OpenAPI test lists the routes)
  const onHeavy = (middleware: MiddlewareHandler<AppEnv>) => {
    for (const [method, path] of HEAVY_ROUTES) api.use(path, (c, next) => (c.req.method === method ? middleware(c, next) : next()));
  };
  onHeavy(refuseWhenFull(heavyGate, heavyLimits, claimedAccount));
  api.use(authenticate(identity, trustProxy));
  // a scorecard of 500 criteria is well under 1 MB: bigger bodies are refused before parsing
  api.use(bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ error: 'request body too large' }, 413) }));
  api.use(jsonBodiesOnly());
  onHeavy(heavy);
  // each router's paths are its contracts' (src/core/contract/), under /api/v1
  api.route('/', scorecardsRouter(deps));
  api.route('/', whatIfRouter(heavyDeps));
  api.route('/', evaluationsRouter(deps));
  api.route('/', peopleRouter(deps));
  api.route('/', retentionRouter(deps));
  api.route('/', policyRouter(deps));
  api.route('/', reportsRouter(heavyDeps));
  api.route('/', exportsRouter(heavyDeps));
  api.route('/', sidebarRouter(deps));
  api.route('/', plansRouter(deps));
  api.route('/', coverageRouter(heavyDeps));
  api.route('/', reportTicketsRouter(heavyDeps));
  api.route('/', suggestionsRouter(heavyDeps));
  api.route('/', calibrationRouter(deps));
  api.route('/', targetsRouter(deps));
  api.route('/', coachingRouter(deps));
  api.route('/', draftsRouter(deps));
  api.route('/', apiKeysRouter(deps));
  api.route('/', syncRouter(deps));
  api.route('/', autoQaRouter(deps));
  api.route('/', sessionsRouter(deps, identity));
  // public, and before `api` so its authentication does not run for it
  publishDocument(app);
  app.route('/api/v1', api);
  app.route('/app', appPagesRouter({ identity, ...(deps.appFiles ? { appFiles: deps.appFiles } : {}), trustProxy }));

  app.notFound((c) => c.json({ error: 'not found' }, 404));

  const errorBody = (err: ApiError) => (err.issues ? { error: err.message, issues: err.issues } : { error: err.message });
  // expected failures carry their status; anything else is a bug or a database error: never leak its text, not even
  // to the log (a database error's message quotes the SQL and the values), only its class and SQLSTATE
  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(errorBody(err), err.status, err.headers);
    if (err instanceof HTTPException) return err.getResponse();
    if (isQueryCanceled(err)) {
      // statement_timeout (PostgreSQL): too much work for one request, not a bug; a narrower question may pass
      logger.warn('statement timed out', { requestId: c.get('requestId'), method: c.req.method, route: routePath(c, -1), status: 503 });
      return c.json({ error: 'the database took too long to answer: narrow the filters (a shorter period) or try again later' }, 503, {
        'Retry-After': String(heavyLimits.retryAfterSeconds),
      });
    }
    const requestId = c.get('requestId');
    const where = { requestId, method: c.req.method, route: routePath(c, -1), ...errorFields(err) };
    const refused = inputDataError(err);
    if (refused) {
      // input the edge's rules let through: refused all the same, and logged so the rule gets written
      logger.warn('input reached the database unchecked', { ...where, status: refused.status });
      return c.json(errorBody(refused), refused.status);
    }
    logger.error('request failed', { ...where, status: 500 });
    return c.json({ error: 'internal error', requestId }, 500);
  });

  return Object.assign(app, { identity, heavyGate });
}

import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';
import type { AppEnv } from '../auth.ts';
import { OpenApiDocument } from '../../core/api.ts';
import { contract, json } from '../../core/contract/contract.ts';
import { declare } from './declare.ts';

type Document = ReturnType<OpenAPIHono['getOpenAPI31Document']>;
/** What the document is made from: the routes declared on an app and the routers mounted on it. */
type Declared = Pick<OpenAPIHono, 'openAPIRegistry' | 'getOpenAPI31Document'>;

const INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Ticket QA reporting service',
    version: '1',
    description:
      'Scorecards, evaluations and reports of the Ticket QA Zendesk app. Every request under /api/v1 carries the ' +
      "installation's token and names the acting Zendesk user and QA role; every row belongs to one account.",
  },
};

/** `get /scorecards/{id}/publish` -> `postScorecardsIdPublish`: unique, and the same as before the routes declared themselves. */
const operationId = (method: string, path: string) =>
  `${method}${path.replace(/^\/api\/v1/, '').replace(/[^A-Za-z0-9]+(\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`;

/** The route declarations mounted on `app`, with their zod schemas and full paths (`/api/v1/scorecards/{id}`). */
export function declaredRoutes(app: Declared): RouteConfig[] {
  return app.openAPIRegistry.definitions.flatMap((d) => (d.type === 'route' ? [d.route] : []));
}

/** The OpenAPI 3.1 document of `app`, generated from the routes its routers declared (declare.ts). */
export function apiDocument(app: Declared): Document {
  const doc = app.getOpenAPI31Document({ ...INFO, servers: [{ url: '/' }], security: [{ bearer: [] }] });
  for (const [path, operations] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) {
      if (operation && typeof operation === 'object' && 'responses' in operation) operation.operationId = operationId(method, path);
    }
  }
  return doc;
}

/**
 * `GET /api/v1/openapi.json` on `app`, public (a description of the API holds no account's data), generated on the
 * first request, when every router is mounted. Register it before the authenticated routers, so their
 * authentication does not run for it.
 */
export function publishDocument(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A session (`s1.<account>.<secret>`) from a signed location load, or an API key (`k1.<account>.<secret>`, GET only)',
  });
  let document: Document | undefined;
  const route = declare(
    contract({
      method: 'get',
      path: '/api/v1/openapi.json',
      tag: 'service',
      summary: 'This document',
      roles: 'public',
      responses: { 200: json(OpenApiDocument) },
    }),
  );
  app.openapi(route, (c) => c.json((document ??= apiDocument(app)) as unknown as Record<string, unknown>, 200));
}

import { z } from 'zod';
import { OPERATIONS, type Operation } from './operations.ts';
import { ErrorBody } from './views.ts';

type Json = Record<string, unknown>;

/** JSON Schema 2020-12 (OpenAPI 3.1's own dialect) of a zod schema; refinements are not representable and left out. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

/** `/scorecards/:id` -> `/scorecards/{id}` and its path parameters. */
function openApiPath(path: string): { path: string; params: string[] } {
  const params: string[] = [];
  const converted = path.replace(/:([A-Za-z_]\w*)/g, (_m, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path: converted, params };
}

const ERROR_TEXT: Record<number, string> = {
  400: 'The query or body is malformed: `issues` names each problem by its path',
  401: 'No session or API key, an unknown one, or one that expired or was revoked',
  403: 'The caller’s QA role (decided by the service from Zendesk) may not do this, or the data is not the caller’s',
  404: 'Unknown id in this account',
  409: 'Conflict with the stored state (same id with another body, stale lockVersion)',
  422: 'A domain rule is broken (answers do not fit the scorecard, archived scorecard, wrong status)',
  500: 'Internal error; the body carries a requestId and never SQL',
};

const errorResponse = (status: number) => ({
  description: ERROR_TEXT[status],
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
});

function queryParameters(query: z.ZodType): Json[] {
  const schema = jsonSchema(query, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: s,
  }));
}

function operationObject(op: Operation, components: Record<string, Json>): Json {
  const { params } = openApiPath(op.path);
  const authenticated = op.roles !== 'public';
  const parameters: Json[] = [
    ...params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
    ...(op.query ? queryParameters(op.query) : []),
  ];
  const responses: Record<string, Json> = {};
  const r = op.response;
  if ('csv' in r) {
    responses['200'] = { description: `CSV with a header row: ${r.csv}`, content: { 'text/csv': { schema: { type: 'string' } } } };
  } else if ('html' in r) {
    responses['200'] = { description: r.html, content: { 'text/html': { schema: { type: 'string' } } } };
  } else if ('noContent' in r) {
    responses['204'] = { description: 'Done; no body' };
  } else {
    components[r.name] ??= jsonSchema(r.schema, 'output');
    responses[String(r.status ?? 200)] = {
      description: r.status === 201 ? 'Created' : 'OK',
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${r.name}` } } },
    };
  }
  if (authenticated) {
    const errors = new Set<number>([400, 401, 403, ...(op.errors ?? []), 500]);
    if (params.length > 0) errors.add(404);
    for (const status of [...errors].sort((a, b) => a - b)) responses[String(status)] = errorResponse(status);
  }
  const roles = op.roles === 'public' ? 'no token needed' : `roles: ${op.roles.join(', ')}`;
  return {
    tags: [op.tag],
    summary: op.summary,
    description: [roles, op.access].filter(Boolean).join('; '),
    operationId: `${op.method}${op.path.replace(/^\/api\/v1/, '').replace(/[^A-Za-z0-9]+(\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(op.form ? { requestBody: { required: true, description: op.form, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { token: { type: 'string' } }, required: ['token'] } } } } } : {}),
    ...(op.body ? { requestBody: { required: op.bodyOptional !== true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } } } : {}),
    responses,
    ...(authenticated ? {} : { security: [] }),
  };
}

/** The OpenAPI 3.1 document of the service, generated from the same zod schemas the routes parse with. */
export function openApiDocument(operations: readonly Operation[] = OPERATIONS): Json {
  const components: Record<string, Json> = { ErrorBody: jsonSchema(ErrorBody, 'output') };
  const paths: Record<string, Record<string, Json>> = {};
  for (const op of operations) {
    const { path } = openApiPath(op.path);
    (paths[path] ??= {})[op.method] = operationObject(op, components);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Ticket QA reporting service',
      version: '1',
      description:
        'Scorecards, evaluations and reports of the Ticket QA Zendesk app. Every request under /api/v1 carries the ' +
        "installation's token and names the acting Zendesk user and QA role; every row belongs to one account.",
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A session (`s1.<account>.<secret>`) from a signed location load, or an API key (`k1.<account>.<secret>`, GET only)' },
      },
      schemas: components,
    },
  };
}

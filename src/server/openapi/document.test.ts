import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import type { Db } from '../db/db.ts';
import { HEAVY_ROUTES } from '../limits/heavy.ts';
import { apiDocument } from './publish.ts';

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Array<{ name?: string; in?: string; $ref?: string; required?: boolean }>;
        requestBody?: { content: Record<string, { schema: { required?: string[] } }> };
        responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
      }
    >
  >;
  components: { schemas: Record<string, unknown>; parameters: Record<string, unknown> };
};

// the routes are listed without touching the database
const app = createApp({ db: {} as Db, clock: { now: () => new Date() }, accounts: [] });
const doc = apiDocument(app) as unknown as Doc;
const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);

/** `get /api/v1/scorecards/{id}` for each route mounted on `a`. */
const mountedRoutes = (a: { routes: Array<{ method: string; path: string }> }) =>
  a.routes
    .filter((r) => METHODS.has(r.method))
    .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/(:\w+)\{[^}]+\}/g, '$1').replace(/:([A-Za-z_]\w*)/g, '{$1}')}`);

describe('OpenAPI document', () => {
  it('lists every mounted route, and nothing that is not mounted', () => {
    const mounted = mountedRoutes(app);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(mounted.length).toBeGreaterThan(20);
    expect(
      mounted.filter((r) => !documented.includes(r)),
      'mounted but not documented',
    ).toEqual([]);
    expect(
      documented.filter((r) => !mounted.includes(r)),
      'documented but not mounted',
    ).toEqual([]);
  });

  it('misses a route mounted without a declaration (so the check above can fail)', () => {
    const other = createApp({ db: {} as Db, clock: { now: () => new Date() }, accounts: [] });
    other.get('/api/v1/undeclared', (c) => c.text('x'));
    expect(mountedRoutes(other)).toContain('get /api/v1/undeclared');
    expect(apiDocument(other).paths).not.toHaveProperty('/api/v1/undeclared');
  });

  it('says 429 and 503 on exactly the heavy routes (limits/heavy.ts)', () => {
    const heavy = (method: string, path: string) =>
      HEAVY_ROUTES.some(
        ([m, p]) => m === method.toUpperCase() && new RegExp(`^/api/v1${p.replace(/:\w+/g, '{\\w+}').replace('*', '.+')}$`).test(path),
      );
    // under /api/v1 (a signed location load has its own 429 and 503: throttling, Zendesk unreachable)
    const api = Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/v1/'));
    const wrong = api.flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([method, op]) => heavy(method, path) !== ('429' in op.responses && '503' in op.responses))
        .map(([method]) => `${method} ${path}`),
    );
    expect(wrong).toEqual([]);
  });

  it('is served without a token', async () => {
    const res = await app.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const served = (await res.json()) as Doc;
    expect(served.openapi).toBe('3.1.0');
    expect(Object.keys(served.paths)).toEqual(Object.keys(doc.paths));
  });

  it('resolves every $ref', () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of new Set(refs)) {
      const [, kind, name] = /"#\/components\/(\w+)\/([^"]+)"/.exec(ref) ?? [];
      const table = (doc.components as Record<string, Record<string, unknown>>)[kind ?? ''];
      expect(table?.[name ?? ''], ref).toBeDefined();
    }
  });

  it('takes query parameters, bodies and responses from the zod schemas', () => {
    const trend = doc.paths['/api/v1/reports/trend']!.get!;
    const query = trend.parameters!.filter((p) => p.in === 'query').map((p) => p.name);
    expect(query).toEqual(['from', 'to', 'scorecardId', 'groupId', 'channel', 'revieweeId', 'reviewerId', 'period']);
    // who is asking is the session's business, never a parameter the caller fills in
    expect(trend.parameters!.filter((p) => p.in === 'header')).toEqual([]);
    expect(trend.responses['200']!.content!['application/json']!.schema.$ref).toBe('#/components/schemas/Trend');
    // a report is heavy work (limits/heavy.ts): it may be refused with 429 or time out with 503
    expect(Object.keys(trend.responses)).toEqual(['200', '400', '401', '403', '429', '500', '503']);
    const breakdown = doc.paths['/api/v1/reports/breakdown']!.get!;
    expect(breakdown.parameters!.find((p) => p.name === 'dimension')?.required).toBe(true);

    const create = doc.paths['/api/v1/evaluations']!.post!;
    expect(create.requestBody!.content['application/json']!.schema.required).toEqual(
      expect.arrayContaining(['id', 'ticketId', 'revieweeId', 'scorecardId', 'scorecardVersion', 'answers']),
    );
    // 200: the same evaluation sent again (an identical replay), stored once
    expect(Object.keys(create.responses)).toEqual(['200', '201', '400', '401', '403', '404', '409', '422', '500']);
    const amend = doc.paths['/api/v1/evaluations/{id}']!.put!;
    expect(amend.parameters).toContainEqual({ name: 'id', in: 'path', required: true, schema: { type: 'string' } });
    expect(doc.paths['/api/v1/exports/evaluations.csv']!.get!.responses['200']!.content).toHaveProperty('text/csv');
    expect(doc.components.schemas).toHaveProperty('Summary.properties.averageScore.properties.low');
  });
});

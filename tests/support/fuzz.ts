/**
 * Fuzzing every route of the OpenAPI document (docs/decisions/017-input-rules-and-logs.md): malformed bodies, path
 * ids and query strings, sent as signed-in users of one account. A request is *malformed* when the edge or the
 * route's own schema must refuse it (the oracle below decides, from the same zod schemas the document is made of);
 * malformed requests must be answered 4xx, and no request at all may get a 5xx. GETs are sent whatever they carry;
 * other methods only when malformed, so the account's rows must be exactly as they were when the run ends.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { z } from 'zod';
import type { QaRole } from '../../src/core/evaluation.ts';
import type { Db } from '../../src/server/db/db.ts';
import { MAX_PATH_SEGMENT, MAX_QUERY_VALUE } from '../../src/server/edge.ts';
import type { createApp } from '../../src/server/app.ts';
import { apiDocument, declaredRoutes } from '../../src/server/openapi/publish.ts';
import { evaluationBody, publishedScorecard, sampleAnswers, sampleScorecard, tenants, type Tenant } from './db-client.ts';

// ---------------------------------------------------------------------------------------------------------------
// Routes: the document's operations, with the zod schemas they were generated from

export interface FuzzRoute {
  /** `post /api/v1/evaluations/{id}/dispute` */
  key: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The document's path, with `{param}`s. */
  path: string;
  params: string[];
  /** The JSON body's schema (when the operation documents one). */
  body?: z.ZodType;
  bodyOptional: boolean;
  /** The signed location load's form body. */
  form: boolean;
  query?: z.ZodType;
  /** Query parameters the document names, with their allowed values when it lists them. */
  queryParams: Array<{ name: string; values?: string[] }>;
}

type Json = Record<string, any>;

/** Every operation of `app`'s document, matched with its declaration (for the schemas). */
export function fuzzRoutes(app: ReturnType<typeof createApp>): FuzzRoute[] {
  const doc = apiDocument(app) as unknown as { paths: Record<string, Record<string, Json>> };
  const byKey = new Map(declaredRoutes(app).map((route) => [`${route.method} ${route.path}`, route]));
  const routes: FuzzRoute[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const key = `${method} ${path}`;
      const declared = byKey.get(key);
      if (!declared) throw new Error(`${key} is in the document but not declared`);
      const parameters = (operation.parameters ?? []) as Json[];
      const body = (declared.request?.body?.content['application/json'] as { schema?: z.ZodType } | undefined)?.schema;
      const query = declared.request?.query;
      routes.push({
        key,
        method: method.toUpperCase() as FuzzRoute['method'],
        path,
        params: parameters.filter((p) => p.in === 'path').map((p) => p.name as string),
        ...(body ? { body } : {}),
        bodyOptional: declared.request?.body?.required !== true,
        form: Boolean(operation.requestBody?.content?.['application/x-www-form-urlencoded']),
        ...(query ? { query } : {}),
        queryParams: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name as string, ...(Array.isArray(p.schema?.enum) ? { values: p.schema.enum.map(String) } : {}) })),
      });
    }
  }
  return routes;
}

// ---------------------------------------------------------------------------------------------------------------
// The account the fuzz runs in: one of everything, so path ids can be real

export const FUZZ_USERS: Record<QaRole, number> = { admin: 1, lead: 3, reviewer: 2, agent: 50 };
const OTHER_REVIEWER = 4;

export interface FuzzFixture {
  tenant: Tenant;
  sessions: Record<QaRole, string>;
  /** Real values for each path parameter, by the route's first segment after /api/v1 and the parameter's name. */
  pathValues(route: FuzzRoute, param: string): string[];
  /** A valid body of the route (the mutations start from it). */
  sampleBody(route: FuzzRoute): unknown;
  /** A valid value of a query parameter. */
  queryValue(name: string): string;
}

export async function fuzzFixture(db: Db): Promise<FuzzFixture> {
  const [t] = tenants(db);
  const admin = t.as('admin', FUZZ_USERS.admin);
  const lead = t.as('lead', FUZZ_USERS.lead);
  const reviewer = t.as('reviewer', FUZZ_USERS.reviewer);
  const agent = t.as('agent', FUZZ_USERS.agent);
  await t.session('reviewer', OTHER_REVIEWER);
  const must = (what: string, r: { status: number; body: any }, ...ok: number[]) => {
    if (!ok.includes(r.status)) throw new Error(`fuzz fixture: ${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const idOf = (what: string, r: { status: number; body: any }, ok: number, pick = (b: any) => b.id): string => {
    const id: unknown = pick(must(what, r, ok));
    if (typeof id !== 'string') throw new Error(`fuzz fixture: ${what}: no id in ${JSON.stringify(r.body)}`);
    return id;
  };

  const scorecardId = await publishedScorecard(t);
  must('draft v2', await admin.post(`/scorecards/${scorecardId}/draft`), 201);
  const draftCard = idOf('draft scorecard', await admin.post('/scorecards', sampleScorecard('Chat support')), 201);
  const submitted = idOf(
    'evaluation',
    await reviewer.post(
      '/evaluations',
      evaluationBody(scorecardId, {
        overallComment: 'Clear and kind',
        channel: 'email',
        metrics: { firstReplyMinutes: 12, reopens: 0, csat: 'good' },
      }),
    ),
    201,
  );
  const disputed = idOf('evaluation 2', await reviewer.post('/evaluations', evaluationBody(scorecardId, { ticketId: 1002 })), 201);
  must('dispute', await agent.post(`/evaluations/${disputed}/dispute`, { reason: 'The tone was fine', criterionIds: ['tone'] }), 200);
  const session = idOf(
    'calibration session',
    await lead.post('/calibration-sessions', {
      ticketId: 1003,
      scorecardId,
      version: 1,
      reviewerIds: [FUZZ_USERS.reviewer, OTHER_REVIEWER],
      baselineReviewerId: FUZZ_USERS.reviewer,
      title: 'Week 10',
    }),
    201,
  );
  const target = idOf(
    'target',
    await lead.post('/targets', {
      subject: 'agent',
      subjectId: FUZZ_USERS.agent,
      metric: 'average-score',
      value: 85,
      startsOn: '2026-03-01',
      dueOn: '2026-06-30',
    }),
    201,
  );
  const note = idOf(
    'coaching note',
    await lead.post('/coaching-notes', { evaluationId: submitted, body: 'Offer the next step earlier' }),
    201,
  );
  const key = idOf('api key', await admin.post('/api-keys', { name: 'BI export', role: 'lead' }), 201, (b) => b.key?.id);
  must(
    'plan',
    await lead.put('/plan', { default: { overall: 5, channels: { email: 2 } }, agents: [{ agentId: FUZZ_USERS.agent, overall: 3 }] }),
    200,
  );

  const sessions = Object.fromEntries(
    await Promise.all((Object.keys(FUZZ_USERS) as QaRole[]).map(async (role) => [role, await t.session(role, FUZZ_USERS[role])])),
  ) as Record<QaRole, string>;

  const definition = sampleScorecard('Email support v2');
  const targetBody = {
    subject: 'agent',
    subjectId: FUZZ_USERS.agent,
    metric: 'pass-rate',
    value: 0.9,
    scorecardId,
    startsOn: '2026-03-01',
    dueOn: '2026-06-30',
    note: 'Quarter goal',
  };
  const bodies: Record<string, unknown> = {
    'post /api/v1/scorecards': sampleScorecard('Voice support'),
    'post /api/v1/scorecards/import': { ...sampleScorecard('Imported'), description: 'From the old tool' },
    'put /api/v1/scorecards/{id}/draft': { definition, lockVersion: 1 },
    'post /api/v1/scorecards/{id}/what-if': { definition },
    'post /api/v1/evaluations': evaluationBody(scorecardId, {
      overallComment: 'Good',
      channel: 'email',
      groupId: 7,
      brandId: 8,
      metrics: { firstReplyMinutes: 5, fullResolutionMinutes: 60, reopens: 1, csat: 'bad' },
      answers: sampleAnswers({ tone: { rating: 0, comment: 'Curt', rootCauses: ['Process'] } }).map((a) =>
        a.criterionId === 'tone' ? { criterionId: 'tone', rating: 0, comment: 'Curt' } : a,
      ),
    }),
    'put /api/v1/evaluations/{id}': { answers: sampleAnswers(), overallComment: 'Amended', revieweeId: FUZZ_USERS.agent, lockVersion: 1 },
    'post /api/v1/evaluations/{id}/withdraw': { lockVersion: 1 },
    'post /api/v1/evaluations/{id}/acknowledge': { lockVersion: 1 },
    'post /api/v1/evaluations/{id}/dispute': { reason: 'The customer asked for it', criterionIds: ['tone', 'offered'], lockVersion: 1 },
    'post /api/v1/evaluations/{id}/resolve': {
      outcome: 'upheld',
      note: 'Agreed',
      answers: [{ criterionId: 'tone', rating: 2 }],
      lockVersion: 2,
    },
    'post /api/v1/retention': { olderThanDays: 365 },
    'put /api/v1/policy': { scorecardManagerRoles: ['lead'], reviewerGroupIds: [9001], leadGroupIds: [9002] },
    'put /api/v1/plan': {
      default: { overall: 5, channels: { email: 2, chat: 1 } },
      agents: [{ agentId: FUZZ_USERS.agent, overall: 3, channels: { voice: 1 } }],
    },
    'post /api/v1/suggestions': {
      week: '2026-W10',
      favour: { reopens: true, lowCsat: false, longResolution: true },
      candidates: [
        {
          ticketId: 2001,
          assigneeId: FUZZ_USERS.agent,
          channel: 'email',
          subject: 'Refund',
          solvedAt: '2026-03-02T10:00:00Z',
          reopens: 1,
          csat: 'bad',
          fullResolutionMinutes: 90,
        },
      ],
      agentIds: [FUZZ_USERS.agent],
      seed: 7,
    },
    'post /api/v1/calibration-sessions': {
      ticketId: 1004,
      scorecardId,
      version: 1,
      reviewerIds: [FUZZ_USERS.reviewer, OTHER_REVIEWER],
      baselineReviewerId: OTHER_REVIEWER,
      title: 'Next',
    },
    'post /api/v1/targets': targetBody,
    'put /api/v1/targets/{id}': targetBody,
    'post /api/v1/coaching-notes': { evaluationId: submitted, body: 'Keep it up' },
    'post /api/v1/api-keys': { name: 'Script', role: 'admin' },
    'put /api/v1/drafts/{ticketId}/{slot}': {
      baseRevision: null,
      content: {
        evaluationId: randomUUID(),
        scorecardId,
        scorecardVersion: 1,
        revieweeId: FUZZ_USERS.agent,
        answers: { tone: { rating: 1, comment: 'ok' } },
        overallComment: '',
        savedAt: 1,
      },
    },
  };

  const ids: Record<string, Record<string, string[]>> = {
    scorecards: { id: [scorecardId, draftCard], version: ['1', '2'] },
    evaluations: { id: [submitted, disputed] },
    'calibration-sessions': { id: [session] },
    targets: { id: [target] },
    'coaching-notes': { id: [note] },
    'api-keys': { id: [key] },
    people: { userId: ['777'] },
    sessions: { userId: ['777'] },
    drafts: { ticketId: ['1001'], slot: [scorecardId] },
    app: { page: ['ticket-sidebar.html', 'nav-bar.html', 'nope.html'], path: ['ticket-sidebar.html', 'assets/main.js'] },
  };
  const queryValues: Record<string, string> = {
    from: '2026-03-01',
    to: '2026-03-31T00:00:00Z',
    scorecardId,
    groupId: '7',
    channel: 'email',
    revieweeId: String(FUZZ_USERS.agent),
    reviewerId: String(FUZZ_USERS.reviewer),
    criterionId: 'tone',
    ticketId: '1001',
    limit: '10',
    week: '2026-W10',
    agentIds: `${FUZZ_USERS.agent},51`,
    evaluationId: submitted,
    agentId: String(FUZZ_USERS.agent),
    subjectId: String(FUZZ_USERS.agent),
    version: '1',
  };
  return {
    tenant: t,
    sessions,
    pathValues: (route, param) => {
      // `/api/v1/<resource>/...` or `/app/...`
      const segments = route.path.split('/');
      return ids[segments[1] === 'api' ? segments[3]! : segments[1]!]?.[param] ?? ['1'];
    },
    sampleBody: (route) => structuredClone(bodies[route.key] ?? {}),
    queryValue: (name) => (Object.hasOwn(queryValues, name) ? queryValues[name]! : 'x'),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

export interface FuzzRequest {
  route: FuzzRoute;
  role: QaRole;
  /** The path and query as sent (percent-encoded). */
  url: string;
  contentType?: string;
  body?: Uint8Array<ArrayBuffer>;
  /** Why the request must be refused (the first reason found); null when it may be valid. */
  malformed: string | null;
}

/** `encodeURIComponent`, except that a lone surrogate becomes the bytes a careless client would send for it. */
export function encodeComponent(s: string): string {
  return s
    .split(/([\ud800-\udfff])/u)
    .map((part) => (/^[\ud800-\udfff]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('');
}

const NUL = '\u0000';
const LONE = '\ud800';

/** Strings no field may take: NUL, lone surrogates, longer than any field's maximum. */
const poisonString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(NUL, `a${NUL}b`, LONE, `x\udc00y`, `${LONE}${NUL}`, `\udfff`, `tone${NUL}`),
  fc.string({ maxLength: 8 }).map((s) => `${s}${NUL}`),
  fc.string({ maxLength: 8 }).map((s) => `${LONE}${s}`),
  fc.integer({ min: 10_001, max: 60_000 }).map((n) => 'x'.repeat(n)),
);

/** A marker replaced by `depth` nested arrays in the JSON text (JSON.stringify itself would recurse that deep). */
const DEEP = '\u0001deep';

/** A value of the wrong shape for most fields (may still fit some: the oracle decides). */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: poisonString },
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      -1,
      0,
      1.5,
      1e308,
      -1e308,
      2 ** 31,
      2 ** 53 + 2,
      '',
      ' ',
      '0',
      'NaN',
      [],
      {},
      [[]],
      [null],
      { a: 1 },
      '2026-02-30',
      '9999-12-31',
      '0000-01-01',
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 5_000 }).map((depth) => ({ [DEEP]: depth })) },
);

const deepJson = (depth: number) => `${'['.repeat(Math.min(depth, 100_000))}${']'.repeat(Math.min(depth, 100_000))}`;

function toJson(value: unknown): string {
  if (value === undefined) return '';
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && DEEP in v ? `${DEEP}:${(v as Record<string, number>)[DEEP]}` : v,
  ).replace(/"\\u0001deep:(\d+)"/g, (_m, d: string) => deepJson(Number(d)));
}

type Path = Array<string | number>;

/** Every place in a JSON value: the root, each key of each object, each item of each array. */
function placesIn(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => placesIn(v, [...at, i], out));
  // a deep-nesting marker is one value, not a place to change
  else if (value && typeof value === 'object' && !(DEEP in value)) for (const [k, v] of Object.entries(value)) placesIn(v, [...at, k], out);
  return out;
}

interface Mutation {
  place: number;
  kind: 'set' | 'delete' | 'extra' | 'grow';
  value: unknown;
  key: string;
  size: number;
}

/** Copies of `item` for a grown array: enough to overflow its bound, never a body far beyond the 2 MB limit. */
const copies = (wanted: number, items: unknown[]) =>
  Math.max(1, Math.min(wanted, Math.ceil(2_500_000 / Math.max(...items.map((i) => toJson(i).length + 1)))));

function mutate(body: unknown, generated: Mutation): unknown {
  // generated values may be shared between runs (constants): never change one in place
  const m = { ...generated, value: structuredClone(generated.value) };
  const places = placesIn(body);
  const path = places[m.place % places.length]!;
  if (path.length === 0) {
    if (m.kind === 'delete') return undefined;
    if (m.kind === 'extra' && body && typeof body === 'object' && !Array.isArray(body)) return { ...body, [m.key]: m.value };
    return m.kind === 'grow' ? Array.from({ length: copies(m.size, [body]) }, () => structuredClone(body)) : m.value;
  }
  const parent = path.slice(0, -1).reduce<any>((node, k) => node[k], body);
  const last = path[path.length - 1]!;
  const node = parent[last];
  if (m.kind === 'set') parent[last] = m.value;
  else if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (m.kind === 'extra') {
    if (node && typeof node === 'object' && !Array.isArray(node)) node[m.key] = m.value;
    else if (Array.isArray(node)) node.push(m.value);
    else parent[last] = m.value;
  } else if (Array.isArray(node)) {
    parent[last] = Array.from({ length: copies(m.size, node.length ? node : [m.value]) }, (_, i) =>
      structuredClone(node[i % Math.max(1, node.length)] ?? m.value),
    );
  } else parent[last] = 'y'.repeat(m.size * 10);
  return body;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  place: fc.nat(),
  kind: fc.constantFrom<Mutation['kind']>('set', 'set', 'set', 'delete', 'extra', 'grow'),
  value: wrongValue,
  key: fc.oneof(fc.constantFrom('extra', '__proto__', 'constructor', NUL, LONE, 'id'), fc.string({ maxLength: 12 })),
  size: fc.integer({ min: 501, max: 20_000 }),
});

/** Body texts that are not the body the route wants (or not JSON at all). */
const rawText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '{',
    '{"a":',
    'null',
    'true',
    '[]',
    '"text"',
    '123',
    '{}',
    '{"a":1,"a":2}',
    '\ufeff{}',
    NUL,
    `{"x":"${NUL}"}`,
    '{"lockVersion":1e999}',
    'token=abc',
  ),
  fc.string({ maxLength: 40 }),
  fc.integer({ min: 1, max: 100_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.constant(`{"name":"${'x'.repeat(2_100_000)}"}`),
);

const ok = (value: string) => ({ value, poison: false });
const bad = (value: string) => ({ value, poison: true });

/** A path parameter the edge lets through: a real id, or a harmless variant (other case, unknown, not an id's shape). */
function cleanPathValue(real: string[]): fc.Arbitrary<{ value: string; poison: boolean }> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...real).map(ok) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.constantFrom(...real).map((v) => ok(v.toUpperCase())),
        fc.uuid().map(ok),
        fc.constantFrom('0', '-1', '1.5', '1e3', 'abc', '9007199254740993', '99999999999999999999', '..', ' ', 'null', '%2F').map(ok),
        fc
          .string({ minLength: 1, maxLength: 20 })
          .filter((s) => !/[\ud800-\udfff\u0000]/u.test(s))
          .map(ok),
      ),
    },
  );
}

/** A path parameter the edge must refuse: NUL, a lone surrogate (as the bytes of one), too long. */
function poisonPathValue(real: string[]): fc.Arbitrary<{ value: string; poison: boolean }> {
  return fc.oneof(
    fc.constantFrom(...real).map((v) => bad(`${v}${NUL}`)),
    fc.constantFrom(...real).map((v) => bad(`${LONE}${v}`)),
    fc.integer({ min: MAX_PATH_SEGMENT + 1, max: 4000 }).map((n) => bad('7'.repeat(n))),
    poisonString.filter((s) => s.length > MAX_PATH_SEGMENT || /[\u0000\ud800-\udfff]/u.test(s)).map(bad),
  );
}

/** The path values: all clean, or (`poison`) at least one poisoned. */
function pathPart(route: FuzzRoute, fx: FuzzFixture, poison: boolean): fc.Arbitrary<Array<{ value: string; poison: boolean }>> {
  const reals = route.params.map((p) => fx.pathValues(route, p));
  const clean = fc.tuple(...reals.map(cleanPathValue));
  if (!poison || reals.length === 0) return clean;
  return fc
    .tuple(clean, fc.nat({ max: reals.length - 1 }), fc.array(fc.boolean(), { minLength: reals.length, maxLength: reals.length }))
    .chain(([values, at, others]) =>
      fc.tuple(...values.map((v, i) => (i === at || others[i] ? poisonPathValue(reals[i]!) : fc.constant(v)))),
    );
}

interface QueryPart {
  pairs: Array<[string, string]>;
  poison: boolean;
}

const QUERY_VALUE_MUTANTS = [
  '',
  '0',
  '-1',
  '1.5',
  '1e400',
  'abc',
  'true',
  '2026-02-30',
  '9999-12-31',
  '0000-01-01',
  '1999-12-31',
  '2101-01-01',
  '2026-13-01',
  '2026-03-01T25:00:00Z',
  '9999-12-31T23:59:59Z',
  '0000-01-01T00:00:00Z',
  '99999999999999999999',
  '2026-W99',
  'WEEK',
  '1,,2',
];

/** Query parameters: documented ones with valid values (`bad`: also mutants, poison and unknown names). */
function queryPart(route: FuzzRoute, fx: FuzzFixture, isBad: boolean): fc.Arbitrary<QueryPart> {
  const names = route.queryParams.map((p) => p.name);
  const valid = (name: string) => {
    const values = route.queryParams.find((p) => p.name === name)?.values;
    return (values?.length ? fc.constantFrom(...values) : fc.constant(fx.queryValue(name))).map((v) => ({ v, poison: false }));
  };
  const value = (name: string) =>
    isBad
      ? fc.oneof(
          { weight: 2, arbitrary: valid(name) },
          { weight: 3, arbitrary: fc.constantFrom(...QUERY_VALUE_MUTANTS).map((v) => ({ v, poison: false })) },
          {
            weight: 2,
            arbitrary: poisonString.map((v) => ({ v, poison: v.length > MAX_QUERY_VALUE || /[\u0000\ud800-\udfff]/u.test(v) })),
          },
        )
      : valid(name);
  const unknown = fc.constantFrom('unknown', 'foo', 'from ', '__proto__', 'limit[]');
  const param =
    isBad || names.length === 0
      ? fc.oneof(...(names.length ? [{ weight: 3, arbitrary: fc.constantFrom(...names) }] : []), { weight: 1, arbitrary: unknown })
      : fc.constantFrom(...names);
  return fc
    .uniqueArray(param, { minLength: isBad ? 1 : 0, maxLength: isBad ? 4 : names.length })
    .chain((keys) => fc.tuple(...keys.map((k) => value(k).map((v) => [k, v] as const))))
    .map((entries) => ({
      pairs: entries.map(([k, { v }]) => [k, v] as [string, string]),
      poison: entries.some(([, { poison }]) => poison),
    }));
}

interface BodyPart {
  contentType: string | undefined;
  text: string;
  rawBytes: boolean;
}

const JSON_TYPE = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'Application/JSON', 'application/json;charset=UTF-8') },
);
const OTHER_TYPE = fc.constantFrom<string | undefined>(
  undefined,
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  'application/jsonx',
  'text/json',
);

/** A body: the route's sample (`clean`), mutated or other text (`bad`), or any of those as another type (`type`). */
function bodyPart(route: FuzzRoute, fx: FuzzFixture, mode: 'clean' | 'bad' | 'type'): fc.Arbitrary<BodyPart | null> {
  if (route.method === 'GET') return fc.constant(null);
  if (route.form) {
    return fc.record({
      contentType: fc.constantFrom<string | undefined>(
        'application/x-www-form-urlencoded',
        'application/json',
        'multipart/form-data; boundary=x',
        undefined,
      ),
      text: fc.oneof(
        fc.constantFrom('token=', 'token=abc', `token=${'a'.repeat(20_000)}`, 'token=%00', 'x=1', ''),
        fc.string({ maxLength: 50 }).map((s) => `token=${encodeComponent(s)}`),
      ),
      rawBytes: fc.constant(false),
    });
  }
  const sample = () => fx.sampleBody(route);
  // at most one mutation grows an array (two nested ones would make bodies of gigabytes)
  const once = (ms: Mutation[]) =>
    ms.map((m, i) => (m.kind === 'grow' && ms.findIndex((x) => x.kind === 'grow') < i ? { ...m, kind: 'set' as const } : m));
  const mutated = fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => toJson(once(ms).reduce((b, m) => mutate(b, m), sample())));
  const badText = fc.oneof({ weight: 6, arbitrary: mutated }, { weight: 2, arbitrary: rawText });
  // now and then the bytes are not UTF-8 at all
  const rawBytes = fc.integer({ min: 0, max: 9 }).map((n) => n === 0);
  if (mode === 'clean') {
    return route.body
      ? fc.record({ contentType: JSON_TYPE, text: fc.constant(toJson(sample())), rawBytes: fc.constant(false) })
      : fc.constant(null);
  }
  if (mode === 'bad') return fc.record({ contentType: JSON_TYPE, text: badText, rawBytes });
  return fc.record({ contentType: OTHER_TYPE, text: fc.oneof(fc.constant(toJson(sample())), badText).filter((t) => t !== ''), rawBytes });
}

type Focus = 'none' | 'path' | 'query' | 'body' | 'type';

/** What a request gets wrong: one part at a time, so the others reach as deep as valid input would. */
function focusOf(route: FuzzRoute): fc.Arbitrary<Focus> {
  const choices: Array<{ weight: number; arbitrary: fc.Arbitrary<Focus> }> = [
    { weight: route.method === 'GET' ? 5 : 2, arbitrary: fc.constant('query') },
  ];
  if (route.params.length) choices.push({ weight: 2, arbitrary: fc.constant('path') });
  if (route.method === 'GET') choices.push({ weight: 2, arbitrary: fc.constant('none') });
  else
    choices.push(
      { weight: route.body || route.form ? 6 : 1, arbitrary: fc.constant('body') },
      { weight: 1, arbitrary: fc.constant('type') },
    );
  return fc.oneof(...choices);
}

/** `EvaluationCreate`'s client-sent scores: accepted and dropped unread. */
const IGNORED_CREATE_FIELDS = new Set(['rawScore', 'finalScore', 'passed', 'criticalFailures']);
const SCHEMA_HOLE = 'the schema accepted ';
/** The longest text any field takes (an evaluation's overall comment). */
const LONGEST_FIELD = 10_000;

/** Where `value` holds a string no field may take (NUL, a lone surrogate, over-long), in keys or values; null if nowhere. */
function poisonIn(value: unknown, ignoredRootKeys: ReadonlySet<string>, at = ''): string | null {
  const bad = (s: string) => s.length > LONGEST_FIELD || /[\u0000\ud800-\udfff]/u.test(s);
  if (typeof value === 'string') return bad(value) ? `${JSON.stringify(value.slice(0, 20))}… at ${at || '(root)'}` : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = poisonIn(v, new Set(), `${at}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (at === '' && ignoredRootKeys.has(k)) continue;
      if (bad(k)) return `the key ${JSON.stringify(k.slice(0, 20))} at ${at || '(root)'}`;
      const found = poisonIn(v, new Set(), at ? `${at}.${k}` : k);
      if (found) return found;
    }
  }
  return null;
}

/** The status class the edge and the route's schemas decide, as the service must: null when it may be valid. */
async function oracle(
  route: FuzzRoute,
  path: { poison: boolean }[],
  query: QueryPart,
  body: BodyPart | null,
  bytes: Uint8Array<ArrayBuffer> | undefined,
): Promise<string | null> {
  if (route.form) return 'no location load is signed by Zendesk here';
  if (path.some((p) => p.poison)) return 'path';
  if (query.poison) return 'query (edge)';
  if (route.query) {
    const parsed = route.query.safeParse(Object.fromEntries(query.pairs));
    if (!parsed.success) return 'query (schema)';
  }
  const api = route.path.startsWith('/api/v1');
  if (!api || route.method === 'GET') return null;
  const type = (body?.contentType ?? '')
    .toLowerCase()
    .split(';')
    .map((s) => s.trim());
  const json = type[0] === 'application/json';
  const charset = type.find((p) => p.startsWith('charset='))?.slice(8);
  if (json && charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return 'content type (charset)';
  const size = bytes?.byteLength ?? 0;
  if (size > 0 && !json) return 'content type';
  if (size > 2 * 1024 * 1024) return 'body too large';
  if (!route.body) return null;
  const text = bytes ? await new Response(bytes).text() : '';
  if (text.trim() === '' && route.bodyOptional) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'body (not JSON)';
  }
  if (!route.body.safeParse(value).success) return 'body (schema)';
  // the schema took it: then it holds nothing a field may not (the fields the service ignores aside)
  const hole = poisonIn(value, route.key === 'post /api/v1/evaluations' ? IGNORED_CREATE_FIELDS : new Set());
  return hole ? `${SCHEMA_HOLE}${hole}` : null;
}

const ROLE = fc.oneof(
  { weight: 6, arbitrary: fc.constant<QaRole>('admin') },
  { weight: 2, arbitrary: fc.constant<QaRole>('agent') },
  { weight: 1, arbitrary: fc.constantFrom<QaRole>('lead', 'reviewer') },
);

/** One request to `route`, with the oracle's verdict. */
export function requestFor(route: FuzzRoute, fx: FuzzFixture): fc.Arbitrary<FuzzRequest> {
  return focusOf(route)
    .chain((focus) =>
      fc.record({
        role: ROLE,
        path: pathPart(route, fx, focus === 'path'),
        query: queryPart(route, fx, focus === 'query'),
        body: bodyPart(route, fx, focus === 'body' ? 'bad' : focus === 'type' ? 'type' : 'clean'),
      }),
    )
    .map(({ role, path, query, body }) => {
      let i = 0;
      const pathname = route.path.replace(/\{\w+\}/g, () => encodeComponent(path[i++]!.value));
      const search = query.pairs.map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`).join('&');
      const bytes = body ? withPrefix(body.rawBytes ? [0xff, 0xfe] : [], new TextEncoder().encode(body.text)) : undefined;
      const request: FuzzRequest = {
        route,
        role,
        url: search ? `${pathname}?${search}` : pathname,
        ...(body?.contentType ? { contentType: body.contentType } : {}),
        ...(bytes ? { body: bytes } : {}),
        malformed: null,
      };
      return Object.assign(request, {
        verdict: oracle(route, path, query, body, bytes),
        [fc.toStringMethod]: () => describeRequest(request),
      });
    });
}

function withPrefix(prefix: number[], bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  if (prefix.length === 0) return bytes;
  const out = new Uint8Array(prefix.length + bytes.byteLength);
  out.set(prefix);
  out.set(bytes, prefix.length);
  return out;
}

export function describeRequest(r: FuzzRequest): string {
  const body = r.body ? new TextDecoder().decode(r.body.subarray(0, 300)) : '';
  const url = r.url.length > 300 ? `${r.url.slice(0, 300)}…(${r.url.length})` : r.url;
  return `${r.route.method} ${url} as ${r.role} [${r.contentType ?? 'no content-type'}] ${JSON.stringify(body)}${(r.body?.byteLength ?? 0) > 300 ? `…(${r.body!.byteLength} bytes)` : ''} malformed: ${r.malformed ?? 'no'}`;
}

/** Sends `r` as its role; resolves the status. */
export async function send(fx: FuzzFixture, r: FuzzRequest): Promise<number> {
  const headers: Record<string, string> = { 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250) + 1}` };
  if (!r.route.form) headers.authorization = `Bearer ${fx.sessions[r.role]}`;
  if (r.contentType) headers['content-type'] = r.contentType;
  const res = await fx.tenant.app.request(r.url, { method: r.route.method, headers, ...(r.body ? { body: r.body } : {}) });
  await res.arrayBuffer();
  return res.status;
}

// ---------------------------------------------------------------------------------------------------------------
// Running

/** Tables that change without any request writing data: sessions seen, throttling counters, report rollups folded on read. */
const NOT_DATA = new Set(['sessions', 'auth_failures', 'report_daily', 'report_daily_delta']);

/** Row count and a checksum of every table with rows of `account`. */
export async function snapshot(db: Db, account: string): Promise<Record<string, string>> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns WHERE column_name = 'account' AND table_schema = current_schema() ORDER BY table_name`,
  );
  const out: Record<string, string> = {};
  for (const { table_name: table } of tables) {
    if (NOT_DATA.has(table)) continue;
    const [row] = await db.query<{ n: number; h: string }>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${table}" t WHERE account = $1`,
      [account],
    );
    out[table] = `${row!.n} rows ${row!.h}`;
  }
  return out;
}

export interface FuzzCounts {
  requests: number;
  /** Generated but not sent: a write that may be valid. */
  skipped: number;
  byStatus: Record<string, number>;
  byRoute: Record<string, Record<string, number>>;
  /** Requests answered 5xx, or malformed ones answered other than 4xx. */
  failures: string[];
}

export interface FuzzOptions {
  runs: number;
  seed?: number;
  /** Stop at the first failure (and let fast-check shrink it), as the test does; the script counts on. */
  stopOnFailure?: boolean;
  /** Wall-clock budget in ms; the run stops early when it is spent. */
  timeLimitMs?: number;
}

/** Runs `runs` generated requests over every route of the document; resolves the counts. */
export async function runFuzz(fx: FuzzFixture, options: FuzzOptions): Promise<FuzzCounts & { seed: number; error?: string }> {
  const routes = fuzzRoutes(fx.tenant.app);
  const counts: FuzzCounts = { requests: 0, skipped: 0, byStatus: {}, byRoute: {}, failures: [] };
  const arb = fc.constantFrom(...routes).chain((route) => requestFor(route, fx));
  const property = fc.asyncProperty(arb, async (generated) => {
    const r = generated as FuzzRequest & { verdict: Promise<string | null> };
    r.malformed = await r.verdict;
    if (r.malformed?.startsWith(SCHEMA_HOLE)) {
      // not sent: it may be stored; the schema must refuse it
      counts.failures.push(`${r.malformed}: ${describeRequest(r)}`);
      return !options.stopOnFailure;
    }
    // a write is sent only when it must be refused: the account's data must not change
    if (r.route.method !== 'GET' && r.malformed === null) {
      counts.skipped++;
      return true;
    }
    const status = await send(fx, r);
    counts.requests++;
    counts.byStatus[status] = (counts.byStatus[status] ?? 0) + 1;
    const route = (counts.byRoute[r.route.key] ??= {});
    route[status] = (route[status] ?? 0) + 1;
    const ok = status < 500 && (r.malformed === null || (status >= 400 && status < 500));
    if (!ok) counts.failures.push(`${status}: ${describeRequest(r)}`);
    return ok || !options.stopOnFailure;
  });
  const seed = options.seed ?? Date.now() ^ (Math.random() * 2 ** 31);
  const details = await fc.check(property, {
    numRuns: options.runs,
    seed,
    ...(options.timeLimitMs ? { interruptAfterTimeLimit: options.timeLimitMs, markInterruptAsFailure: false } : {}),
  });
  const error = details.failed ? (fc.defaultReportMessage(details) ?? 'failed') : undefined;
  return { ...counts, seed, ...(error ? { error } : {}) };
}

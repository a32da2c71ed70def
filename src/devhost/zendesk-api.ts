/** Zendesk's REST API (`/api/v2`) over the in-memory state, with the real status codes, headers and bodies. */
import { Hono } from 'hono';
import { z } from 'zod';
import { routeIncremental } from './incremental-export.ts';
import { escapeHtml, json, notFound, paginate, type ApiResult } from './rest-answers.ts';
import { IDS } from './sample-data.ts';
import { routePeople } from './zendesk-people.ts';
import type { ZendeskState } from './zendesk-state.ts';
import type { CustomFieldValue, ZdField, ZdTicket, ZdUser } from './zendesk-types.ts';

export interface ApiCall {
  method: string;
  /** Path and query, e.g. `/api/v2/tickets/3.json?include=users`. */
  path: string;
  body?: string;
  /** The signed-in user: Zendesk API calls from an app run as them. */
  userId: number;
  /** Origin used in the records' `url` fields. */
  baseUrl: string;
  /** The agent's own UI: no API limits apply. */
  internal?: boolean;
}

export type { ApiResult };

// the exact text Zendesk sends with a 429 (fixtures: plain text, not JSON)
export const RATE_LIMIT_TEXT = 'Number of allowed API requests per minute exceeded';
export const TICKET_UPDATE_LIMIT_TEXT = 'Rate limit for ticket updates exceeded, please wait before updating this ticket again';

const stamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

const recordInvalid = (details: Record<string, Array<{ description: string }>>) =>
  json(422, { error: 'RecordInvalid', description: 'Record validation errors', details });

const TicketUpdate = z.object({
  ticket: z.looseObject({
    custom_fields: z.array(z.object({ id: z.number(), value: z.unknown() })).optional(),
    status: z.enum(['new', 'open', 'pending', 'hold', 'solved', 'closed']).optional(),
    tags: z.array(z.string()).optional(),
    subject: z.string().optional(),
    priority: z.enum(['low', 'normal', 'high', 'urgent']).nullable().optional(),
    assignee_id: z.number().nullable().optional(),
    group_id: z.number().nullable().optional(),
    comment: z.object({ body: z.string(), public: z.boolean().optional() }).optional(),
    // the tags API documents the string "true" too
    safe_update: z.union([z.boolean(), z.literal('true'), z.literal('false')]).optional(),
    updated_stamp: z.string().optional(),
  }),
});

export function createRestSerializers(state: ZendeskState, baseUrl: string) {
  const url = (path: string) => `${baseUrl}/api/v2/${path}.json`;
  const fieldsOf = (t: ZdTicket) => t.custom_fields.map((f) => ({ id: f.id, value: f.value }));
  return {
    ticket: (t: ZdTicket) => ({
      url: url(`tickets/${t.id}`),
      id: t.id,
      external_id: null,
      via: { channel: t.channel, source: { from: {}, to: {}, rel: null } },
      created_at: t.created_at,
      updated_at: t.updated_at,
      type: t.type,
      subject: t.subject,
      raw_subject: t.subject,
      description: t.description,
      priority: t.priority,
      status: t.status,
      recipient: null,
      requester_id: t.requester_id,
      submitter_id: t.requester_id,
      assignee_id: t.assignee_id,
      organization_id: null,
      group_id: t.group_id,
      collaborator_ids: [],
      follower_ids: [],
      email_cc_ids: [],
      forum_topic_id: null,
      problem_id: null,
      has_incidents: false,
      is_public: true,
      due_at: null,
      tags: [...t.tags],
      custom_fields: fieldsOf(t),
      satisfaction_rating: t.satisfaction ? { id: t.satisfaction.id, score: t.satisfaction.score, comment: t.satisfaction.comment } : null,
      sharing_agreement_ids: [],
      fields: fieldsOf(t),
      followup_ids: [],
      ticket_form_id: t.ticket_form_id,
      brand_id: t.brand_id,
      allow_channelback: false,
      allow_attachments: true,
      from_messaging_channel: false,
    }),
    metric: (t: ZdTicket) => {
      const m = t.metrics;
      return {
        url: url(`ticket_metrics/${m.id}`).replace(/\.json$/, ''),
        id: m.id,
        ticket_id: t.id,
        created_at: t.created_at,
        updated_at: t.updated_at,
        group_stations: m.group_stations,
        assignee_stations: m.assignee_stations,
        reopens: m.reopens,
        replies: m.replies,
        assignee_updated_at: t.assignee_id === null ? null : t.created_at,
        requester_updated_at: t.comments.filter((c) => c.author_id === t.requester_id).at(-1)?.created_at ?? t.created_at,
        status_updated_at: t.updated_at,
        initially_assigned_at: t.assignee_id === null ? null : t.created_at,
        assigned_at: t.assignee_id === null ? null : t.created_at,
        solved_at: m.solved_at,
        latest_comment_added_at: t.comments.at(-1)?.created_at ?? t.created_at,
        reply_time_in_minutes: m.reply_time_in_minutes ?? { calendar: null, business: null },
        reply_time_in_seconds: { calendar: m.reply_time_in_minutes ? m.reply_time_in_minutes.calendar * 60 : null },
        first_resolution_time_in_minutes: m.first_resolution_time_in_minutes ?? { calendar: null, business: null },
        full_resolution_time_in_minutes: m.full_resolution_time_in_minutes ?? { calendar: null, business: null },
        agent_wait_time_in_minutes: m.agent_wait_time_in_minutes ?? { calendar: null, business: null },
        requester_wait_time_in_minutes: m.requester_wait_time_in_minutes ?? { calendar: null, business: null },
        on_hold_time_in_minutes: m.on_hold_time_in_minutes ?? { calendar: null, business: null },
      };
    },
    rating: (t: ZdTicket) =>
      t.satisfaction && {
        url: url(`satisfaction_ratings/${t.satisfaction.id}`),
        id: t.satisfaction.id,
        assignee_id: t.assignee_id,
        group_id: t.group_id,
        requester_id: t.requester_id,
        ticket_id: t.id,
        score: t.satisfaction.score,
        ...(t.satisfaction.comment ? { comment: t.satisfaction.comment } : {}),
        created_at: t.satisfaction.created_at,
        updated_at: t.satisfaction.created_at,
      },
    user: (u: ZdUser) => ({
      id: u.id,
      url: url(`users/${u.id}`),
      name: u.name,
      email: u.email,
      created_at: u.created_at,
      updated_at: u.created_at,
      time_zone: u.time_zone,
      iana_time_zone: u.time_zone,
      phone: null,
      photo: null,
      locale: u.locale,
      organization_id: null,
      role: u.role,
      verified: true,
      external_id: null,
      tags: [],
      active: true,
      suspended: false,
      default_group_id: u.default_group_id,
      user_fields: {},
    }),
    group: (g: { id: number; name: string; created_at: string }) => ({
      url: url(`groups/${g.id}`),
      id: g.id,
      name: g.name,
      deleted: false,
      created_at: g.created_at,
      updated_at: g.created_at,
    }),
    brand: (b: SampleBrand) => ({
      url: url(`brands/${b.id}`),
      id: b.id,
      name: b.name,
      brand_url: `https://${b.subdomain}.zendesk.com`,
      subdomain: b.subdomain,
      has_help_center: false,
      help_center_state: 'disabled',
      active: true,
      default: b.default,
      is_deleted: false,
      logo: null,
      ticket_form_ids: state.data.forms.map((f) => f.id),
      signature_template: '{{agent.signature}}',
      created_at: b.created_at,
      updated_at: b.created_at,
      host_mapping: null,
    }),
    form: (f: SampleForm) => ({
      url: url(`ticket_forms/${f.id}`),
      id: f.id,
      name: f.name,
      raw_name: f.name,
      display_name: f.name,
      raw_display_name: f.name,
      end_user_visible: true,
      position: f.id === IDS.forms.standard ? 1 : 2,
      ticket_field_ids: f.ticket_field_ids,
      active: true,
      default: f.default,
      created_at: f.created_at,
      updated_at: f.created_at,
      in_all_brands: true,
      restricted_brand_ids: [],
    }),
    field: (f: ZdField) => ({
      url: url(`ticket_fields/${f.id}`),
      id: f.id,
      type: f.type,
      title: f.title,
      raw_title: f.title,
      description: f.description,
      raw_description: f.description,
      position: f.position,
      active: true,
      required: false,
      collapsed_for_agents: false,
      regexp_for_validation: f.regexp_for_validation,
      title_in_portal: f.title,
      raw_title_in_portal: f.title,
      visible_in_portal: !f.removable,
      editable_in_portal: !f.removable,
      required_in_portal: false,
      tag: null,
      created_at: f.created_at,
      updated_at: f.created_at,
      removable: f.removable,
      agent_description: null,
      ...(f.custom_field_options
        ? { custom_field_options: f.custom_field_options.map((o) => ({ ...o, raw_name: o.name, default: false })) }
        : {}),
    }),
  };
}

export type RestSerializers = ReturnType<typeof createRestSerializers>;
type SampleBrand = ZendeskState['data']['brands'][number];
type SampleForm = ZendeskState['data']['forms'][number];

/** Validates one custom field value the way Zendesk does for the types the app writes; returns a problem or null. */
function fieldProblem(field: ZdField, value: unknown): string | null {
  if (value === null || value === '') return null;
  if (field.type === 'decimal' && !/^[-+]?[0-9]*[.,]?[0-9]+$/.test(String(value))) return `${field.title}: is invalid`;
  if (field.type === 'tagger' && !field.custom_field_options?.some((o) => o.value === value)) return `${field.title}: is invalid`;
  return null;
}

function updateTicket(state: ZendeskState, ser: RestSerializers, t: ZdTicket, call: ApiCall): ApiResult {
  const faults = state.faults();
  // Zendesk refuses every change to a closed ticket; the wording varies, the substring does not (fixtures)
  if (t.status === 'closed' || faults.closedTicket) {
    return recordInvalid({ status: [{ description: 'Status: closed prevents ticket update' }] });
  }
  let parsed: z.infer<typeof TicketUpdate>;
  try {
    const result = TicketUpdate.safeParse(JSON.parse(call.body ?? ''));
    if (!result.success)
      return json(400, { error: 'InvalidParameters', description: result.error.issues.map((i) => i.message).join('; ') });
    parsed = result.data;
  } catch {
    return json(400, { error: 'InvalidJSON', description: 'The request body is not valid JSON' });
  }
  const u = parsed.ticket;
  const perTicket = call.internal ? ({ ok: true } as const) : state.spendTicketUpdate(call.userId, t.id);
  if (!perTicket.ok) {
    // as documented: plain text (labelled text/html) with a capitalised Retry-After
    return {
      status: 429,
      headers: { 'content-type': 'text/html; charset=utf-8', 'Retry-After': String(perTicket.retryAfter) },
      body: TICKET_UPDATE_LIMIT_TEXT,
    };
  }
  if (u.safe_update === true || u.safe_update === 'true') {
    if (faults.staleSafeUpdates > 0) {
      // someone else saved the ticket a moment ago: its stamp moves on and this write is stale
      state.setFaults({ staleSafeUpdates: faults.staleSafeUpdates - 1 });
      state.touch(t);
    }
    if (u.updated_stamp !== t.updated_at) {
      // Zendesk documents only the status; tests key on 409, not on this body
      return json(409, {
        error: 'UpdateConflict',
        description: 'Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.',
      });
    }
  }
  const problems: Array<{ description: string }> = [];
  const changes: Array<{ field_name: string; value: unknown; previous_value: unknown }> = [];
  const fieldChanges: Array<{ field: ZdField; value: CustomFieldValue }> = [];
  for (const { id, value } of u.custom_fields ?? []) {
    const field = state.data.fields.find((f) => f.id === id && f.removable);
    if (!field) continue; // Zendesk ignores unknown field ids
    const problem = fieldProblem(field, value);
    if (problem) problems.push({ description: problem });
    // stored as sent: the fixtures do not show how Zendesk echoes a decimal (number or string)
    else fieldChanges.push({ field, value: value === '' ? null : (value as CustomFieldValue) });
  }
  if (problems.length > 0) return recordInvalid({ base: problems });
  for (const { field, value } of fieldChanges) {
    const previous = state.setFieldValue(t, field, value);
    changes.push({ field_name: String(field.id), value, previous_value: previous });
  }
  const plain = (['status', 'subject', 'priority', 'assignee_id', 'group_id'] as const).filter((k) => u[k] !== undefined);
  for (const key of plain) {
    changes.push({ field_name: key, value: u[key], previous_value: t[key] });
    (t as unknown as Record<string, unknown>)[key] = u[key];
  }
  if (u.tags) {
    changes.push({ field_name: 'tags', value: u.tags, previous_value: t.tags });
    t.tags = [...u.tags];
  }
  if (u.comment) {
    t.comments.push({
      id: state.nextCommentId(),
      author_id: call.userId,
      body: u.comment.body,
      public: u.comment.public ?? true,
      created_at: stamp(state.now()),
    });
  }
  state.touch(t);
  return json(200, {
    ticket: ser.ticket(t),
    audit: {
      id: Date.now(),
      ticket_id: t.id,
      created_at: t.updated_at,
      author_id: call.userId,
      metadata: { system: {}, custom: {} },
      events: changes.map((c, i) => ({ id: i + 1, type: 'Change', ...c })),
      via: { channel: 'api', source: { from: {}, to: {}, rel: null } },
    },
  });
}

/** Answers one `/api/v2` call as Zendesk would; unknown endpoints answer 404 and are reported as not emulated. */
export function callZendeskApi(state: ZendeskState, call: ApiCall, options: { spend?: boolean } = {}): ApiResult {
  const ser = createRestSerializers(state, call.baseUrl);
  const { serverErrors } = state.faults();
  if (options.spend !== false && serverErrors > 0) {
    state.setFaults({ serverErrors: serverErrors - 1 });
    return { status: 503, headers: { 'content-type': 'text/plain' }, body: 'Service Unavailable' };
  }
  // the agent's own UI does not spend the account's API budget; apps and integrations do
  const spent =
    options.spend === false
      ? ({ ok: true, limit: state.faults().budgetPerMinute, remaining: state.faults().budgetPerMinute } as const)
      : state.spend();
  if (!spent.ok) {
    return {
      status: 429,
      headers: {
        'content-type': 'text/plain',
        'retry-after': String(spent.retryAfter),
        'x-rate-limit': String(spent.limit),
        'x-rate-limit-remaining': '0',
      },
      body: RATE_LIMIT_TEXT,
    };
  }
  const result = route(state, ser, options.spend === false ? { ...call, internal: true } : call);
  result.headers['x-rate-limit'] = String(spent.limit);
  result.headers['x-rate-limit-remaining'] = String(spent.remaining);
  return result;
}

function route(state: ZendeskState, ser: RestSerializers, call: ApiCall): ApiResult {
  const url = new URL(call.path, 'http://zendesk.invalid');
  const path = url.pathname.replace(/\.json$/, '').replace(/\/$/, '');
  const method = call.method.toUpperCase();
  const m = (re: RegExp) => path.match(re);
  const num = (s: string | undefined) => Number(s);
  let hit: RegExpMatchArray | null;

  if (method === 'GET') {
    if (path === '/api/v2/tickets') {
      // `include=metric_sets` sideloads the page's ticket metrics, as the Tickets API documents
      const metricSets = url.searchParams.get('include')?.split(',').includes('metric_sets');
      const tickets = sortedTickets(state.tickets(), url).map(ser.ticket);
      return paginate(call.baseUrl, url, 'tickets', tickets, (page) =>
        metricSets ? { metric_sets: page.map((t) => ser.metric(state.ticket(t.id)!)) } : {},
      );
    }
    if ((hit = m(/^\/api\/v2\/tickets\/(\d+)$/))) {
      const t = state.ticket(num(hit[1]));
      return t ? json(200, { ticket: ser.ticket(t) }) : notFound();
    }
    if ((hit = m(/^\/api\/v2\/tickets\/(\d+)\/metrics$/))) {
      const t = state.ticket(num(hit[1]));
      // as documented (fixtures: ticket_metric_show): the singular key holds a one-element array
      return t ? json(200, { ticket_metric: [ser.metric(t)] }) : notFound();
    }
    if ((hit = m(/^\/api\/v2\/tickets\/(\d+)\/comments$/))) {
      const t = state.ticket(num(hit[1]));
      if (!t) return notFound();
      return paginate(
        call.baseUrl,
        url,
        'comments',
        t.comments.map((c) => ({
          id: c.id,
          type: 'Comment',
          author_id: c.author_id,
          body: c.body,
          html_body: `<p>${escapeHtml(c.body)}</p>`,
          plain_body: c.body,
          public: c.public,
          attachments: [],
          created_at: c.created_at,
        })),
      );
    }
    if (path === '/api/v2/ticket_metrics') return paginate(call.baseUrl, url, 'ticket_metrics', state.tickets().map(ser.metric));
    if ((hit = m(/^\/api\/v2\/ticket_metrics\/(\d+)$/))) {
      const t = state.tickets().find((x) => x.metrics.id === num(hit?.[1]));
      return t ? json(200, { ticket_metric: [ser.metric(t)] }) : notFound();
    }
    if (path === '/api/v2/satisfaction_ratings') {
      const score = url.searchParams.get('score');
      const rated = state.tickets().flatMap((t) => (t.satisfaction ? [ser.rating(t)!] : []));
      return paginate(
        call.baseUrl,
        url,
        'satisfaction_ratings',
        rated.filter((r) => !score || r.score === score),
      );
    }
    if (path === '/api/v2/satisfaction_ratings/count') {
      return json(200, { count: { refreshed_at: stamp(state.now()), value: state.tickets().filter((t) => t.satisfaction).length } });
    }
    if ((hit = m(/^\/api\/v2\/satisfaction_ratings\/(\d+)$/))) {
      const t = state.tickets().find((x) => x.satisfaction?.id === num(hit?.[1]));
      return t ? json(200, { satisfaction_rating: ser.rating(t) }) : notFound();
    }
    const people = routePeople(state, ser, call, url, path);
    if (people) return people;
    const exported = routeIncremental(state, ser, call, url, path);
    if (exported) return exported;
    if (path === '/api/v2/apps/installations') return json(200, { installations: [installation(state, call.baseUrl)] });
    if ((hit = m(/^\/api\/v2\/apps\/installations\/(\d+)$/))) {
      // documented as a bare object, not wrapped in { installation }
      return num(hit[1]) === state.installationId ? json(200, installation(state, call.baseUrl)) : notFound();
    }
    if ((hit = m(/^\/api\/v2\/apps\/(\d+)\/public_key(\.pem)?$/))) {
      // documented: anonymous, the PEM itself; 404 "Not Found" for another app
      if (num(hit[1]) !== state.appId) return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Not Found' };
      return { status: 200, headers: { 'content-type': 'application/x-pem-file' }, body: state.appKeys().publicKeyPem };
    }
    if (path === '/api/v2/brands') return paginate(call.baseUrl, url, 'brands', state.data.brands.map(ser.brand));
    if ((hit = m(/^\/api\/v2\/brands\/(\d+)$/))) {
      const brand = state.data.brands.find((b) => b.id === num(hit?.[1]));
      return brand ? json(200, { brand: ser.brand(brand) }) : notFound();
    }
    if (path === '/api/v2/ticket_forms') return paginate(call.baseUrl, url, 'ticket_forms', state.data.forms.map(ser.form));
    if ((hit = m(/^\/api\/v2\/ticket_forms\/(\d+)$/))) {
      const form = state.data.forms.find((f) => f.id === num(hit?.[1]));
      return form ? json(200, { ticket_form: ser.form(form) }) : notFound();
    }
    if (path === '/api/v2/ticket_fields') return paginate(call.baseUrl, url, 'ticket_fields', state.data.fields.map(ser.field));
    if ((hit = m(/^\/api\/v2\/ticket_fields\/(\d+)$/))) {
      const field = state.data.fields.find((f) => f.id === num(hit?.[1]));
      return field ? json(200, { ticket_field: ser.field(field) }) : notFound();
    }
  }
  if (method === 'PUT' && (hit = m(/^\/api\/v2\/tickets\/(\d+)$/))) {
    const t = state.ticket(num(hit[1]));
    return t ? updateTicket(state, ser, t, call) : notFound();
  }
  state.report('unimplemented', `Zendesk API ${method} ${call.path} is not emulated by the devhost`);
  return json(404, { error: 'InvalidEndpoint', description: 'Not found' });
}

/** The app's one installation, in the documented shape (settings without secure ones: there are none). */
function installation(state: ZendeskState, baseUrl: string) {
  const created = state.data.users[0]?.created_at ?? '2025-01-06T09:00:00Z';
  const settings = { name: 'Ticket QA', title: 'Ticket QA', ...state.settings };
  return {
    id: state.installationId,
    app_id: state.appId,
    product: 'support',
    settings,
    settings_objects: Object.entries(settings).map(([name, value]) => ({ name, value })),
    enabled: true,
    updated_at: created,
    created_at: created,
    recurring_payment: false,
    collapsible: true,
    paid: false,
    has_unpaid_subscription: false,
    has_incomplete_subscription: false,
    group_restrictions: [],
    role_restrictions: null,
    servable: true,
    plan: null,
    stripe_subscription_id: null,
    url: `${baseUrl}/api/v2/apps/installations/${state.installationId}.json`,
  };
}

const TICKET_SORTS = ['id', 'created_at', 'updated_at', 'status', 'subject'] as const;

/** The ticket list's order: `sort_by` and `sort_order` (offset pagination) or `sort=-updated_at` (cursor); by id otherwise. */
function sortedTickets(tickets: ZdTicket[], url: URL): ZdTicket[] {
  const sort = url.searchParams.get('sort');
  const field = sort ? sort.replace(/^-/, '') : (url.searchParams.get('sort_by') ?? 'id');
  const descending = sort ? sort.startsWith('-') : url.searchParams.get('sort_order') === 'desc';
  const key = (TICKET_SORTS as readonly string[]).includes(field) ? (field as (typeof TICKET_SORTS)[number]) : 'id';
  const sign = descending ? -1 : 1;
  return [...tickets].sort((a, b) => sign * (key === 'id' ? a.id - b.id : String(a[key]).localeCompare(String(b[key]))) || a.id - b.id);
}

/** Zendesk's answer to a call without a valid credential. */
const UNAUTHENTICATED = { error: "Couldn't authenticate you" };

/**
 * The API as HTTP, for the service's server-side calls (and curl): only with the account's API credential
 * (`Authorization: Basic base64("<email>/token:<token>")`), acting as that credential's user; the app's public key
 * is anonymous, as documented. The app's in-browser calls go through the proxy instead, as the signed-in agent.
 */
export function createZendeskApiRoutes(state: ZendeskState, baseUrl: () => string) {
  const app = new Hono();
  const expected = `Basic ${Buffer.from(`${state.apiCredential.apiUser}/token:${state.apiCredential.apiToken}`).toString('base64')}`;
  app.all('/api/v2/*', async (c) => {
    const { pathname, search } = new URL(c.req.url);
    const anonymous = c.req.method === 'GET' && /^\/api\/v2\/apps\/\d+\/public_key(\.pem|\.json)?$/.test(pathname);
    const user = state.data.users.find((u) => u.email === state.apiCredential.apiUser);
    if (!anonymous && (c.req.header('authorization') !== expected || !user)) return c.json(UNAUTHENTICATED, 401);
    const body = ['GET', 'HEAD'].includes(c.req.method) ? undefined : await c.req.text();
    const r = callZendeskApi(state, { method: c.req.method, path: pathname + search, body, userId: user?.id ?? 0, baseUrl: baseUrl() });
    return c.body(r.body, r.status as 200, r.headers);
  });
  return app;
}

/** ZAF's `get` and `set` over the in-memory Zendesk: the data half of the host's protocol (the page relays to it). */
import type { ZendeskState } from './zendesk-state.ts';
import type { ZdTicket, ZdUser } from './zendesk-types.ts';

export interface ZafCallContext {
  userId: number;
  location: string;
  ticketId?: number;
  /** The agent's unsaved edits of the open ticket, keyed by ZAF path (what `set` changed). */
  draft?: Record<string, unknown>;
  /** Contexts of the app's other instances (`instances.<guid>`). */
  instances?: Record<string, unknown>;
}

export interface ZafError {
  message: string;
}

export interface ZafResult {
  [path: string]: unknown;
  errors: Record<string, ZafError>;
}

export interface SetOutcome {
  result: ZafResult;
  /** Draft entries to merge into the page's unsaved edits. */
  draft: Record<string, unknown>;
  /** Events to post to subscribed instances, e.g. `ticket.custom_field_60101.changed`. */
  events: Array<{ name: string; data: unknown }>;
}

const CUSTOM_FIELD = /^ticket\.customField:custom_field_(\d+)$/;
const SETTABLE = ['ticket.status', 'ticket.subject', 'ticket.priority', 'ticket.type', 'ticket.tags'] as const;

export function createZafPaths(state: ZendeskState) {
  const zafUser = (u: ZdUser) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    groups: state.groupsOf(u.id).map((g) => ({ id: g.id, name: g.name })),
    locale: u.locale,
    timeZone: { ianaName: u.time_zone },
    organizations: [],
  });

  function zafTicket(t: ZdTicket, draft: Record<string, unknown>) {
    const pick = <T>(path: string, value: T): T => (path in draft ? (draft[path] as T) : value);
    const assignee = t.assignee_id === null ? undefined : state.user(t.assignee_id);
    const group = state.data.groups.find((g) => g.id === t.group_id);
    const brand = state.data.brands.find((b) => b.id === t.brand_id);
    const form = state.data.forms.find((f) => f.id === t.ticket_form_id);
    const requester = state.user(t.requester_id);
    return {
      id: t.id,
      subject: pick('ticket.subject', t.subject),
      description: t.description,
      status: pick('ticket.status', t.status),
      priority: pick('ticket.priority', t.priority),
      type: pick('ticket.type', t.type),
      tags: pick('ticket.tags', [...t.tags]),
      externalId: null,
      isNew: false,
      createdAt: t.created_at,
      updatedAt: t.updated_at,
      via: { channel: t.channel, source: { from: {}, to: {}, rel: null } },
      requester: requester ? zafUser(requester) : null,
      assignee: {
        user: assignee ? zafUser(assignee) : null,
        group: group ? { id: group.id, name: group.name } : null,
      },
      brand: brand ? { id: brand.id, name: brand.name, subdomain: brand.subdomain } : null,
      form: form ? { id: form.id, name: form.name } : null,
      organization: null,
      collaborators: [],
    };
  }

  function customField(t: ZdTicket, fieldId: number, draft: Record<string, unknown>): unknown {
    const path = `ticket.customField:custom_field_${fieldId}`;
    if (path in draft) return draft[path];
    const value = state.fieldValue(t, fieldId);
    // an unset field reads as "" through ZAF (fixtures: app_scaffold mock)
    return value === null || value === undefined ? '' : value;
  }

  const unavailable = (path: string): ZafError => ({ message: `${path} unavailable` });

  /** Resolves one path: a value, or an error (`reported` when the devhost simply does not know the path). */
  function resolve(path: string, ctx: ZafCallContext): { value: unknown } | { error: ZafError; reported: boolean } {
    const draft = ctx.draft ?? {};
    const ticket = ctx.ticketId === undefined ? undefined : state.ticket(ctx.ticketId);
    const field = path.match(CUSTOM_FIELD);
    if (field) {
      if (!ticket) return { error: unavailable(path), reported: false };
      const id = Number(field[1]);
      if (!state.data.fields.some((f) => f.id === id && f.removable)) return { error: unavailable(path), reported: false };
      return { value: customField(ticket, id, draft) };
    }
    if (path.startsWith('requirement:')) {
      const key = path.slice('requirement:'.length);
      const f = state.data.fields.find((x) => x.requirement === key);
      if (!state.requirementsInstalled || !f) return { error: unavailable(path), reported: false };
      return { value: { requirement_id: f.id } };
    }
    if (path.startsWith('instances.')) {
      const guid = path.slice('instances.'.length);
      const instance = ctx.instances?.[guid];
      return instance ? { value: instance } : { error: unavailable(path), reported: false };
    }
    const [root, ...rest] = path.split('.');
    let value: unknown;
    if (root === 'ticket') {
      if (!ticket) return { error: unavailable(path), reported: false };
      value = zafTicket(ticket, draft);
    } else if (root === 'currentUser') {
      const me = state.user(ctx.userId);
      if (!me) return { error: unavailable(path), reported: false };
      value = zafUser(me);
    } else if (root === 'currentAccount') {
      value = { subdomain: state.subdomain };
    } else if (root === 'instances') {
      value = ctx.instances ?? {};
    } else {
      return { error: unavailable(path), reported: true };
    }
    for (const key of rest) {
      if (typeof value !== 'object' || value === null || !(key in value)) return { error: unavailable(path), reported: true };
      value = (value as Record<string, unknown>)[key];
    }
    return { value };
  }

  return {
    zafTicket,
    zafUser,
    /** `client.get(paths)`: every path keyed as asked, failures under `errors`; `unknown` lists paths to report. */
    get(paths: string[], ctx: ZafCallContext): { result: ZafResult; unknown: string[] } {
      const result: ZafResult = { errors: {} };
      const unknown: string[] = [];
      for (const path of paths) {
        const r = resolve(path, ctx);
        if ('value' in r) result[path] = r.value;
        else {
          result.errors[path] = r.error;
          if (r.reported) unknown.push(path);
        }
      }
      return { result, unknown };
    },
    /** `client.set({...})`: changes the open ticket's form (unsaved, like the agent typing), and says which events fire. */
    set(changes: Record<string, unknown>, ctx: ZafCallContext): SetOutcome & { unknown: string[] } {
      const outcome: SetOutcome & { unknown: string[] } = { result: { errors: {} }, draft: {}, events: [], unknown: [] };
      const ticket = ctx.ticketId === undefined ? undefined : state.ticket(ctx.ticketId);
      for (const [path, value] of Object.entries(changes)) {
        const field = path.match(CUSTOM_FIELD);
        const known = field
          ? state.data.fields.some((f) => f.id === Number(field[1]) && f.removable)
          : (SETTABLE as readonly string[]).includes(path);
        if (!ticket || !known) {
          outcome.result.errors[path] = unavailable(path);
          if (ticket && !field) outcome.unknown.push(path);
          continue;
        }
        outcome.draft[path] = value;
        outcome.result[path] = value;
        const name = field ? `ticket.custom_field_${field[1]}.changed` : `${path}.changed`;
        outcome.events.push({ name, data: value });
      }
      return outcome;
    },
  };
}

export type ZafPaths = ReturnType<typeof createZafPaths>;

/**
 * People in the REST emulation, as Zendesk's API reference documents them: users
 * (https://developer.zendesk.com/api-reference/ticketing/users/users/: list, list by group, autocomplete, show, show
 * many), groups and group memberships
 * (https://developer.zendesk.com/api-reference/ticketing/groups/group_memberships/: list, by group, by user, show,
 * with the `users` and `groups` sideloads). Lists page as documented (rest-answers.ts).
 */
import { json, notFound, paginate, type ApiResult } from './rest-answers.ts';
import type { ApiCall, RestSerializers } from './zendesk-api.ts';
import type { ZendeskState } from './zendesk-state.ts';
import type { ZdUser } from './zendesk-types.ts';

export interface Membership {
  id: number;
  user_id: number;
  group_id: number;
  default: boolean;
  created_at: string;
}

/** Every group membership of the account, by user then group (ids stable: the user's id and the group's place). */
export function membershipsOf(state: ZendeskState): Membership[] {
  return state.data.users.flatMap((u) =>
    (state.data.memberships[u.id] ?? []).map((groupId, i) => ({
      id: u.id * 100 + i,
      user_id: u.id,
      group_id: groupId,
      default: groupId === u.default_group_id,
      created_at: u.created_at,
    })),
  );
}

/** `role=agent` or `role[]=agent&role[]=admin`, as the Users API documents; no role, everyone. */
function byRole(url: URL, users: ZdUser[]): ZdUser[] {
  const roles = [...url.searchParams.getAll('role'), ...url.searchParams.getAll('role[]')];
  return roles.length === 0 ? users : users.filter((u) => roles.includes(u.role));
}

/**
 * How well a name answers what was typed: 0 the name starts with it, 1 a later word does (the documented example finds
 * "Terry Gilliam" for "gil"), 2 it is inside the name or the email's local part; null no match.
 */
function matchRank(user: ZdUser, typed: string): number | null {
  const name = user.name.toLocaleLowerCase();
  if (name.startsWith(typed)) return 0;
  if (name.split(/[\s\-']+/).some((word) => word.startsWith(typed))) return 1;
  if (name.includes(typed) || user.email.split('@')[0]!.toLocaleLowerCase().includes(typed)) return 2;
  return null;
}

function autocomplete(state: ZendeskState, url: URL): ZdUser[] | ApiResult {
  const typed = (url.searchParams.get('name') ?? '').trim().toLocaleLowerCase();
  if (!typed) {
    // the reference: "You must specify either name or phone" (phone numbers are not kept here)
    return json(400, { error: 'InvalidParameters', description: 'You must specify either name or phone' });
  }
  // `filter=assignable`: people a ticket can be assigned to, agents and admins
  const assignable = url.searchParams.get('filter') === 'assignable';
  return state.data.users
    .filter((u) => !assignable || u.role !== 'end-user')
    .flatMap((u) => {
      const rank = matchRank(u, typed);
      return rank === null ? [] : [{ u, rank }];
    })
    .sort((a, b) => a.rank - b.rank || a.u.name.localeCompare(b.u.name))
    .map(({ u }) => u);
}

/** Answers a GET about users, groups or memberships; null when the path is none of these. */
export function routePeople(state: ZendeskState, ser: RestSerializers, call: ApiCall, url: URL, path: string): ApiResult | null {
  const users = state.data.users;
  const groupById = (id: number) => state.data.groups.find((g) => g.id === id);
  const membership = (m: Membership) => ({ url: `${call.baseUrl}/api/v2/group_memberships/${m.id}.json`, ...m, updated_at: m.created_at });
  // `include=users,groups` sideloads the page's people and groups
  const include = new Set((url.searchParams.get('include') ?? '').split(',').map((s) => s.trim()));
  const sideloads = (page: Array<ReturnType<typeof membership>>) => ({
    ...(include.has('users') ? { users: users.filter((u) => page.some((m) => m.user_id === u.id)).map(ser.user) } : {}),
    ...(include.has('groups') ? { groups: state.data.groups.filter((g) => page.some((m) => m.group_id === g.id)).map(ser.group) } : {}),
  });
  const members = (filter: (m: Membership) => boolean) =>
    paginate(call.baseUrl, url, 'group_memberships', membershipsOf(state).filter(filter).map(membership), sideloads);
  let hit: RegExpMatchArray | null;

  if (path === '/api/v2/users/me') {
    const me = state.user(call.userId);
    return me ? json(200, { user: ser.user(me) }) : notFound();
  }
  if (path === '/api/v2/users') return paginate(call.baseUrl, url, 'users', byRole(url, users).map(ser.user));
  if (path === '/api/v2/users/autocomplete') {
    const found = autocomplete(state, url);
    // the reference documents offset pagination for the autocomplete endpoints
    return Array.isArray(found) ? paginate(call.baseUrl, url, 'users', found.map(ser.user)) : found;
  }
  if (path === '/api/v2/users/show_many') {
    const ids = (url.searchParams.get('ids') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(Number);
    if (ids.length > 100) {
      // Zendesk's answer to a list of more than 100 (fixtures: error_400_too_many_values)
      return json(400, { error: 'TooManyValues', description: 'Parameter ids cannot specify more than 100 values', max_count: 100 });
    }
    return json(200, { users: users.filter((u) => ids.includes(u.id)).map(ser.user) });
  }
  if ((hit = path.match(/^\/api\/v2\/users\/(\d+)$/))) {
    const user = state.user(Number(hit[1]));
    return user ? json(200, { user: ser.user(user) }) : notFound();
  }
  if ((hit = path.match(/^\/api\/v2\/users\/(\d+)\/groups$/))) {
    const userId = Number(hit[1]);
    return state.user(userId) ? paginate(call.baseUrl, url, 'groups', state.groupsOf(userId).map(ser.group)) : notFound();
  }
  if ((hit = path.match(/^\/api\/v2\/users\/(\d+)\/group_memberships$/))) {
    const userId = Number(hit[1]);
    return state.user(userId) ? members((m) => m.user_id === userId) : notFound();
  }
  if (path === '/api/v2/group_memberships') return members(() => true);
  if ((hit = path.match(/^\/api\/v2\/group_memberships\/(\d+)$/))) {
    const found = membershipsOf(state).find((m) => m.id === Number(hit?.[1]));
    return found ? json(200, { group_membership: membership(found) }) : notFound();
  }
  if (path === '/api/v2/groups') return paginate(call.baseUrl, url, 'groups', state.data.groups.map(ser.group));
  if ((hit = path.match(/^\/api\/v2\/groups\/(\d+)$/))) {
    const group = groupById(Number(hit[1]));
    return group ? json(200, { group: ser.group(group) }) : notFound();
  }
  if ((hit = path.match(/^\/api\/v2\/groups\/(\d+)\/memberships$/))) {
    const groupId = Number(hit[1]);
    return groupById(groupId) ? members((m) => m.group_id === groupId) : notFound();
  }
  if ((hit = path.match(/^\/api\/v2\/groups\/(\d+)\/users$/))) {
    const groupId = Number(hit[1]);
    if (!groupById(groupId)) return notFound();
    const ids = new Set(
      membershipsOf(state)
        .filter((m) => m.group_id === groupId)
        .map((m) => m.user_id),
    );
    return paginate(
      call.baseUrl,
      url,
      'users',
      byRole(
        url,
        users.filter((u) => ids.has(u.id)),
      ).map(ser.user),
    );
  }
  return null;
}

/**
 * People in the REST emulation, in the shapes of Zendesk's API reference: users autocomplete, users by group, show
 * many, group memberships (all, by group, by user, one), with both documented paginations, behind the same
 * credential, budget and request counting as every other endpoint.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDevhost, type Manifest } from './devhost.ts';
import { IDS } from './sample-data.ts';
import { callZendeskApi } from './zendesk-api.ts';
import { createZendeskState, type ZendeskState } from './zendesk-state.ts';

const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '../../manifest.json'), 'utf8')) as Manifest;

type User = { id: number; name: string; role: string; email: string; url: string; active: boolean };
type Membership = { id: number; url: string; user_id: number; group_id: number; default: boolean; created_at: string; updated_at: string };
type Offset<K extends string, T> = { [key in K]: T[] } & { next_page: string | null; previous_page: string | null; count: number };
type Cursor<K extends string, T> = { [key in K]: T[] } & {
  meta: { has_more: boolean; after_cursor: string | null; before_cursor: string | null };
  links: { next: string | null; prev: string | null };
};

let state: ZendeskState;
let http: (path: string, headers?: Record<string, string>) => Promise<Response>;

beforeEach(() => {
  state = createZendeskState({ now: () => new Date('2026-03-10T12:00:30Z') });
  const { app } = createDevhost({ state, manifest, bundle: { files: new Map() } });
  const credential = `Basic ${Buffer.from(`${state.apiCredential.apiUser}/token:${state.apiCredential.apiToken}`).toString('base64')}`;
  http = async (path, headers = { authorization: credential }) => app.request(`http://localhost${path}`, { headers });
});

/** What the service sees, with its credential over HTTP. */
async function get<T>(path: string): Promise<T> {
  const res = await http(path);
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return (await res.json()) as T;
}

/** What the app sees, through client.request as the signed-in agent. */
function asAgent(path: string, userId: number = IDS.users.rita) {
  const r = callZendeskApi(state, { method: 'GET', path, userId, baseUrl: 'http://localhost' });
  return {
    status: r.status,
    headers: r.headers,
    body: r.headers['content-type']?.startsWith('application/json') ? (JSON.parse(r.body) as unknown) : r.body,
  };
}

const pathOf = (link: string) => new URL(link).pathname + new URL(link).search;
const staffIds = () => state.data.users.filter((u) => u.role !== 'end-user').map((u) => u.id);

describe('GET /api/v2/users/autocomplete', () => {
  it('finds users whose name starts with the text, in the users list shape with offset pagination', async () => {
    const body = await get<Offset<'users', User>>('/api/v2/users/autocomplete.json?name=Ri');
    expect(body.users[0]).toMatchObject({
      id: IDS.users.rita,
      name: 'Rita Reviewer',
      role: 'agent',
      email: 'rita@acme.example',
      active: true,
    });
    expect(body.users[0]!.url).toBe(`http://localhost/api/v2/users/${IDS.users.rita}.json`);
    expect(body).toMatchObject({ next_page: null, previous_page: null, count: body.users.length });
  });

  it('matches any word of the name, case-insensitively, then text inside a name, best matches first', async () => {
    // the reference's example: "gil" finds "Terry Gilliam"
    const byWord = await get<Offset<'users', User>>('/api/v2/users/autocomplete.json?name=agent');
    expect(byWord.users.map((u) => u.name)).toEqual(['Alex Agent']);
    const inside = await get<Offset<'users', User>>('/api/v2/users/autocomplete.json?name=ORDAN');
    expect(inside.users.map((u) => u.name)).toEqual(['Jordan Park']);
    const ranked = await get<Offset<'users', User>>('/api/v2/users/autocomplete.json?name=a');
    const firstWordA = ranked.users.findIndex((u) => !u.name.toLowerCase().startsWith('a'));
    expect(firstWordA).toBeGreaterThan(0);
    expect(ranked.users.slice(0, firstWordA).every((u) => u.name.toLowerCase().startsWith('a'))).toBe(true);
    expect(ranked.users.slice(firstWordA).every((u) => !u.name.toLowerCase().startsWith('a'))).toBe(true);
  });

  it('filter=assignable leaves out end users; without a name it answers 400', async () => {
    const all = await get<Offset<'users', User>>('/api/v2/users/autocomplete.json?name=al');
    expect(all.users.some((u) => u.role === 'end-user')).toBe(true);
    const assignable = await get<Offset<'users', User>>('/api/v2/users/autocomplete.json?name=al&filter=assignable');
    expect(assignable.users.length).toBeGreaterThan(0);
    expect(assignable.users.every((u) => u.role !== 'end-user')).toBe(true);
    const missing = await http('/api/v2/users/autocomplete.json');
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: expect.any(String), description: expect.stringContaining('name') });
  });

  it('pages with per_page and page, next_page and previous_page as URLs', async () => {
    const all = await get<Offset<'users', User>>('/api/v2/users/autocomplete.json?name=a');
    const first = await get<Offset<'users', User>>('/api/v2/users/autocomplete.json?name=a&per_page=2');
    expect(first.users).toEqual(all.users.slice(0, 2));
    expect(first.count).toBe(all.users.length);
    expect(first.previous_page).toBeNull();
    const second = await get<Offset<'users', User>>(pathOf(first.next_page!));
    expect(second.users).toEqual(all.users.slice(2, 4));
    expect(pathOf(second.previous_page!)).toBe('/api/v2/users/autocomplete.json?name=a&per_page=2&page=1');
  });
});

describe('users by id', () => {
  it('GET /api/v2/users/{id} answers for every member of every group', async () => {
    const { group_memberships } = await get<Offset<'group_memberships', Membership>>('/api/v2/group_memberships.json');
    expect(group_memberships.length).toBeGreaterThan(0);
    for (const id of new Set(group_memberships.map((m) => m.user_id))) {
      expect((await get<{ user: User }>(`/api/v2/users/${id}.json`)).user.id).toBe(id);
    }
    expect((await http('/api/v2/users/999999.json')).status).toBe(404);
  });

  it('users/show_many returns every requested user, whatever the spacing; unknown ids are left out', async () => {
    const ids = [...staffIds(), 20001, 20002];
    const { users } = await get<{ users: User[] }>(`/api/v2/users/show_many.json?ids=${ids.join(', ')},999999`);
    expect(users.map((u) => u.id).sort()).toEqual([...ids].sort());
  });

  it('users/show_many refuses more than 100 ids as Zendesk does', async () => {
    const res = await http(`/api/v2/users/show_many.json?ids=${Array.from({ length: 101 }, (_, i) => 20001 + i).join(',')}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'TooManyValues',
      description: 'Parameter ids cannot specify more than 100 values',
      max_count: 100,
    });
  });
});

describe('GET /api/v2/groups/{id}/users', () => {
  it("lists the group's members as users (the reviewee picker's call, which answered 404 before)", () => {
    const before = state.reports().length;
    const res = asAgent(`/api/v2/groups/${IDS.groups.billing}/users.json`);
    expect(res.status).toBe(200);
    const body = res.body as Offset<'users', User>;
    expect(body.users.map((u) => u.name).sort()).toEqual(['Mia Novak', 'Sam Support']);
    expect(body.count).toBe(2);
    expect(state.reports().slice(before)).toEqual([]);
  });

  it('filters by role, pages by cursor, and answers 404 for an unknown group', async () => {
    const admins = await get<Offset<'users', User>>(`/api/v2/groups/${IDS.groups.support}/users.json?role=admin`);
    expect(admins.users.map((u) => u.name)).toEqual(['Ada Admin']);
    const page = await get<Cursor<'users', User>>(`/api/v2/groups/${IDS.groups.support}/users.json?page[size]=2`);
    expect(page.users).toHaveLength(2);
    expect(page.meta.has_more).toBe(true);
    expect((await http('/api/v2/groups/1/users.json')).status).toBe(404);
  });
});

describe('group memberships', () => {
  const membershipShape = {
    id: expect.any(Number),
    url: expect.stringMatching(/^http:\/\/localhost\/api\/v2\/group_memberships\/\d+\.json$/),
    user_id: expect.any(Number),
    group_id: expect.any(Number),
    default: expect.any(Boolean),
    created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    updated_at: expect.any(String),
  };

  it('GET /api/v2/group_memberships lists every membership in the documented shape', async () => {
    const body = await get<Offset<'group_memberships', Membership>>('/api/v2/group_memberships.json');
    const expected = Object.values(state.data.memberships).reduce((n, groups) => n + groups.length, 0);
    expect(body.count).toBe(expected);
    for (const m of body.group_memberships) expect(m).toEqual(membershipShape);
    // one default membership per agent, the user's default group
    const rita = body.group_memberships.filter((m) => m.user_id === IDS.users.rita);
    expect(rita.filter((m) => m.default).map((m) => m.group_id)).toEqual([IDS.groups.qaReviewers]);
  });

  it('cursor pagination walks the whole list, page[after] forward and page[before] back', async () => {
    const all = (await get<Offset<'group_memberships', Membership>>('/api/v2/group_memberships.json')).group_memberships;
    const seen: Membership[] = [];
    let next: string | null = '/api/v2/group_memberships.json?page[size]=4';
    let last: Cursor<'group_memberships', Membership> | null = null;
    for (let i = 0; next && i < 50; i++) {
      last = await get<Cursor<'group_memberships', Membership>>(next);
      seen.push(...last.group_memberships);
      next = last.meta.has_more ? pathOf(last.links.next!) : null;
    }
    expect(seen).toEqual(all);
    expect(last!.links.next).toBeNull();
    const back = await get<Cursor<'group_memberships', Membership>>(pathOf(last!.links.prev!));
    expect(back.group_memberships).toEqual(all.slice(Math.floor((all.length - 1) / 4) * 4 - 4, Math.floor((all.length - 1) / 4) * 4));
    expect((await http('/api/v2/group_memberships.json?page[after]=nonsense')).status).toBe(400);
  });

  it('GET /api/v2/groups/{id}/memberships: that group only, with users and groups sideloaded on request', async () => {
    const body = await get<Offset<'group_memberships', Membership> & { users: User[]; groups: Array<{ id: number; name: string }> }>(
      `/api/v2/groups/${IDS.groups.qaReviewers}/memberships.json?include=users,groups`,
    );
    expect(body.group_memberships.map((m) => m.user_id).sort()).toEqual([IDS.users.rita, IDS.users.lee].sort());
    expect(body.users.map((u) => u.name).sort()).toEqual(['Lee Lead', 'Rita Reviewer']);
    expect(body.groups).toEqual([expect.objectContaining({ id: IDS.groups.qaReviewers, name: 'QA Reviewers' })]);
    const plain = await get<Record<string, unknown>>(`/api/v2/groups/${IDS.groups.qaReviewers}/memberships.json`);
    expect(plain).not.toHaveProperty('users');
    expect((await http('/api/v2/groups/1/memberships.json')).status).toBe(404);
  });

  it('GET /api/v2/users/{id}/group_memberships and one membership by its id', async () => {
    const { group_memberships } = await get<Offset<'group_memberships', Membership>>(
      `/api/v2/users/${IDS.users.sam}/group_memberships.json`,
    );
    expect(group_memberships.map((m) => m.group_id)).toEqual(state.data.memberships[IDS.users.sam]);
    const one = await get<{ group_membership: Membership }>(`/api/v2/group_memberships/${group_memberships[0]!.id}.json`);
    expect(one.group_membership).toEqual(group_memberships[0]);
    expect((await http('/api/v2/group_memberships/1.json')).status).toBe(404);
  });
});

describe('like every other endpoint', () => {
  const paths = [
    '/api/v2/users/autocomplete.json?name=al',
    `/api/v2/groups/${IDS.groups.support}/users.json`,
    `/api/v2/groups/${IDS.groups.support}/memberships.json`,
    '/api/v2/group_memberships.json',
    `/api/v2/users/${IDS.users.alex}/group_memberships.json`,
  ];

  it('refuses a call without the service credential', async () => {
    for (const path of paths) expect((await http(path, {})).status, path).toBe(401);
  });

  it('counts each call against the account budget and answers 429 when rate-limited', () => {
    for (const [i, path] of paths.entries()) expect(asAgent(path).headers['x-rate-limit-remaining']).toBe(String(699 - i));
    state.setFaults({ rateLimitedFor: 12 });
    for (const path of paths) {
      const res = asAgent(path);
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('12');
    }
  });
});

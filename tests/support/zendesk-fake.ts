/**
 * The slice of Zendesk's API the service calls for identity (users, users by ids, group memberships, installations,
 * the app's public key), in Zendesk's documented shapes, refusing calls without the service's credential. For integration
 * tests that create people on the fly; the local Zendesk (src/devhost) serves the same endpoints over its state.
 */
import type { Fetch } from '../../src/server/deps.ts';

export interface FakePerson {
  name: string;
  role: 'end-user' | 'agent' | 'admin';
  groupIds: number[];
  suspended?: boolean;
}

export interface FakeZendesk {
  fetch: Fetch;
  /** Adds or replaces a person of `subdomain`. */
  setPerson(subdomain: string, userId: number, person: FakePerson): void;
  /** Deletes a person of `subdomain` (as a permanent deletion in Zendesk). */
  removePerson(subdomain: string, userId: number): void;
  /** Calls the service made, as `METHOD path`. */
  calls: string[];
  /** When set, every call answers this status (e.g. 503: Zendesk down). */
  failWith: number | null;
}

export interface FakeAccount {
  subdomain: string;
  appId: number;
  installationId: number;
  apiUser: string;
  apiToken: string;
  publicKeyPem: string;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

export function fakeZendesk(accounts: readonly FakeAccount[]): FakeZendesk {
  const people = new Map<string, FakePerson>();
  const fake: FakeZendesk = {
    calls: [],
    failWith: null,
    setPerson: (subdomain, userId, person) => void people.set(`${subdomain}/${userId}`, person),
    removePerson: (subdomain, userId) => void people.delete(`${subdomain}/${userId}`),
    fetch: async (url, init) => {
      const u = new URL(url);
      fake.calls.push(`${init?.method ?? 'GET'} ${u.pathname}${u.search}`);
      const account = accounts.find((a) => u.hostname === `${a.subdomain}.zendesk.com`);
      if (!account) throw new TypeError('fetch failed (no such host)');
      if (fake.failWith) return new Response('Service Unavailable', { status: fake.failWith });
      const auth = new Headers(init?.headers).get('authorization');
      if (auth !== `Basic ${Buffer.from(`${account.apiUser}/token:${account.apiToken}`).toString('base64')}`) {
        return json(401, { error: "Couldn't authenticate you" });
      }
      const base = `https://${account.subdomain}.zendesk.com/api/v2`;
      let m: RegExpExecArray | null;
      if ((m = /^\/api\/v2\/users\/(\d+)\.json$/.exec(u.pathname))) {
        const p = people.get(`${account.subdomain}/${m[1]}`);
        if (!p) return json(404, { error: 'RecordNotFound', description: 'Not found' });
        return json(200, {
          user: {
            id: Number(m[1]),
            url: `${base}/users/${m[1]}.json`,
            name: p.name,
            email: `user${m[1]}@example.com`,
            role: p.role,
            role_type: p.role === 'admin' ? 4 : null,
            active: true,
            suspended: p.suspended ?? false,
          },
        });
      }
      if (u.pathname === '/api/v2/users/show_many.json') {
        const ids = (u.searchParams.get('ids') ?? '').split(',').filter(Boolean).map(Number);
        if (ids.length > 100) {
          return json(400, { error: 'TooManyValues', description: 'Parameter ids cannot specify more than 100 values', max_count: 100 });
        }
        const users = ids.flatMap((id) => {
          const p = people.get(`${account.subdomain}/${id}`);
          return p
            ? [{ id, url: `${base}/users/${id}.json`, name: p.name, role: p.role, active: true, suspended: p.suspended ?? false }]
            : [];
        });
        return json(200, { users, next_page: null, previous_page: null, count: users.length });
      }
      if ((m = /^\/api\/v2\/users\/(\d+)\/group_memberships\.json$/.exec(u.pathname))) {
        const p = people.get(`${account.subdomain}/${m[1]}`);
        const memberships = (p?.groupIds ?? []).map((g, i) => ({
          id: Number(m![1]) * 1000 + i,
          url: `${base}/group_memberships/${Number(m![1]) * 1000 + i}.json`,
          user_id: Number(m![1]),
          group_id: g,
          default: i === 0,
          created_at: '2026-01-05T09:00:00Z',
          updated_at: '2026-01-05T09:00:00Z',
        }));
        return json(200, {
          group_memberships: memberships,
          meta: { has_more: false, after_cursor: null, before_cursor: null },
          links: { next: null, prev: null },
        });
      }
      if (u.pathname === '/api/v2/apps/installations.json') {
        return json(200, {
          installations: [{ id: account.installationId, app_id: account.appId, product: 'support', enabled: true, settings: {} }],
        });
      }
      if (u.pathname === `/api/v2/apps/${account.appId}/public_key.pem`)
        return new Response(account.publicKeyPem, { headers: { 'content-type': 'text/plain' } });
      return json(404, { error: 'InvalidEndpoint', description: 'Not found' });
    },
  };
  return fake;
}

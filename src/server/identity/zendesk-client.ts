/**
 * The service's own calls to one account's Zendesk API, with the credential only the service holds: the user and
 * their group memberships (to decide the QA role), people's names (for exports), the app's installations and its
 * public key.
 */
import { z } from 'zod';
import type { AccountConfig, Fetch } from '../deps.ts';

const TIMEOUT_MS = 10_000;

export class ZendeskUnavailable extends Error {}

const User = z.object({
  user: z.looseObject({
    id: z.number(),
    name: z.string(),
    role: z.string(),
    active: z.boolean().optional(),
    suspended: z.boolean().optional(),
  }),
});
const Memberships = z.object({
  group_memberships: z.array(z.looseObject({ group_id: z.number(), user_id: z.number() })),
  next_page: z.string().nullable().optional(),
  meta: z.object({ has_more: z.boolean() }).optional(),
  links: z.object({ next: z.string().nullable().optional() }).optional(),
});
const ManyUsers = z.object({ users: z.array(z.looseObject({ id: z.number(), name: z.string() })) });
const Installations = z.object({
  installations: z.array(z.looseObject({ id: z.number(), app_id: z.number(), enabled: z.boolean().optional() })),
});

export interface ZendeskPerson {
  id: number;
  name: string;
  /** Zendesk's role: `end-user`, `agent` or `admin`. */
  role: string;
  /** False for a suspended or deleted user. */
  active: boolean;
  groupIds: number[];
}

export interface ZendeskClient {
  /** The user and their groups, or null when Zendesk does not know them. */
  person(userId: number): Promise<ZendeskPerson | null>;
  /**
   * The names of `userIds` as Zendesk has them, `SHOW_MANY_MAX` ids a request (`users/show_many`); an id Zendesk does
   * not know is absent. ZendeskUnavailable when any request fails: a caller keeps what it had.
   */
  namesOf(userIds: readonly number[]): Promise<Map<number, string>>;
  /** Installation ids of the app `appId` in this account. */
  installationsOf(appId: number): Promise<number[]>;
  /** The app's RSA public key (PEM) as Zendesk publishes it. */
  publicKeyPem(appId: number): Promise<string>;
}

/** The most ids `users/show_many` takes in one request (Zendesk answers 400 TooManyValues beyond). */
export const SHOW_MANY_MAX = 100;

export const zendeskBaseUrl = (account: AccountConfig) =>
  (account.zendeskUrl ?? `https://${account.subdomain}.zendesk.com`).replace(/\/+$/, '');

/** The service's API token as Zendesk takes it: `Basic base64("<email>/token:<token>")`. */
export const zendeskAuthorization = (account: AccountConfig) =>
  `Basic ${Buffer.from(`${account.apiUser}/token:${account.apiToken}`).toString('base64')}`;

export function zendeskClient(account: AccountConfig, fetchImpl: Fetch): ZendeskClient {
  const base = zendeskBaseUrl(account);
  const authorization = zendeskAuthorization(account);

  const get = async (path: string): Promise<Response> => {
    let res: Response;
    try {
      res = await fetchImpl(path.startsWith('http') ? path : `${base}${path}`, {
        headers: { authorization, accept: 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (e) {
      throw new ZendeskUnavailable(`Zendesk (${account.subdomain}) could not be reached: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (res.status === 401 || res.status === 403) {
      throw new ZendeskUnavailable(`Zendesk (${account.subdomain}) refused the service's API credential (${res.status})`);
    }
    if (res.status === 429 || res.status >= 500) throw new ZendeskUnavailable(`Zendesk (${account.subdomain}) answered ${res.status}`);
    return res;
  };
  const json = async <T>(res: Response, schema: z.ZodType<T>, what: string): Promise<T> => {
    const parsed = schema.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) throw new ZendeskUnavailable(`Zendesk (${account.subdomain}) answered ${what} in an unexpected shape`);
    return parsed.data;
  };

  return {
    async person(userId) {
      const res = await get(`/api/v2/users/${userId}.json`);
      if (res.status === 404) return null;
      if (!res.ok) throw new ZendeskUnavailable(`Zendesk (${account.subdomain}) answered ${res.status} for a user`);
      const { user } = await json(res, User, 'the user');
      const groupIds: number[] = [];
      // cursor pagination, 100 per page: an agent in more than 100 groups is rare but must not lose a role
      let next: string | null = `/api/v2/users/${userId}/group_memberships.json?page[size]=100`;
      for (let pages = 0; next && pages < 20; pages++) {
        const page: z.output<typeof Memberships> = await json(await get(next), Memberships, 'group memberships');
        groupIds.push(...page.group_memberships.filter((m) => m.user_id === userId).map((m) => m.group_id));
        next = page.meta?.has_more ? (page.links?.next ?? null) : (page.next_page ?? null);
      }
      return { id: user.id, name: user.name, role: user.role, active: user.active !== false && user.suspended !== true, groupIds };
    },
    async namesOf(userIds) {
      const ids = [...new Set(userIds)];
      const names = new Map<number, string>();
      for (let i = 0; i < ids.length; i += SHOW_MANY_MAX) {
        const res = await get(`/api/v2/users/show_many.json?ids=${ids.slice(i, i + SHOW_MANY_MAX).join(',')}`);
        if (!res.ok) throw new ZendeskUnavailable(`Zendesk (${account.subdomain}) answered ${res.status} for users by id`);
        for (const user of (await json(res, ManyUsers, 'users by id')).users) names.set(user.id, user.name);
      }
      return names;
    },
    async installationsOf(appId) {
      const res = await get('/api/v2/apps/installations.json');
      if (!res.ok) throw new ZendeskUnavailable(`Zendesk (${account.subdomain}) answered ${res.status} for the app's installations`);
      return (await json(res, Installations, 'installations')).installations.filter((i) => i.app_id === appId).map((i) => i.id);
    },
    async publicKeyPem(appId) {
      const res = await get(`/api/v2/apps/${appId}/public_key.pem`);
      if (!res.ok) throw new ZendeskUnavailable(`Zendesk (${account.subdomain}) answered ${res.status} for the app's public key`);
      // the reference shows the PEM, sometimes as a JSON string: accept both
      const text = (await res.text()).trim();
      const pem = text.startsWith('"') ? (JSON.parse(text) as string) : text;
      if (!pem.includes('BEGIN PUBLIC KEY'))
        throw new ZendeskUnavailable(`Zendesk (${account.subdomain}) answered no PEM public key for app ${appId}`);
      return pem;
    },
  };
}

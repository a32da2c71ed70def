import { describe, expect, it } from 'vitest';
import type { AccountConfig } from '../deps.ts';
import { SHOW_MANY_MAX, zendeskClient, ZendeskUnavailable } from './zendesk-client.ts';

const ACCOUNT = { subdomain: 'acme', appId: 1, apiUser: 'qa@acme.example', apiToken: 'secret' } as AccountConfig;

/** A Zendesk that knows users 1..999 as "User <id>", answers `users/show_many` as documented, and notes each call. */
function zendesk(failOnCall?: number) {
  const calls: string[][] = [];
  const fetch = async (url: string) => {
    const u = new URL(url);
    expect(u.pathname).toBe('/api/v2/users/show_many.json');
    const ids = u.searchParams.get('ids')!.split(',');
    calls.push(ids);
    if (calls.length === failOnCall) return new Response('busy', { status: 503 });
    if (ids.length > SHOW_MANY_MAX) return Response.json({ error: 'TooManyValues' }, { status: 400 });
    return Response.json({ users: ids.map(Number).flatMap((id) => (id < 1000 ? [{ id, name: `User ${id}`, role: 'agent' }] : [])) });
  };
  return { calls, client: zendeskClient(ACCOUNT, fetch) };
}

describe('zendeskClient.namesOf', () => {
  it('asks users/show_many 100 ids at a time, each id once, and leaves out the ids Zendesk does not know', async () => {
    const { calls, client } = zendesk();
    const ids = [...Array.from({ length: 250 }, (_, i) => 800 + i), 800, 801];
    const names = await client.namesOf(ids);
    expect(calls.map((c) => c.length)).toEqual([100, 100, 50]);
    expect(new Set(calls.flat()).size).toBe(250);
    expect(names.size).toBe(200);
    expect(names.get(999)).toBe('User 999');
    expect(names.has(1000)).toBe(false);
  });

  it('makes no request for no ids', async () => {
    const { calls, client } = zendesk();
    expect((await client.namesOf([])).size).toBe(0);
    expect(calls).toEqual([]);
  });

  it('says Zendesk is unavailable when a batch fails', async () => {
    const { client } = zendesk(2);
    await expect(client.namesOf(Array.from({ length: 150 }, (_, i) => i + 1))).rejects.toBeInstanceOf(ZendeskUnavailable);
  });
});

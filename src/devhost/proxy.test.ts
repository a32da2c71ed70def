/** Zendesk's request proxy: secure settings filled in only for secure requests, on whitelisted domains, in scope. */
import { describe, expect, it } from 'vitest';
import { createProxy } from './proxy.ts';
import { IDS } from './sample-data.ts';
import { createZendeskState } from './zendesk-state.ts';

const SERVICE = 'http://localhost:9999/partner';

function setup() {
  const state = createZendeskState({ settings: { partnerToken: 'tok-secret' } });
  const seen: Array<{ url: string; auth: string | null; body: string }> = [];
  let down = false;
  const proxy = createProxy({
    state,
    fetch: async (req) => {
      if (down) throw new TypeError('fetch failed');
      seen.push({ url: req.url, auth: req.headers.get('authorization'), body: await req.text() });
      return new Response(JSON.stringify({ ok: true }), { status: 201, headers: { 'content-type': 'application/json' } });
    },
    secureParameters: [{ name: 'partnerToken', scopes: ['header'] }],
    domainWhitelist: ['localhost'],
    baseUrl: () => 'http://localhost:9999',
  });
  return { state, seen, proxy, goDown: () => (down = true) };
}

const bearer = { Authorization: 'Bearer {{setting.partnerToken}}' };

describe('the proxy', () => {
  it('fills a secure setting into the header of a secure request, server-side', async () => {
    const { proxy, seen } = setup();
    const answer = await proxy(
      {
        url: `${SERVICE}/api/v1/scorecards?x=1`,
        type: 'POST',
        secure: true,
        headers: bearer,
        contentType: 'application/json',
        data: '{"a":1}',
      },
      IDS.users.rita,
    );
    expect(answer).toMatchObject({ status: 201, statusText: 'Created', responseText: '{"ok":true}' });
    expect(answer.headers['content-type']).toBe('application/json');
    expect(seen).toEqual([{ url: `${SERVICE}/api/v1/scorecards?x=1`, auth: 'Bearer tok-secret', body: '{"a":1}' }]);
  });

  it('leaves the placeholder alone when the request is not secure', async () => {
    const { proxy, seen } = setup();
    await proxy({ url: `${SERVICE}/api/v1/x`, headers: bearer }, IDS.users.rita);
    expect(seen[0]?.auth).toBe('Bearer {{setting.partnerToken}}');
  });

  it('does not fill a header-scoped secure setting into the body or URL', async () => {
    const { proxy, seen } = setup();
    await proxy(
      { url: `${SERVICE}/api/v1/x?t={{setting.partnerToken}}`, type: 'POST', secure: true, data: '{{setting.partnerToken}}' },
      IDS.users.rita,
    );
    expect(seen[0]?.body).toBe('{{setting.partnerToken}}');
    expect(decodeURIComponent(seen[0]?.url ?? '')).toContain('{{setting.partnerToken}}');
  });

  it('refuses a secure request to a domain outside the whitelist', async () => {
    const { proxy, seen } = setup();
    const answer = await proxy({ url: 'https://evil.example/steal', secure: true, headers: bearer }, IDS.users.rita);
    expect(answer.status).toBe(403);
    expect(seen).toHaveLength(0);
  });

  it('answers 502 when the remote cannot be reached', async () => {
    const { proxy, goDown, seen } = setup();
    goDown();
    const answer = await proxy({ url: `${SERVICE}/api/v1/x`, secure: true, headers: bearer }, IDS.users.rita);
    expect(answer.status).toBe(502);
    expect(seen).toHaveLength(0);
  });

  it('sends /api/v2 to the in-memory Zendesk as the signed-in user', async () => {
    const { proxy } = setup();
    const answer = await proxy({ url: '/api/v2/users/me.json' }, IDS.users.sam);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.responseText).user.name).toBe('Sam Support');
  });

  it('follows a next_page link (a full URL on the account) to the in-memory Zendesk as the signed-in user', async () => {
    const { proxy, seen } = setup();
    const first = JSON.parse((await proxy({ url: '/api/v2/users.json?per_page=3' }, IDS.users.sam)).responseText) as {
      next_page: string;
      users: unknown[];
    };
    expect(first.next_page).toBe('http://localhost:9999/api/v2/users.json?per_page=3&page=2');
    const second = await proxy({ url: first.next_page }, IDS.users.sam);
    expect(second.status).toBe(200);
    expect((JSON.parse(second.responseText) as { users: unknown[] }).users).toHaveLength(3);
    expect(seen).toHaveLength(0);
  });
});

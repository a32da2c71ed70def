/**
 * Attacks on identity (docs/decisions/015-identity-from-zendesk.md): every way of claiming to be someone else is
 * refused. The service believes only a JWT Zendesk signed (RS256, the app's key, known account and installation, in
 * time) and the session it hands out.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { QaRole } from '../../src/core/evaluation.ts';
import { apiDocument } from '../../src/server/openapi/publish.ts';
import { backends, countOf, useDb } from '../support/db.ts';
import {
  bootOf,
  caller,
  evaluationBody,
  LEAD_GROUP,
  publishedScorecard,
  REVIEWER_GROUP,
  signedLoad,
  tenants,
  type Tenant,
} from '../support/db-client.ts';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** The claims Zendesk would sign for `userId` of tenant `t`, with `over` replacing some. */
function claims(t: Tenant, userId: number, over: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: `${t.zendesk.subdomain}.zendesk.com`,
    aud: `https://${t.zendesk.subdomain}.zendesk.com/api/v2/apps/installations/${t.zendesk.installationId}.json`,
    sub: `https://${t.zendesk.subdomain}.zendesk.com/api/v2/users/${userId}.json`,
    iat: now,
    nbf: now,
    exp: now + 300,
    context: { product: 'support', location: 'ticket_sidebar' },
    ...over,
  };
}

const otherKey = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

/** A signed load's status, from its own client address (so one attack's failures do not throttle another). */
async function load(t: Tenant, token: string, page = 'ticket-sidebar.html', client = `192.0.2.${Math.floor(Math.random() * 250) + 1}`) {
  const res = await signedLoad(t.app, token, page, { 'x-forwarded-for': client });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

async function sessionOf(t: Tenant, userId: number): Promise<string> {
  const page = await load(t, await t.appToken(userId));
  expect(page.status, `${page.html} ${t.logged.join('; ')}`).toBe(200);
  return bootOf(page.html).session;
}

describe.each(backends())('identity on $name', (backend) => {
  const db = useDb(backend);

  it('serves a signed load with a session bound to the verified user and their Zendesk role; a GET or a missing token gets no page', async () => {
    const [a] = tenants(db());
    await a.session('reviewer', 2); // the account's policy names its reviewer and lead groups
    a.fake.setPerson(a.account, 40, { name: 'Rita Reviewer', role: 'agent', groupIds: [REVIEWER_GROUP] });
    const page = await load(a, await a.appToken(40));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(new RegExp(`^frame-ancestors .*https://${a.account}\\.zendesk\\.com`));
    expect(page.headers.get('cache-control')).toBe('no-store');
    const boot = bootOf(page.html);
    expect(boot.user).toEqual({ id: 40, name: 'Rita Reviewer', role: 'reviewer' });
    expect(boot.session).toMatch(new RegExp(`^s1\\.${a.account}\\.[A-Za-z0-9_-]{43}$`));
    // the secret is stored hashed only
    const stored = await db().query<{ j: string }>('SELECT row_to_json(s)::text AS j FROM sessions s WHERE account = $1', [a.account]);
    expect(stored.map((r) => r.j).join()).not.toContain(boot.session.split('.')[2]);
    const me = await caller(a.app, { authorization: `Bearer ${boot.session}` }).get('/me');
    expect(me.body).toEqual({ account: a.account, via: 'session', user: { id: 40, name: 'Rita Reviewer', role: 'reviewer' } });

    expect((await a.app.request('/app/ticket-sidebar.html')).status).toBe(401);
    const noToken = await a.app.request('/app/ticket-sidebar.html', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(noToken.status).toBe(401);
    expect(await noToken.text()).not.toContain('ticket-qa-boot');
    expect((await load(a, await a.appToken(40), 'no-such-page.html')).status).toBe(404);
  });

  it('refuses forged, foreign, expired and premature tokens', async () => {
    const [a, b] = tenants(db());
    await a.session('admin', 1);
    a.fake.setPerson(a.account, 41, { name: 'Alex Agent', role: 'agent', groupIds: [] });
    const now = Math.floor(Date.now() / 1000);
    const rs256 = (payload: Record<string, unknown>, key = otherKey()) =>
      new SignJWT(payload).setProtectedHeader({ alg: 'RS256' }).sign(key);
    const hs256 = (payload: Record<string, unknown>, secret: string) =>
      new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
    const good = await a.appToken(41);
    const [h, p] = good.split('.');
    const attacks: Array<[string, string | Promise<string>]> = [
      ['a signature by another key', rs256(claims(a, 41))],
      ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${p}.`],
      ['HS256 with a guessed secret', hs256(claims(a, 41), 'secret')],
      ['HS256 keyed with the app public key', hs256(claims(a, 41), a.zendesk.publicKeyPem)],
      [
        'a payload changed after signing',
        `${h}.${b64({ ...claims(a, 41), sub: `https://${a.account}.zendesk.com/api/v2/users/1.json` })}.${good.split('.')[2]}`,
      ],
      ['an expired token', a.appToken(41, {}).then(() => signAs(a, { iat: now - 900, nbf: now - 900, exp: now - 600 }))],
      ['a token not valid yet', signAs(a, { nbf: now + 600, iat: now, exp: now + 900 })],
      ['a token issued in the future', signAs(a, { iat: now + 600, nbf: now, exp: now + 900 })],
      ['a token that lives for a day', signAs(a, { iat: now, nbf: now, exp: now + 86_400 })],
      ['an unknown account', signAs(a, { iss: 'evil.zendesk.com' })],
      ['another installation', signAs(a, { aud: `https://${a.account}.zendesk.com/api/v2/apps/installations/999.json` })],
      [
        'account B\u2019s installation under A',
        signAs(a, { aud: `https://${b.account}.zendesk.com/api/v2/apps/installations/${b.zendesk.installationId}.json` }),
      ],
      ['a user of another account', signAs(a, { sub: `https://${b.account}.zendesk.com/api/v2/users/41.json` })],
      ['no user', signAs(a, { sub: undefined })],
      ['the nav bar token on the sidebar page', a.appToken(41, { location: 'nav_bar' })],
      ['not a JWT', 'hello'],
    ];
    for (const [what, token] of attacks) {
      const res = await load(a, await token);
      expect(res.status, what).toBe(401);
      expect(res.html, what).not.toContain('ticket-qa-boot');
    }
    expect(await countOf(db(), 'SELECT count(*) AS n FROM sessions WHERE account = $1 AND user_id = 41', [a.account])).toBe(0);
    // the genuine token works (the attacks failed on their own fault, not on a broken setup)
    expect((await load(a, good)).status).toBe(200);
  });

  it('opens the background page with a background token, and no other page with it', async () => {
    const [a] = tenants(db());
    await a.session('admin', 1);
    a.fake.setPerson(a.account, 42, { name: 'Sam Support', role: 'agent', groupIds: [] });
    const background = await a.appToken(42, { location: 'background' });
    const page = await load(a, background, 'background.html');
    expect(page.status, page.html).toBe(200);
    expect(bootOf(page.html).user).toEqual({ id: 42, name: 'Sam Support', role: 'agent' });
    const [row] = await db().query<{ location: string }>('SELECT location FROM sessions WHERE account = $1 AND user_id = 42', [a.account]);
    expect(row?.location).toBe('background');
    // a background token is for the background page only, and the sidebar's token does not open the background
    for (const [token, other] of [
      [background, 'ticket-sidebar.html'],
      [background, 'nav-bar.html'],
      [await a.appToken(42), 'background.html'],
    ] as const) {
      const refused = await load(a, token, other);
      expect(refused.status, other).toBe(401);
      expect(refused.html).not.toContain('ticket-qa-boot');
    }
    expect(await countOf(db(), 'SELECT count(*) AS n FROM sessions WHERE account = $1 AND user_id = 42', [a.account])).toBe(1);
  });

  it('refuses end users and suspended agents, and answers 503 (no session) while Zendesk cannot say who someone is', async () => {
    const [a] = tenants(db());
    a.fake.setPerson(a.account, 60, { name: 'Carla Customer', role: 'end-user', groupIds: [] });
    a.fake.setPerson(a.account, 61, { name: 'Sid Suspended', role: 'agent', groupIds: [], suspended: true });
    expect((await load(a, await a.appToken(60))).status).toBe(403);
    expect((await load(a, await a.appToken(61))).status).toBe(403);
    expect((await load(a, await a.appToken(62))).status).toBe(403); // unknown to Zendesk
    a.fake.setPerson(a.account, 63, { name: 'Ann Agent', role: 'agent', groupIds: [] });
    a.fake.failWith = 503;
    expect((await load(a, await a.appToken(63))).status).toBe(503);
    a.fake.failWith = null;
    expect((await load(a, await a.appToken(63))).status).toBe(200);
  });

  it('ignores user and role headers, and names the verified user in the audit log', async () => {
    const [a] = tenants(db());
    const id = await publishedScorecard(a);
    const agent = a.as('agent', 50);
    const claimed = { 'x-qa-user-id': '1', 'x-qa-role': 'admin' };
    const me = await agent.raw('/me', { headers: claimed });
    expect(((await me.json()) as { user: unknown }).user).toMatchObject({ id: 50, role: 'agent' });
    expect(
      (await agent.raw('/scorecards', { method: 'POST', headers: { ...claimed, 'content-type': 'application/json' }, body: '{}' })).status,
    ).toBe(403);
    const ev = evaluationBody(id, { revieweeId: 51 });
    const created = await a
      .as('reviewer', 2)
      .raw('/evaluations', { method: 'POST', headers: { ...claimed, 'content-type': 'application/json' }, body: JSON.stringify(ev) });
    expect(created.status).toBe(201);
    const [row] = await db().query<{ actor_id: number; actor_role: string }>(
      "SELECT actor_id, actor_role FROM audit_log WHERE account = $1 AND action = 'evaluation.create'",
      [a.account],
    );
    expect(row).toEqual({ actor_id: 2, actor_role: 'reviewer' });
  });

  it('answers 403 to an agent on every staff route', async () => {
    const [a] = tenants(db());
    const agent = a.as('agent', 50);
    // the roles each route declares, as the document states them (x-roles)
    const doc = apiDocument(a.app) as unknown as { paths: Record<string, Record<string, { 'x-roles'?: QaRole[] }>> };
    const staffOnly = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op['x-roles'] && !op['x-roles'].includes('agent') && path.startsWith('/api/v1'))
        .map(([method]) => ({ method, path: path.replace(/\{(\w+)\}/g, ':$1') })),
    );
    expect(staffOnly.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const op of staffOnly) {
      const path = op.path
        .replace('/api/v1', '')
        .replace(/:(\w+)/g, (_m, name: string) => (/id$/i.test(name) && name !== 'userId' ? randomUUID() : '7'));
      const res = await agent.raw(path, {
        method: op.method.toUpperCase(),
        ...(op.method === 'get' || op.method === 'delete' ? {} : { body: '{}', headers: { 'content-type': 'application/json' } }),
      });
      if (res.status !== 403) wrong.push(`${op.method} ${op.path}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
    expect(a.logged).toEqual([]);
  });

  it('ends sessions: sign out, an admin ending someone’s sessions, a person leaving the QA groups, a session of another account', async () => {
    const [a, b] = tenants(db(), { limits: { roleTtlSeconds: 0 } });
    await a.session('admin', 1);
    a.fake.setPerson(a.account, 70, { name: 'Rita', role: 'agent', groupIds: [REVIEWER_GROUP] });
    const first = await sessionOf(a, 70);
    const as = (secret: string) => caller(a.app, { authorization: `Bearer ${secret}`, 'x-forwarded-for': '198.51.100.7' });
    expect((await as(first).get('/me')).body.user.role).toBe('reviewer');
    // sign out: the same secret replayed is refused
    expect((await as(first).delete('/sessions/current')).status).toBe(204);
    expect((await as(first).get('/me')).status).toBe(401);
    // an admin ends all of a person's sessions
    const second = await sessionOf(a, 70);
    expect((await a.as('admin', 1).delete('/sessions/users/70')).body).toEqual({ revoked: 1 });
    expect((await as(second).get('/me')).status).toBe(401);
    // the role follows Zendesk: moved out of the reviewer group, then made an end user
    const third = await sessionOf(a, 70);
    a.fake.setPerson(a.account, 70, { name: 'Rita', role: 'agent', groupIds: [LEAD_GROUP] });
    expect((await as(third).get('/me')).body.user.role).toBe('lead');
    a.fake.setPerson(a.account, 70, { name: 'Rita', role: 'end-user', groupIds: [] });
    expect((await as(third).get('/me')).status).toBe(401);
    // A's session with B's name on it, and B's session on A's data
    const fourth = await b.session('admin', 1);
    const swapped = fourth.replace(`s1.${b.account}.`, `s1.${a.account}.`);
    expect((await as(swapped).get('/me')).status).toBe(401);
    expect((await caller(a.app, { authorization: `Bearer ${fourth}` }).get('/me')).body).toMatchObject({ account: b.account });
  });

  it('expires sessions after the idle time and at the hard maximum', async () => {
    let now = Date.now();
    const authClock = { now: () => new Date(now) };
    const [a] = tenants(db(), { authClock, limits: { sessionIdleMinutes: 30, sessionMaxHours: 2 } });
    a.fake.setPerson(a.account, 80, { name: 'Ann', role: 'agent', groupIds: [] });
    const idle = caller(a.app, { authorization: `Bearer ${await sessionOf(a, 80)}` });
    const busy = caller(a.app, { authorization: `Bearer ${await sessionOf(a, 80)}` });
    const at = async (minutes: number, who: typeof idle) => {
      now = start + minutes * 60_000;
      return (await who.get('/me')).status;
    };
    const start = now;
    expect(await at(25, busy)).toBe(200);
    expect(await at(29, idle)).toBe(200); // used: its idle expiry slides to minute 59
    expect(await at(50, busy)).toBe(200);
    expect(await at(75, busy)).toBe(200);
    expect(await at(90, idle)).toBe(401); // 31 idle minutes
    expect(await at(100, busy)).toBe(200);
    expect(await at(121, busy)).toBe(401); // past the 2 hour maximum, however busy
  });

  it('throttles failed sign-ins per client and per account with 429 and Retry-After', async () => {
    const [a, b] = tenants(db(), { limits: { failuresPerClient: 5, failuresPerAccount: 8 } });
    const wrong = (client: string) =>
      caller(a.app, { authorization: `Bearer s1.${a.account}.${'x'.repeat(43)}`, 'x-forwarded-for': client }).get('/me');
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await wrong('203.0.113.1')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const limited = await wrong('203.0.113.1');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // a second client of the same account: its own budget until the account's is spent (5 + 3 = 8)
    expect([
      (await wrong('203.0.113.2')).status,
      (await wrong('203.0.113.2')).status,
      (await wrong('203.0.113.2')).status,
      (await wrong('203.0.113.2')).status,
    ]).toEqual([401, 401, 401, 429]);
    // forged signed loads count too
    const forged = await load(
      a,
      await new SignJWT(claims(a, 1)).setProtectedHeader({ alg: 'RS256' }).sign(otherKey()),
      'ticket-sidebar.html',
      '203.0.113.1',
    );
    expect(forged.status).toBe(429);
    // another account is not affected
    expect((await b.as('admin', 1).get('/me')).status).toBe(200);
  });

  it('lets admins create read-only API keys, shown once, stored hashed, revocable and audited', async () => {
    const [a] = tenants(db());
    const admin = a.as('admin', 1);
    expect((await a.as('lead', 3).post('/api-keys', { name: 'BI', role: 'lead' })).status).toBe(403);
    expect((await admin.post('/api-keys', { name: '', role: 'lead' })).status).toBe(400);
    expect((await admin.post('/api-keys', { name: 'BI', role: 'reviewer' })).status).toBe(400);
    const created = await admin.post('/api-keys', { name: 'BI export', role: 'lead' });
    expect(created.status, JSON.stringify(a.logged)).toBe(201);
    const { secret, key } = created.body as { secret: string; key: { id: string; prefix: string } };
    // 32 random bytes after the account
    expect(Buffer.from(secret.split('.')[2]!, 'base64url').length).toBe(32);
    expect(JSON.stringify((await admin.get('/api-keys')).body)).not.toContain(secret.split('.')[2]);
    const stored = await db().query<{ j: string }>('SELECT row_to_json(k)::text AS j FROM api_keys k WHERE account = $1', [a.account]);
    expect(stored[0]!.j).not.toContain(secret.split('.')[2]);

    const machine = caller(a.app, { authorization: `Bearer ${secret}` });
    expect((await machine.get('/reports/summary')).status, JSON.stringify(a.logged)).toBe(200);
    expect((await machine.get('/me')).body).toMatchObject({ via: 'api-key', user: { role: 'lead', name: 'BI export' } });
    expect((await machine.post('/scorecards', {})).status).toBe(403);
    expect((await machine.get('/api-keys')).status).toBe(403);
    expect((await admin.delete(`/api-keys/${key.id}`)).status).toBe(200);
    expect((await machine.get('/reports/summary')).status).toBe(401);
    const actions = await db().query<{ action: string }>(
      "SELECT action FROM audit_log WHERE account = $1 AND entity = 'api-key' ORDER BY seq",
      [a.account],
    );
    expect(actions.map((r) => r.action)).toEqual(['api-key.create', 'api-key.revoke']);
  });

  it('decides reviewers and leads by the Zendesk groups the account policy names', async () => {
    const [a] = tenants(db());
    const admin = a.as('admin', 1);
    await admin.get('/me');
    a.fake.setPerson(a.account, 90, { name: 'Gus', role: 'agent', groupIds: [555] });
    expect(bootOf((await load(a, await a.appToken(90))).html).user.role).toBe('agent');
    const set = await admin.put('/policy', { reviewerGroupIds: [555] });
    expect(set.body).toMatchObject({ reviewerGroupIds: [555], leadGroupIds: [LEAD_GROUP] });
    expect(bootOf((await load(a, await a.appToken(90))).html).user.role).toBe('reviewer');
    expect((await a.as('agent', 50).put('/policy', { leadGroupIds: [555] })).status).toBe(403);
  });
});

/** A token for user 41 of `a`, signed with the app's real key but with claims replaced. */
function signAs(a: Tenant, over: Record<string, unknown>): Promise<string> {
  return a.appTokenWith(claims(a, 41, over));
}

import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { QaRole } from '../../src/core/evaluation.ts';
import type { ScorecardDefinitionInput } from '../../src/core/scorecard.ts';
import { newAppKeyPair, signAppToken, type AppKeyPair, type AppTokenClaims } from '../../src/devhost/app-token.ts';
import { createApp } from '../../src/server/app.ts';
import type { Db } from '../../src/server/db/db.ts';
import { systemClock, type AppDeps, type AppFiles, type AuthLimits, type Clock } from '../../src/server/deps.ts';
import { loggerOf, type LogEntry } from '../../src/server/log.ts';
import { policyOf, savePolicy } from '../../src/server/store/policies.ts';
import { fakeZendesk, type FakeAccount, type FakePerson, type FakeZendesk } from './zendesk-fake.ts';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface Caller {
  get<T = any>(path: string): Promise<Reply<T>>;
  post<T = any>(path: string, body?: unknown): Promise<Reply<T>>;
  put<T = any>(path: string, body?: unknown): Promise<Reply<T>>;
  delete<T = any>(path: string): Promise<Reply<T>>;
  /** A raw request with the caller's headers plus `init.headers`. */
  raw(path: string, init?: RequestInit): Promise<Response>;
}

/** A clock that moves one second per reading, so creation order is strict and repeatable. */
export function steppingClock(start = Date.parse('2026-03-02T09:00:00Z')): Clock {
  let t = start;
  return { now: () => new Date((t += 1000)) };
}

export interface Tenant {
  account: string;
  app: ReturnType<typeof createApp>;
  /** Requests as user `userId` of this account, whom the fake Zendesk gives the Zendesk role and groups of `role`. */
  as(role: QaRole, userId: number): Caller;
  /** The session secret of that user (signed in through a Zendesk-signed load on first use). */
  session(role: QaRole, userId: number): Promise<string>;
  /** The account's key pair, installation and API credential, as Zendesk and QA_ACCOUNTS hold them. */
  zendesk: FakeAccount;
  /** The fake Zendesk API the service asks who people are. */
  fake: FakeZendesk;
  /** A token as Zendesk signs it for a location load of `userId` (sign in with `signIn`). */
  appToken(userId: number, over?: Partial<AppTokenClaims>): Promise<string>;
  /** Any claims, signed RS256 with the app's real key (to try claims Zendesk would never sign). */
  appTokenWith(payload: Record<string, unknown>): Promise<string>;
  /** What the app logged, one line each (`error request failed {"requestId":...}`). */
  logged: string[];
  /** The same entries as the logger port received them. */
  logEntries: LogEntry[];
}

export interface TenantOptions {
  clock?: Clock;
  /** Serve this tenant's account again (e.g. on a reopened database). */
  same?: Tenant;
  /** Session and throttling figures (defaults: sessions that outlive the test's clock jumps). */
  limits?: Partial<AuthLimits>;
  /** The clock of sign-ins and sessions (default: the real one, whatever `clock` says). */
  authClock?: Clock;
  /** Bounds on heavy work and how /healthz checks (the app's defaults otherwise). */
  bounds?: Pick<AppDeps, 'heavy' | 'heavyDb' | 'health'>;
}

/** Zendesk groups the test accounts' policy names for reviewers and leads. */
export const REVIEWER_GROUP = 9001;
export const LEAD_GROUP = 9002;

/** Zendesk's side of a role: admins by Zendesk role, leads and reviewers by group. */
export function personFor(role: QaRole, userId: number): FakePerson {
  const name = `${role[0]!.toUpperCase()}${role.slice(1)} ${userId}`;
  if (role === 'admin') return { name, role: 'admin', groupIds: [] };
  return { name, role: 'agent', groupIds: role === 'lead' ? [LEAD_GROUP] : role === 'reviewer' ? [REVIEWER_GROUP] : [] };
}

const PAGE = '<!doctype html><html><head><title>t</title></head><body></body></html>';
/** The built app's pages, as far as the service needs them to sign someone in. */
const testPages: AppFiles = async (path) =>
  /^(ticket-sidebar|nav-bar|background)\.html$/.test(path) ? { body: new TextEncoder().encode(PAGE), type: 'text/html' } : null;

let keyPair: AppKeyPair | undefined;
const keys = () => (keyPair ??= newAppKeyPair());

/** The session in a location page the service served. */
export function bootOf(html: string): { session: string; user: { id: number; role: string; name: string } } {
  const m = /<script type="application\/json" id="ticket-qa-boot">(.*?)<\/script>/.exec(html);
  if (!m) throw new Error(`no boot in the page: ${html.slice(0, 300)}`);
  return JSON.parse(m[1]!);
}

/** POSTs a signed token as Zendesk does for a location; resolves the page's response. */
export function signedLoad(
  app: ReturnType<typeof createApp>,
  token: string,
  page = 'ticket-sidebar.html',
  headers: Record<string, string> = {},
): Promise<Response> {
  return Promise.resolve(
    app.request(`/app/${page}?origin=https%3A%2F%2Fexample.zendesk.com&app_guid=${randomUUID()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ token }).toString(),
    }),
  );
}

/** A fresh random account (its own tenant) on `db`, and a second one on the same app to check isolation. */
export function tenants(db: Db, options: TenantOptions = {}): [Tenant, Tenant] {
  const names = [0, 1].map(() => `t${randomBytes(6).toString('hex')}`);
  if (options.same) names[0] = options.same.account;
  const accounts: FakeAccount[] = names.map((subdomain, i) => ({
    subdomain,
    appId: 1001,
    installationId: 2001 + i,
    apiUser: `qa-service@${subdomain}.example.com`,
    apiToken: randomBytes(30).toString('base64url'),
    publicKeyPem: keys().publicKeyPem,
  }));
  if (options.same) accounts[0] = options.same.zendesk;
  const fake = options.same?.fake ?? fakeZendesk(accounts);
  const logEntries: LogEntry[] = [];
  const logged: string[] = [];
  const logger = loggerOf((entry) => {
    logEntries.push(entry);
    const { level, msg, ...fields } = entry;
    logged.push(`${level} ${msg} ${JSON.stringify(fields)}`);
  });
  const app = createApp({
    db,
    clock: options.clock ?? steppingClock(),
    accounts: accounts.map(({ publicKeyPem: _key, ...a }) => a),
    zendeskFetch: fake.fetch,
    appFiles: testPages,
    authClock: options.authClock ?? systemClock,
    trustProxy: true,
    limits: { sessionIdleMinutes: 10_000_000, sessionMaxHours: 1_000_000, roleTtlSeconds: 1_000_000_000, ...options.limits },
    ...options.bounds,
    logger,
  });
  const make = (i: number): Tenant => {
    const zendesk = accounts[i]!;
    const client = `10.0.${i}.${Math.floor(Math.random() * 250) + 1}`;
    const appToken = (userId: number, over: Partial<AppTokenClaims> = {}) =>
      signAppToken(keys().privateKey, {
        subdomain: zendesk.subdomain,
        appId: zendesk.appId,
        installationId: zendesk.installationId,
        userId,
        location: 'ticket_sidebar',
        ...over,
      });
    let policySet: Promise<void> | undefined;
    const sessions = new Map<string, Promise<string>>();
    const sessionOf = (role: QaRole, userId: number) => {
      const key = `${role}/${userId}`;
      let s = sessions.get(key);
      if (!s) {
        s = (async () => {
          // the account's policy names the test groups once (as an admin would in the nav bar)
          await (policySet ??= (async () => {
            const p = await policyOf(db, zendesk.subdomain);
            if (!p.reviewerGroupIds.length)
              await savePolicy(
                db,
                zendesk.subdomain,
                { ...p, reviewerGroupIds: [REVIEWER_GROUP], leadGroupIds: [LEAD_GROUP] },
                new Date(),
                0,
              );
          })());
          fake.setPerson(zendesk.subdomain, userId, personFor(role, userId));
          const res = await signedLoad(app, await appToken(userId), 'ticket-sidebar.html', { 'x-forwarded-for': client });
          if (res.status !== 200) throw new Error(`sign-in of ${role} ${userId}: ${res.status} ${await res.text()} ${logged.join('; ')}`);
          return bootOf(await res.text()).session;
        })();
        sessions.set(key, s);
      }
      return s;
    };
    return {
      account: zendesk.subdomain,
      app,
      zendesk,
      fake,
      appToken,
      appTokenWith: (payload) => new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT' }).sign(keys().privateKey),
      logged,
      logEntries,
      session: sessionOf,
      as: (role, userId) =>
        caller(app, async () => ({ authorization: `Bearer ${await sessionOf(role, userId)}`, 'x-forwarded-for': client })),
    };
  };
  return [make(0), make(1)];
}

export const tenant = (db: Db, options: TenantOptions = {}): Tenant => tenants(db, options)[0];

export function caller(
  app: ReturnType<typeof createApp>,
  headers: Record<string, string> | (() => Promise<Record<string, string>>),
): Caller {
  const raw = async (path: string, init: RequestInit = {}) =>
    app.request(`/api/v1${path}`, {
      ...init,
      headers: { ...(typeof headers === 'function' ? await headers() : headers), ...(init.headers as Record<string, string>) },
    });
  const call = async (method: string, path: string, body?: unknown): Promise<Reply> => {
    const res = await raw(path, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    get: (p) => call('GET', p),
    post: (p, b) => call('POST', p, b),
    put: (p, b) => call('PUT', p, b),
    delete: (p) => call('DELETE', p),
    raw,
  };
}

/** A small scorecard: a binary criterion, a 3-point one with a required comment at 0, a critical one, an N/A-able one. */
export function sampleScorecard(name = 'Email support'): ScorecardDefinitionInput {
  return {
    name,
    method: 'weighted-criteria',
    passThreshold: 80,
    appliesTo: { channels: ['email'] },
    sections: [
      {
        id: 'solution',
        name: 'Solution',
        criteria: [
          { id: 'offered', label: 'Solution offered', weight: 2, scale: { preset: 'binary' }, rootCauses: ['Knowledge gap', 'Process'] },
          { id: 'tone', label: 'Tone', weight: 1, scale: { preset: '3-point' }, commentRequiredAtOrBelow: 0, allowNA: true },
        ],
      },
      {
        id: 'compliance',
        name: 'Compliance',
        criteria: [{ id: 'identity', label: 'Identity checked', weight: 1, scale: { preset: 'binary' }, critical: { effect: 'zero' } }],
      },
    ],
  };
}

/** Answers to `sampleScorecard`: all top marks unless overridden. */
export function sampleAnswers(over: Partial<Record<'offered' | 'tone' | 'identity', object>> = {}) {
  return [
    { criterionId: 'offered', rating: 1, ...over.offered },
    { criterionId: 'tone', rating: 2, ...over.tone },
    { criterionId: 'identity', rating: 1, ...over.identity },
  ];
}

/** Creates and publishes `sampleScorecard` as an admin; returns its id. */
export async function publishedScorecard(t: Tenant, definition = sampleScorecard()): Promise<string> {
  const admin = t.as('admin', 1);
  const created = await admin.post('/scorecards', definition);
  if (created.status !== 201) throw new Error(`create scorecard: ${created.status} ${JSON.stringify(created.body)}`);
  const published = await admin.post(`/scorecards/${created.body.id}/publish`);
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  return created.body.id as string;
}

export function evaluationBody(scorecardId: string, over: Record<string, unknown> = {}) {
  return { id: randomUUID(), ticketId: 1001, revieweeId: 50, scorecardId, scorecardVersion: 1, answers: sampleAnswers(), ...over };
}

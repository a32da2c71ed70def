import { randomBytes, randomUUID } from 'node:crypto';
import type { QaRole } from '../../src/core/evaluation.ts';
import type { ScorecardDefinitionInput } from '../../src/core/scorecard.ts';
import { createApp } from '../../src/server/app.ts';
import type { Db } from '../../src/server/db/db.ts';
import type { Clock, Log } from '../../src/server/deps.ts';

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
  token: string;
  app: ReturnType<typeof createApp>;
  /** Requests as `role` user `userId` of this account. */
  as(role: QaRole, userId: number): Caller;
  /** Messages the app logged (server errors). */
  logged: string[];
}

export interface TenantOptions {
  clock?: Clock;
  /** Serve this tenant's account and token again (e.g. on a reopened database). */
  same?: Tenant;
}

/** A fresh random account (its own tenant) on `db`, and a second one on the same app to check isolation. */
export function tenants(db: Db, options: TenantOptions = {}): [Tenant, Tenant] {
  const names = [0, 1].map(() => `t${randomBytes(6).toString('hex')}`);
  const tokens = names.map(() => randomBytes(18).toString('base64url'));
  if (options.same) {
    names[0] = options.same.account;
    tokens[0] = options.same.token;
  }
  const logged: string[] = [];
  const log: Log = (message, error) => logged.push(`${message} ${error instanceof Error ? error.message : String(error ?? '')}`);
  const app = createApp({
    db,
    clock: options.clock ?? steppingClock(),
    accounts: Object.fromEntries(names.map((n, i) => [n, tokens[i]!])),
    log,
  });
  const make = (i: number): Tenant => ({
    account: names[i]!,
    token: tokens[i]!,
    app,
    logged,
    as: (role, userId) => caller(app, { authorization: `Bearer ${tokens[i]}`, 'x-qa-user-id': String(userId), 'x-qa-role': role }),
  });
  return [make(0), make(1)];
}

export const tenant = (db: Db, options: TenantOptions = {}): Tenant => tenants(db, options)[0];

export function caller(app: ReturnType<typeof createApp>, headers: Record<string, string>): Caller {
  const raw = (path: string, init: RequestInit = {}) =>
    Promise.resolve(app.request(`/api/v1${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } }));
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

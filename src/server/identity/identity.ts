/**
 * Who is asking, decided by the service alone: a signed location load becomes a session; a session or an API key
 * becomes an Actor, with the role resolved from Zendesk (role and group memberships) and the account's policy.
 * The browser's word is never taken: no header names a user or a role.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { QaRole } from '../../core/evaluation.ts';
import { qaRoleOf } from '../../core/roles.ts';
import type { Db } from '../db/db.ts';
import type { AccountConfig, AuthLimits, Clock, Fetch } from '../deps.ts';
import type { Logger } from '../log.ts';
import { ApiError, forbidden, unauthorized } from '../errors.ts';
import { apiKeyByHash, touchApiKey } from '../store/api-keys.ts';
import { saveNames } from '../store/people-names.ts';
import { policyOf } from '../store/policies.ts';
import {
  deleteDeadSessions,
  insertSession,
  revokeSession,
  sessionByHash,
  touchSession,
  updateSessionRole,
  type SessionRow,
} from '../store/sessions.ts';
import { createThrottle, type Throttle } from './throttle.ts';
import { zendeskClient, ZendeskUnavailable, type ZendeskClient } from './zendesk-client.ts';
import { TokenRefused, verifyZendeskToken, zendeskKeySource, type KeySource } from './zendesk-token.ts';

/** The verified caller of a request. */
export interface Actor {
  account: string;
  /** The Zendesk user; 0 for an API key (which names no one and may only read). */
  userId: number;
  role: QaRole;
  /** The user's name as Zendesk has it, or the API key's name. */
  name: string;
  via: 'session' | 'api-key';
  /** The session or API key id (never its secret). */
  credentialId: string;
}

export const DEFAULT_LIMITS: AuthLimits = {
  sessionIdleMinutes: 120,
  sessionMaxHours: 12,
  roleTtlSeconds: 300,
  failuresPerClient: 20,
  failuresPerAccount: 300,
};

/** Opaque secrets: `<kind>1.<account>.<43 base64url chars>`; the account lets failures be counted per account. */
const SECRET = /^(s|k)1\.([a-z0-9-]{1,63})\.([A-Za-z0-9_-]{43})$/;

/**
 * The account a session or API key names (`Bearer s1.<account>.…`), not verified: only for refusing early (a busy
 * account's heavy requests, decision 018), never for granting anything.
 */
export function claimedAccount(authorization: string | undefined): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return bearer ? SECRET.exec(bearer[1]!)?.[2] : undefined;
}
export const newSecret = (kind: 's' | 'k', account: string) => `${kind}1.${account}.${randomBytes(32).toString('base64url')}`;
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest();

export interface StartedSession {
  secret: string;
  session: SessionRow;
}

export interface Identity {
  /** A verified signed load of `location` becomes a session; TokenRefused, 403 (no QA role) or 503 (Zendesk down) otherwise. */
  startSession(token: string, location: string, client: string): Promise<StartedSession>;
  /** The Actor of `Authorization: Bearer <secret>`; 401/403/429 otherwise. */
  authenticate(authorization: string | undefined, method: string, client: string): Promise<Actor>;
  revoke(actor: Actor): Promise<void>;
  throttle: Throttle;
  accounts: readonly AccountConfig[];
}

export function createIdentity(deps: {
  db: Db;
  clock: Clock;
  accounts: readonly AccountConfig[];
  fetch: Fetch;
  limits: AuthLimits;
  logger: Logger;
  keys?: KeySource;
}): Identity {
  const { db, clock, accounts, limits, logger } = deps;
  const clients = new Map<string, ZendeskClient>();
  const clientOf = (a: AccountConfig) => {
    let c = clients.get(a.subdomain);
    if (!c) clients.set(a.subdomain, (c = zendeskClient(a, deps.fetch)));
    return c;
  };
  const keys = deps.keys ?? zendeskKeySource(clientOf);
  const throttle = createThrottle(db, clock, { perClient: limits.failuresPerClient, perAccount: limits.failuresPerAccount });
  const accountNamed = (subdomain: string) => accounts.find((a) => a.subdomain === subdomain);

  /**
   * The QA role of a Zendesk user now; null when they have none (end user, suspended, unknown). The name Zendesk gave
   * is kept for the exports' name columns (services/people-names.ts).
   */
  async function resolve(account: AccountConfig, userId: number): Promise<{ role: QaRole; name: string } | null> {
    const [person, policy] = await Promise.all([clientOf(account).person(userId), policyOf(db, account.subdomain)]);
    if (person) await saveNames(db, account.subdomain, [{ userId, name: person.name }], clock.now());
    if (!person?.active) return null;
    const role = qaRoleOf(person, policy);
    return role ? { role, name: person.name } : null;
  }

  const unavailable = (e: ZendeskUnavailable) => {
    logger.warn('identity: Zendesk unavailable', { reason: e.message });
    return new ApiError(503, 'Zendesk could not confirm who you are right now: try again in a minute');
  };

  async function startSession(token: string, location: string, client: string): Promise<StartedSession> {
    await throttle.check(client);
    const now = clock.now();
    let verified: Awaited<ReturnType<typeof verifyZendeskToken>>;
    try {
      verified = await verifyZendeskToken(token, accounts, keys, now);
    } catch (e) {
      if (e instanceof TokenRefused) {
        // the reason goes to the log for the operator, never to the caller
        logger.warn('identity: refused a signed load', { ...(e.account ? { account: e.account } : {}), reason: e.message });
        await throttle.fail(client, e.account);
        throw e;
      }
      if (e instanceof ZendeskUnavailable) throw unavailable(e);
      throw e;
    }
    const { account, installationId, userId } = verified;
    await throttle.check(client, account.subdomain);
    if (verified.location !== null && verified.location !== location) {
      await throttle.fail(client, account.subdomain);
      throw new TokenRefused(`the token is for ${verified.location}, not ${location}`, account.subdomain);
    }
    let who: Awaited<ReturnType<typeof resolve>>;
    try {
      who = await resolve(account, userId);
    } catch (e) {
      if (e instanceof ZendeskUnavailable) throw unavailable(e);
      throw e;
    }
    if (!who) throw forbidden('Ticket QA is for the agents and admins of this Zendesk account');
    const secret = newSecret('s', account.subdomain);
    const session: SessionRow = {
      id: randomUUID(),
      account: account.subdomain,
      installationId,
      userId,
      location,
      userName: who.name,
      role: who.role,
      roleCheckedAt: now,
      lastSeenAt: now,
      idleExpiresAt: new Date(now.getTime() + limits.sessionIdleMinutes * 60_000),
      hardExpiresAt: new Date(now.getTime() + limits.sessionMaxHours * 3_600_000),
      revokedAt: null,
    };
    await insertSession(db, hashSecret(secret), { ...session, createdAt: now });
    // housekeeping rides on sign-ins, which are rare next to requests
    if (Math.random() < 0.05) await deleteDeadSessions(db, new Date(now.getTime() - 86_400_000));
    return { secret, session };
  }

  async function sessionActor(session: SessionRow, account: AccountConfig): Promise<Actor> {
    const now = clock.now();
    if (session.revokedAt) throw unauthorized('your session was ended: reopen the app in Zendesk');
    if (session.idleExpiresAt <= now || session.hardExpiresAt <= now) throw unauthorized('your session expired: reopen the app in Zendesk');
    let { role, userName } = session;
    if (now.getTime() - session.roleCheckedAt.getTime() > limits.roleTtlSeconds * 1000) {
      try {
        const who = await resolve(account, session.userId);
        if (!who) {
          await revokeSession(db, session.account, session.id, now);
          throw unauthorized('your Zendesk account no longer gives you access to Ticket QA');
        }
        ({ role } = who);
        userName = who.name;
        await updateSessionRole(db, session.id, role, userName, now);
      } catch (e) {
        // Zendesk unreachable: keep the role it last confirmed (at most one idle period old) rather than lock everyone out
        if (!(e instanceof ZendeskUnavailable)) throw e;
        logger.warn('identity: Zendesk unavailable; keeping the role it confirmed last', { account: session.account, reason: e.message });
      }
    }
    if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
      await touchSession(db, session.id, now, new Date(now.getTime() + limits.sessionIdleMinutes * 60_000));
    }
    return { account: session.account, userId: session.userId, role, name: userName, via: 'session', credentialId: session.id };
  }

  async function authenticate(authorization: string | undefined, method: string, client: string): Promise<Actor> {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!bearer) throw unauthorized('sign in by opening the app in Zendesk (no session was sent)');
    const secret = bearer[1]!;
    const shape = SECRET.exec(secret);
    const account = shape ? accountNamed(shape[2]!) : undefined;
    await throttle.check(client, account?.subdomain);
    const refuse = async (): Promise<never> => {
      await throttle.fail(client, account?.subdomain);
      throw unauthorized('unknown session or API key');
    };
    if (!shape || !account) return refuse();
    const hash = hashSecret(secret);
    if (shape[1] === 's') {
      const session = await sessionByHash(db, hash);
      if (!session || session.account !== account.subdomain) return refuse();
      return sessionActor(session, account);
    }
    const key = await apiKeyByHash(db, account.subdomain, hash);
    if (!key) return refuse();
    if (key.revokedAt) throw unauthorized('this API key was revoked');
    if (method !== 'GET' && method !== 'HEAD') throw forbidden('API keys may only read: sign in through Zendesk to change anything');
    await touchApiKey(db, key.id, clock.now());
    return { account: account.subdomain, userId: 0, role: key.role, name: key.name, via: 'api-key', credentialId: key.id };
  }

  return {
    startSession,
    authenticate,
    async revoke(actor) {
      if (actor.via === 'session') await revokeSession(db, actor.account, actor.credentialId, clock.now());
    },
    throttle,
    accounts,
  };
}

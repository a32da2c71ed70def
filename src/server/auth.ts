import type { Context, MiddlewareHandler } from 'hono';
import type { QaRole } from '../core/evaluation.ts';
import { forbidden } from './errors.ts';
import type { Actor, Identity } from './identity/identity.ts';

export type { Actor };

/** Hono environment of every `/api/v1` router. */
export type AppEnv = { Variables: { actor: Actor; requestId: string } };

/** The caller's address: the socket's, or behind a trusted load balancer the last X-Forwarded-For hop. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const hops = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    if (hops.length) return hops[hops.length - 1]!;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/** A session (from a signed Zendesk load) or an API key; nothing the browser says about who it is counts. */
export function authenticate(identity: Identity, trustProxy: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('actor', await identity.authenticate(c.req.header('authorization'), c.req.method, clientAddress(c, trustProxy)));
    await next();
  };
}

/** The acting user of a request that went through `authenticate`. */
export function actorOf(c: Context<AppEnv>): Actor {
  return c.get('actor');
}

/** 403 unless the actor has one of `roles`. */
export function requireRole(actor: Actor, roles: readonly QaRole[], action: string): void {
  if (!roles.includes(actor.role)) throw forbidden(`${actor.role} may not ${action}`);
}

/** The role lists routes check with `requireRole`, stated once in src/core/permissions.ts (the app follows the same). */
export { ADMIN, LEADS, STAFF } from '../core/permissions.ts';

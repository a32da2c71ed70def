import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { QaRole } from '../core/evaluation.ts';
import type { Accounts } from './deps.ts';
import { ApiError, badRequest, forbidden } from './errors.ts';

/** Who is asking: the installation's account (from its token) and the acting user the app names. */
export interface Actor {
  account: string;
  userId: number;
  role: QaRole;
}

/** Hono environment of every `/api/v1` router. */
export type AppEnv = { Variables: { actor: Actor; requestId: string } };

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/**
 * Bearer token -> account, compared in constant time on equal-length hashes; then the
 * `X-QA-User-Id` and `X-QA-Role` headers. The identity is asserted by the app (DESIGN.md §6, first step).
 */
export function authenticate(accounts: Accounts): MiddlewareHandler<AppEnv> {
  const known = Object.entries(accounts).map(([account, token]) => ({ account, hash: sha256(token) }));
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new ApiError(401, 'missing bearer token');
    const presented = sha256(match[1]!);
    let account: string | undefined;
    // no early exit: every account is compared, so timing does not tell which one matched
    for (const k of known) if (timingSafeEqual(k.hash, presented) && account === undefined) account = k.account;
    if (account === undefined) throw new ApiError(401, 'invalid token');

    const issues: string[] = [];
    const rawId = c.req.header('x-qa-user-id');
    const userId = rawId !== undefined && /^[1-9]\d{0,17}$/.test(rawId.trim()) ? Number(rawId.trim()) : NaN;
    if (!Number.isSafeInteger(userId)) issues.push('X-QA-User-Id: must be a positive whole number');
    const role = QaRole.safeParse(c.req.header('x-qa-role'));
    if (!role.success) issues.push(`X-QA-Role: must be one of ${QaRole.options.join(', ')}`);
    if (issues.length > 0 || !role.success) throw badRequest(issues);

    c.set('actor', { account, userId, role: role.data });
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

export const ADMIN: readonly QaRole[] = ['admin'];
export const STAFF: readonly QaRole[] = ['admin', 'lead', 'reviewer'];
export const LEADS: readonly QaRole[] = ['admin', 'lead'];

import { Hono } from 'hono';
import { z } from 'zod';
import { ADMIN, actorOf, requireRole, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow } from '../errors.ts';
import type { Identity } from '../identity/identity.ts';
import { endSessionsOf } from '../services/sessions.ts';

const UserId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** `GET /me` (who the service says you are), `DELETE /sessions/current` (sign out), admins end a person's sessions. */
export function sessionsRouter({ db, clock }: AppDeps, identity: Identity): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get('/me', (c) => {
    const a = actorOf(c);
    return c.json({ account: a.account, via: a.via, user: { id: a.userId, name: a.name, role: a.role } });
  });
  r.delete('/sessions/current', async (c) => {
    await identity.revoke(actorOf(c));
    return c.body(null, 204);
  });
  r.delete('/sessions/users/:userId', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, ADMIN, "end someone's sessions");
    const userId = parseOrThrow(z.object({ userId: UserId }), c.req.param()).userId;
    const revoked = await endSessionsOf(db, actor, userId, clock.now());
    return c.json({ revoked });
  });
  return r;
}

import { z } from 'zod';
import { Me, RevokedSessions } from '../../core/api.ts';
import { ADMIN, actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import type { Identity } from '../identity/identity.ts';
import { ANYONE, declare, json, noContent, router } from '../openapi/declare.ts';
import { endSessionsOf } from '../services/sessions.ts';

const UserId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** `GET /me` (who the service says you are), `DELETE /sessions/current` (sign out), admins end a person's sessions. */
export function sessionsRouter({ db, clock }: AppDeps, identity: Identity) {
  const me = declare({
    method: 'get',
    path: '/me',
    tag: 'identity',
    summary: 'Who the service says you are: the verified user, their QA role (from Zendesk and the account policy) and how you signed in',
    roles: ANYONE,
    responses: { 200: json(Me) },
  });
  const signOut = declare({
    method: 'delete',
    path: '/sessions/current',
    tag: 'identity',
    summary: 'Sign out: ends the session this request carries',
    roles: ANYONE,
    responses: { 204: noContent },
  });
  const endSessions = declare({
    method: 'delete',
    path: '/sessions/users/{userId}',
    tag: 'identity',
    summary: 'Ends every session of a user (audited)',
    roles: ADMIN,
    action: "end someone's sessions",
    request: { params: z.object({ userId: UserId }) },
    responses: { 200: json(RevokedSessions) },
  });
  return router()
    .openapi(me, (c) => {
      const a = actorOf(c);
      return c.json({ account: a.account, via: a.via, user: { id: a.userId, name: a.name, role: a.role } }, 200);
    })
    .openapi(signOut, async (c) => {
      await identity.revoke(actorOf(c));
      return c.body(null, 204);
    })
    .openapi(endSessions, async (c) =>
      c.json({ revoked: await endSessionsOf(db, actorOf(c), c.req.valid('param').userId, clock.now()) }, 200),
    );
}

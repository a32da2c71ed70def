import * as api from '../../core/contract/identity.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import type { Identity } from '../identity/identity.ts';
import { declare, router } from '../openapi/declare.ts';
import { endSessionsOf } from '../services/sessions.ts';

/** `GET /me` (who the service says you are), `DELETE /sessions/current` (sign out), admins end a person's sessions. */
export function sessionsRouter({ db, clock }: AppDeps, identity: Identity) {
  return router()
    .openapi(declare(api.me), (c) => {
      const a = actorOf(c);
      return c.json({ account: a.account, via: a.via, user: { id: a.userId, name: a.name, role: a.role } }, 200);
    })
    .openapi(declare(api.signOut), async (c) => {
      await identity.revoke(actorOf(c));
      return c.body(null, 204);
    })
    .openapi(declare(api.endSessions, { action: "end someone's sessions" }), async (c) =>
      c.json({ revoked: await endSessionsOf(db, actorOf(c), c.req.valid('param').userId, clock.now()) }, 200),
    );
}

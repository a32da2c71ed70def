import { Hono } from 'hono';
import { z } from 'zod';
import { ADMIN, actorOf, requireRole, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow } from '../errors.ts';
import { erasePerson } from '../services/people.ts';

const UserId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** `DELETE /people/{userId}`: erasure of one person's data (decision 014), admins only. */
export function peopleRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.delete('/:userId', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, ADMIN, 'erase personal data');
    const userId = parseOrThrow(UserId.describe('userId'), c.req.param('userId'));
    return c.json(await erasePerson(db, actor, userId, clock.now()));
  });
  return r;
}

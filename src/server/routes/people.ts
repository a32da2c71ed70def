import { z } from 'zod';
import { Erasure } from '../../core/api.ts';
import { ADMIN, actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { declare, json, router } from '../openapi/declare.ts';
import { erasePerson } from '../services/people.ts';

const UserId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** `DELETE /people/{userId}`: erasure of one person's data (decision 014), admins only. */
export function peopleRouter({ db, clock }: AppDeps) {
  const route = declare({
    method: 'delete',
    path: '/{userId}',
    tag: 'people',
    summary:
      "Erase one person's data in every table, in one transaction: their evaluations as reviewee, coaching notes and targets on them and their plan targets are deleted; what they did is kept under one pseudonym",
    roles: ADMIN,
    action: 'erase personal data',
    request: { params: z.object({ userId: UserId }) },
    responses: { 200: json(Erasure) },
  });
  return router().openapi(route, async (c) => c.json(await erasePerson(db, actorOf(c), c.req.valid('param').userId, clock.now()), 200));
}

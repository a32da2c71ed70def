import * as api from '../../core/contract/people.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { declare, router } from '../openapi/declare.ts';
import { erasePerson } from '../services/people.ts';

/** `DELETE /people/{userId}`: erasure of one person's data (decision 014), admins only. */
export function peopleRouter({ db, clock }: AppDeps) {
  const route = declare(api.erasePerson, { action: 'erase personal data' });
  return router().openapi(route, async (c) => c.json(await erasePerson(db, actorOf(c), c.req.valid('param').userId, clock.now()), 200));
}

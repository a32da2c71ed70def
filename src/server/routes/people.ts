import * as api from '../../core/contract/people.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { declare, router } from '../openapi/declare.ts';
import { peopleDirectory } from '../services/people-names.ts';
import { erasePerson } from '../services/people.ts';

/** `GET /people/directory`: synced staff and groups (decision 028); `DELETE /people/{userId}`: erasure of one person's data (decision 014), admins only. */
export function peopleRouter({ db, clock }: AppDeps) {
  const erase = declare(api.erasePerson, { action: 'erase personal data' });
  const directory = declare(api.peopleDirectory, { action: 'read the staff directory' });
  return router()
    .openapi(directory, async (c) => c.json(await peopleDirectory(db, actorOf(c).account), 200))
    .openapi(erase, async (c) => c.json(await erasePerson(db, actorOf(c), c.req.valid('param').userId, clock.now()), 200));
}

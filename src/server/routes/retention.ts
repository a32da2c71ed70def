import * as api from '../../core/contract/people.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { declare, router } from '../openapi/declare.ts';
import { applyRetention } from '../services/retention.ts';

/** `POST /retention`: deletes evaluations created before now − olderThanDays, with what hangs off them (decision 014), admins only. */
export function retentionRouter({ db, clock }: AppDeps) {
  const route = declare(api.applyRetention, { action: 'apply data retention' });
  return router().openapi(route, async (c) =>
    c.json(await applyRetention(db, actorOf(c), c.req.valid('json').olderThanDays, clock.now()), 200),
  );
}

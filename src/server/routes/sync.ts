import * as api from '../../core/contract/sync.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { declare, router } from '../openapi/declare.ts';
import { changeSyncSettings, syncView } from '../services/sync.ts';

/** `GET /sync` and `PUT /sync/settings`: the Zendesk sync's status and settings (decision 026), admins only. */
export function syncRouter({ db, clock }: AppDeps) {
  return router()
    .openapi(declare(api.readSync, { action: 'see the Zendesk sync' }), async (c) =>
      c.json(await syncView(db, actorOf(c).account, clock.now()), 200),
    )
    .openapi(declare(api.changeSyncSettings, { action: 'change the Zendesk sync' }), async (c) =>
      c.json(await changeSyncSettings(db, actorOf(c), c.req.valid('json'), clock.now()), 200),
    );
}

import * as api from '../../core/contract/policy.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { declare, router } from '../openapi/declare.ts';
import { accountPolicy, changePolicy } from '../services/policy.ts';

/** `GET/PUT /policy`: everyone signed in reads it (the nav bar decides what to show); admins change it. */
export function policyRouter({ db, clock }: AppDeps) {
  return router()
    .openapi(declare(api.readPolicy), async (c) => c.json(await accountPolicy(db, actorOf(c).account), 200))
    .openapi(declare(api.changePolicy, { action: 'change the account policy' }), async (c) =>
      c.json(await changePolicy(db, actorOf(c), c.req.valid('json'), clock.now()), 200),
    );
}

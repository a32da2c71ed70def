import { Hono } from 'hono';
import { PolicyChange } from '../../core/policy.ts';
import { ADMIN, actorOf, requireRole, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow, readJson } from '../errors.ts';
import { accountPolicy, changePolicy } from '../services/policy.ts';

/** `GET/PUT /policy`: everyone signed in reads it (the nav bar decides what to show); admins change it. */
export function policyRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get('/', async (c) => c.json(await accountPolicy(db, actorOf(c).account)));

  r.put('/', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, ADMIN, 'change the account policy');
    const change = parseOrThrow(PolicyChange, await readJson(c.req));
    return c.json(await changePolicy(db, actor, change, clock.now()));
  });

  return r;
}

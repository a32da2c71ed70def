import { AccountPolicy, PolicyChange } from '../../core/policy.ts';
import { ADMIN, actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { ANYONE, declare, json, jsonBody, router } from '../openapi/declare.ts';
import { accountPolicy, changePolicy } from '../services/policy.ts';

/** `GET/PUT /policy`: everyone signed in reads it (the nav bar decides what to show); admins change it. */
export function policyRouter({ db, clock }: AppDeps) {
  const read = declare({
    method: 'get',
    path: '/',
    tag: 'policy',
    summary: 'The account policy: which QA roles besides admins manage scorecards, which Zendesk groups are reviewers and QA leads',
    roles: ANYONE,
    responses: { 200: json(AccountPolicy) },
  });
  const change = declare({
    method: 'put',
    path: '/',
    tag: 'policy',
    summary: 'Change the account policy (audited); keys left out keep their value; admins always manage scorecards, agents never',
    roles: ADMIN,
    action: 'change the account policy',
    request: { body: jsonBody(PolicyChange) },
    responses: { 200: json(AccountPolicy) },
  });
  return router()
    .openapi(read, async (c) => c.json(await accountPolicy(db, actorOf(c).account), 200))
    .openapi(change, async (c) => c.json(await changePolicy(db, actorOf(c), c.req.valid('json'), clock.now()), 200));
}

/** `/policy`: everyone signed in reads it (the nav bar decides what to show); admins change it. */
import { ADMIN } from '../permissions.ts';
import { AccountPolicy, PolicyChange } from '../policy.ts';
import { ANYONE, contract, json, jsonBody } from './contract.ts';

export const readPolicy = contract({
  method: 'get',
  path: '/policy',
  tag: 'policy',
  summary: 'The account policy: which QA roles besides admins manage scorecards, which Zendesk groups are reviewers and QA leads',
  roles: ANYONE,
  responses: { 200: json(AccountPolicy) },
});

export const changePolicy = contract({
  method: 'put',
  path: '/policy',
  tag: 'policy',
  summary: 'Change the account policy (audited); keys left out keep their value; admins always manage scorecards, agents never',
  roles: ADMIN,
  request: { body: jsonBody(PolicyChange) },
  responses: { 200: json(AccountPolicy) },
});

/** `/me`, `/sessions` and `/api-keys`: who the service says you are, signing out, and machine access. */
import { ApiKeyCreate, ApiKeyList, CreatedApiKey, Me, RevokedApiKey, RevokedSessions } from '../api.ts';
import { z } from 'zod';
import { ADMIN } from '../permissions.ts';
import { ANYONE, contract, json, jsonBody, noContent } from './contract.ts';
import { UserIdParam } from './people.ts';

export const me = contract({
  method: 'get',
  path: '/me',
  tag: 'identity',
  summary: 'Who the service says you are: the verified user, their QA role (from Zendesk and the account policy) and how you signed in',
  roles: ANYONE,
  responses: { 200: json(Me) },
});

export const signOut = contract({
  method: 'delete',
  path: '/sessions/current',
  tag: 'identity',
  summary: 'Sign out: ends the session this request carries',
  roles: ANYONE,
  responses: { 204: noContent },
});

export const endSessions = contract({
  method: 'delete',
  path: '/sessions/users/{userId}',
  tag: 'identity',
  summary: 'Ends every session of a user (audited)',
  roles: ADMIN,
  request: { params: UserIdParam },
  responses: { 200: json(RevokedSessions) },
});

const keys = { tag: 'identity', roles: ADMIN } as const;

export const listApiKeys = contract({
  ...keys,
  method: 'get',
  path: '/api-keys',
  summary: 'API keys for machines (BI tools, scripts): name, role, prefix, created, last used, revoked; never the secret',
  responses: { 200: json(ApiKeyList) },
});

export const createApiKey = contract({
  ...keys,
  method: 'post',
  path: '/api-keys',
  summary: 'Creates an API key (audited); the secret is in this answer only. Keys may only read (GET)',
  request: { body: jsonBody(ApiKeyCreate) },
  responses: { 201: json(CreatedApiKey, 'Created') },
});

export const revokeApiKey = contract({
  ...keys,
  method: 'delete',
  path: '/api-keys/{id}',
  summary: 'Revokes an API key (audited)',
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: json(RevokedApiKey) },
});

import { z } from 'zod';
import { ApiKeyCreate, ApiKeyList, CreatedApiKey, RevokedApiKey } from '../../core/api.ts';
import { ADMIN, actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { declare, json, jsonBody, router } from '../openapi/declare.ts';
import { apiKeysOf, createApiKey, revokeKey, type ApiKeyRow } from '../services/api-keys.ts';

const view = (k: ApiKeyRow) => ({
  id: k.id,
  name: k.name,
  role: k.role,
  prefix: k.prefix,
  createdBy: k.createdBy,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

/** Machine access for BI tools and scripts: admins create keys (the secret is shown once), list and revoke them. */
export function apiKeysRouter({ db, clock }: AppDeps) {
  const keys = { tag: 'identity', roles: ADMIN } as const;
  const list = declare({
    ...keys,
    method: 'get',
    path: '/',
    summary: 'API keys for machines (BI tools, scripts): name, role, prefix, created, last used, revoked; never the secret',
    action: 'list API keys',
    responses: { 200: json(ApiKeyList) },
  });
  const create = declare({
    ...keys,
    method: 'post',
    path: '/',
    summary: 'Creates an API key (audited); the secret is in this answer only. Keys may only read (GET)',
    action: 'create API keys',
    request: { body: jsonBody(ApiKeyCreate) },
    responses: { 201: json(CreatedApiKey, 'Created') },
  });
  const revoke = declare({
    ...keys,
    method: 'delete',
    path: '/{id}',
    summary: 'Revokes an API key (audited)',
    action: 'revoke API keys',
    request: { params: z.object({ id: z.uuid() }) },
    responses: { 200: json(RevokedApiKey) },
  });
  return router()
    .openapi(list, async (c) => c.json({ keys: (await apiKeysOf(db, actorOf(c).account)).map(view) }, 200))
    .openapi(create, async (c) => {
      const { key, secret } = await createApiKey(db, actorOf(c), c.req.valid('json'), clock.now());
      return c.json({ key: view(key), secret }, 201);
    })
    .openapi(revoke, async (c) =>
      c.json({ key: view(await revokeKey(db, actorOf(c), c.req.valid('param').id.toLowerCase(), clock.now())) }, 200),
    );
}

import * as api from '../../core/contract/identity.ts';
import { actorOf } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { declare, router } from '../openapi/declare.ts';
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
  return router()
    .openapi(declare(api.listApiKeys, { action: 'list API keys' }), async (c) =>
      c.json({ keys: (await apiKeysOf(db, actorOf(c).account)).map(view) }, 200),
    )
    .openapi(declare(api.createApiKey, { action: 'create API keys' }), async (c) => {
      const { key, secret } = await createApiKey(db, actorOf(c), c.req.valid('json'), clock.now());
      return c.json({ key: view(key), secret }, 201);
    })
    .openapi(declare(api.revokeApiKey, { action: 'revoke API keys' }), async (c) =>
      c.json({ key: view(await revokeKey(db, actorOf(c), c.req.valid('param').id.toLowerCase(), clock.now())) }, 200),
    );
}

import { Hono } from 'hono';
import { z } from 'zod';
import { safeText } from '../../core/text.ts';
import { ADMIN, actorOf, requireRole, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { parseOrThrow, readJson } from '../errors.ts';
import { apiKeysOf, createApiKey, revokeKey, type ApiKeyRow } from '../services/api-keys.ts';

export const ApiKeyCreate = z.strictObject({
  name: safeText(80).trim().min(1),
  /** What the key may read: everything a lead or an admin reads. Keys never write. */
  role: z.enum(['lead', 'admin']),
});

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
export function apiKeysRouter({ db, clock }: AppDeps): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get('/', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, ADMIN, 'list API keys');
    return c.json({ keys: (await apiKeysOf(db, actor.account)).map(view) });
  });
  r.post('/', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, ADMIN, 'create API keys');
    const body = parseOrThrow(ApiKeyCreate, await readJson(c.req));
    const { key, secret } = await createApiKey(db, actor, body, clock.now());
    return c.json({ key: view(key), secret }, 201);
  });
  r.delete('/:id', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, ADMIN, 'revoke API keys');
    const { id } = parseOrThrow(z.object({ id: z.uuid() }), c.req.param());
    const revoked = await revokeKey(db, actor, id.toLowerCase(), clock.now());
    return c.json({ key: view(revoked) });
  });
  return r;
}

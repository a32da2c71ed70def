import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { safeText } from '../../core/text.ts';
import { audit } from '../audit.ts';
import { ADMIN, actorOf, requireRole, type AppEnv } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { notFound, parseOrThrow, readJson } from '../errors.ts';
import { hashSecret, newSecret } from '../identity/identity.ts';
import { insertApiKey, listApiKeys, revokeApiKey, type ApiKeyRow } from '../store/api-keys.ts';

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
    return c.json({ keys: (await listApiKeys(db, actor.account)).map(view) });
  });
  r.post('/', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, ADMIN, 'create API keys');
    const body = parseOrThrow(ApiKeyCreate, await readJson(c.req));
    const secret = newSecret('k', actor.account);
    const now = clock.now();
    const key: ApiKeyRow = {
      id: randomUUID(),
      name: body.name,
      role: body.role,
      // enough to recognise a key in a list, far too little to guess the rest (32 random bytes)
      prefix: `${secret.slice(0, secret.lastIndexOf('.') + 5)}…`,
      createdBy: actor.userId,
      createdAt: now,
      lastUsedAt: null,
      revokedAt: null,
      revokedBy: null,
    };
    await db.transaction(async (tx) => {
      await insertApiKey(tx, actor.account, hashSecret(secret), key);
      await audit(tx, actor, now, 'api-key.create', 'api-key', key.id, { name: key.name, role: key.role });
    });
    return c.json({ key: view(key), secret }, 201);
  });
  r.delete('/:id', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, ADMIN, 'revoke API keys');
    const { id } = parseOrThrow(z.object({ id: z.uuid() }), c.req.param());
    const now = clock.now();
    const revoked = await db.transaction(async (tx) => {
      const k = await revokeApiKey(tx, actor.account, id.toLowerCase(), actor.userId, now);
      if (!k) throw notFound('API key');
      await audit(tx, actor, now, 'api-key.revoke', 'api-key', k.id, { name: k.name });
      return k;
    });
    return c.json({ key: view(revoked) });
  });
  return r;
}

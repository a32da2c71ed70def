import { randomUUID } from 'node:crypto';
import type { Actor } from '../auth.ts';
import type { Db, Queryable } from '../db/db.ts';
import { notFound } from '../errors.ts';
import { hashSecret, newSecret } from '../identity/identity.ts';
import { insertApiKey, listApiKeys, revokeApiKey, type ApiKeyRow } from '../store/api-keys.ts';
import { audit } from '../store/journal.ts';

export type { ApiKeyRow };

/** The account's keys, newest first, revoked ones too (never their secrets: only a hash is stored). */
export function apiKeysOf(q: Queryable, account: string): Promise<ApiKeyRow[]> {
  return listApiKeys(q, account);
}

/** A new key and its secret, which is returned this once and stored only as a hash; audited in the same transaction. */
export async function createApiKey(
  db: Db,
  actor: Actor,
  wanted: Pick<ApiKeyRow, 'name' | 'role'>,
  now: Date,
): Promise<{ key: ApiKeyRow; secret: string }> {
  const secret = newSecret('k', actor.account);
  const key: ApiKeyRow = {
    id: randomUUID(),
    name: wanted.name,
    role: wanted.role,
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
  return { key, secret };
}

/** Revokes a key of the account (again: a no-op keeping the first revocation); 404 when there is none. */
export async function revokeKey(db: Db, actor: Actor, id: string, now: Date): Promise<ApiKeyRow> {
  return db.transaction(async (tx) => {
    const k = await revokeApiKey(tx, actor.account, id, actor.userId, now);
    if (!k) throw notFound('API key');
    await audit(tx, actor, now, 'api-key.revoke', 'api-key', k.id, { name: k.name });
    return k;
  });
}

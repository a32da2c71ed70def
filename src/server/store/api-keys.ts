import type { Queryable } from '../db/db.ts';

export interface ApiKeyRow {
  id: string;
  name: string;
  role: 'admin' | 'lead';
  prefix: string;
  createdBy: number;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedBy: number | null;
}

const COLUMNS = `id, name, role, prefix, created_by AS "createdBy", created_at AS "createdAt", last_used_at AS "lastUsedAt",
  revoked_at AS "revokedAt", revoked_by AS "revokedBy"`;

export async function insertApiKey(
  q: Queryable,
  account: string,
  secretHash: Buffer,
  k: Omit<ApiKeyRow, 'lastUsedAt' | 'revokedAt' | 'revokedBy'>,
): Promise<void> {
  await q.query(
    'INSERT INTO api_keys (id, account, name, role, secret_hash, prefix, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [k.id, account, k.name, k.role, secretHash, k.prefix, k.createdBy, k.createdAt],
  );
}

export async function listApiKeys(q: Queryable, account: string): Promise<ApiKeyRow[]> {
  return q.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE account = $1 ORDER BY created_at DESC, id`, [account]);
}

export async function apiKeyByHash(q: Queryable, account: string, secretHash: Buffer): Promise<(ApiKeyRow & { account: string }) | null> {
  const [row] = await q.query<ApiKeyRow & { account: string }>(
    `SELECT ${COLUMNS}, account FROM api_keys WHERE secret_hash = $1 AND account = $2`,
    [secretHash, account],
  );
  return row ?? null;
}

/** Last use, at most once a minute per key (a write per read request would be waste). */
export async function touchApiKey(q: Queryable, id: string, at: Date): Promise<void> {
  await q.query(
    `UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`,
    [id, at],
  );
}

export async function revokeApiKey(q: Queryable, account: string, id: string, by: number, at: Date): Promise<ApiKeyRow | null> {
  const [row] = await q.query<ApiKeyRow>(
    `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $4), revoked_by = COALESCE(revoked_by, $3) WHERE account = $1 AND id = $2
     RETURNING ${COLUMNS}`,
    [account, id, by, at],
  );
  return row ?? null;
}

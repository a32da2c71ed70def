import type { QaRole } from '../../core/evaluation.ts';
import type { Queryable } from '../db/db.ts';

export interface SessionRow {
  id: string;
  account: string;
  installationId: number;
  userId: number;
  location: string;
  userName: string;
  role: QaRole;
  roleCheckedAt: Date;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  hardExpiresAt: Date;
  revokedAt: Date | null;
}

const COLUMNS = `id, account, installation_id AS "installationId", user_id AS "userId", location, user_name AS "userName", role,
  role_checked_at AS "roleCheckedAt", last_seen_at AS "lastSeenAt", idle_expires_at AS "idleExpiresAt",
  hard_expires_at AS "hardExpiresAt", revoked_at AS "revokedAt"`;

export async function insertSession(
  q: Queryable,
  tokenHash: Buffer,
  s: Omit<SessionRow, 'revokedAt'> & { createdAt: Date },
): Promise<void> {
  await q.query(
    `INSERT INTO sessions (token_hash, id, account, installation_id, user_id, location, user_name, role, role_checked_at,
       created_at, last_seen_at, idle_expires_at, hard_expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      tokenHash,
      s.id,
      s.account,
      s.installationId,
      s.userId,
      s.location,
      s.userName,
      s.role,
      s.roleCheckedAt,
      s.createdAt,
      s.lastSeenAt,
      s.idleExpiresAt,
      s.hardExpiresAt,
    ],
  );
}

export async function sessionByHash(q: Queryable, tokenHash: Buffer): Promise<SessionRow | null> {
  const [row] = await q.query<SessionRow>(`SELECT ${COLUMNS} FROM sessions WHERE token_hash = $1`, [tokenHash], {
    prepare: 'session_by_hash',
  });
  return row ?? null;
}

/** Slides the idle expiry (never past the hard maximum). */
export async function touchSession(q: Queryable, id: string, at: Date, idleExpiresAt: Date): Promise<void> {
  await q.query('UPDATE sessions SET last_seen_at = $2, idle_expires_at = LEAST($3, hard_expires_at) WHERE id = $1', [
    id,
    at,
    idleExpiresAt,
  ]);
}

export async function updateSessionRole(q: Queryable, id: string, role: QaRole, userName: string, at: Date): Promise<void> {
  await q.query('UPDATE sessions SET role = $2, user_name = $3, role_checked_at = $4 WHERE id = $1', [id, role, userName, at]);
}

export async function revokeSession(q: Queryable, account: string, id: string, at: Date): Promise<boolean> {
  const rows = await q.query('UPDATE sessions SET revoked_at = $3 WHERE account = $1 AND id = $2 AND revoked_at IS NULL RETURNING id', [
    account,
    id,
    at,
  ]);
  return rows.length > 0;
}

/** Revokes every live session of a user; returns how many. */
export async function revokeSessionsOf(q: Queryable, account: string, userId: number, at: Date): Promise<number> {
  const rows = await q.query(
    'UPDATE sessions SET revoked_at = $3 WHERE account = $1 AND user_id = $2 AND revoked_at IS NULL AND hard_expires_at > $3 RETURNING id',
    [account, userId, at],
  );
  return rows.length;
}

/** Sessions past their hard maximum for a day are of no use to anyone: deleted. */
export async function deleteDeadSessions(q: Queryable, before: Date): Promise<void> {
  await q.query('DELETE FROM sessions WHERE hard_expires_at < $1', [before]);
}

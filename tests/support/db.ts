import { afterAll, beforeAll, inject } from 'vitest';
import { createPgDb, createPgliteDb, type Db } from '../../src/server/db/db.ts';
import { migrate } from '../../src/server/db/migrate.ts';

export interface Backend {
  name: 'pglite' | 'pg';
  open(): Promise<Db>;
}

/** The backends of this run: PGlite always; PostgreSQL when the globalSetup started (or was given) one. */
export function backends(): Backend[] {
  const url = inject('pgUrl');
  const list: Backend[] = [{ name: 'pglite', open: () => createPgliteDb() }];
  if (url) list.push({ name: 'pg', open: () => createPgDb(url, { max: 20 }) });
  return list;
}

/**
 * One migrated database per backend per test file (PGlite takes seconds to create);
 * tests stay independent by each using its own random account.
 */
export function useDb(backend: Backend): () => Db {
  let db: Db | undefined;
  beforeAll(async () => {
    db = await backend.open();
    await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
  });
  return () => {
    if (!db) throw new Error('database not open yet: call inside a test');
    return db;
  };
}

/** The single number a `SELECT count(*) AS n ...` returns. */
export async function countOf(db: Db, sql: string, params: readonly unknown[]): Promise<number> {
  const [row] = await db.query<{ n: number }>(sql, params);
  if (!row) throw new Error(`no row from ${sql}`);
  return row.n;
}

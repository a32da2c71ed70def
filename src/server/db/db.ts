import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** What both a database and an open transaction can do. */
export interface Queryable {
  /**
   * One statement with `$1`-style parameters; returns the rows. `prepare` names a hot, fixed statement so a
   * server parses and plans it once per connection (pg; PGlite plans each time).
   */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: { prepare?: string }): Promise<T[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** The storage port: the same SQL runs on embedded PGlite and on a PostgreSQL server. */
export interface Db extends Queryable {
  readonly kind: 'pglite' | 'pg';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const INT8 = 20;
// counts and Zendesk ids fit in a double (< 2^53); numbers are easier on every caller than strings
const toNumber = (v: string) => Number(v);

/** Embedded PostgreSQL in `dataDir` (a folder), or in memory when `dataDir` is undefined or 'memory://'. */
export async function createPgliteDb(dataDir?: string): Promise<Db> {
  const pglite = await PGlite.create(dataDir === 'memory://' ? undefined : dataDir, {
    parsers: { [INT8]: toNumber },
  });
  const wrap = (q: { query: PGlite['query']; exec: PGlite['exec'] }): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return (await q.query<T>(sql, params as unknown[])).rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    ...wrap(pglite),
    transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx))),
    close: () => pglite.close(),
  };
}

/** PostgreSQL's SQLSTATE for a statement cancelled by `statement_timeout` (or by an operator). */
export const QUERY_CANCELED = '57014';

/** Whether `err` is a statement the server cancelled, e.g. one that ran past `statement_timeout`. */
export const isQueryCanceled = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === QUERY_CANCELED;

export interface PgOptions {
  /** Connections in the pool (default 10). */
  max?: number;
  /** Every statement on these connections is cancelled after this long (PostgreSQL `statement_timeout`); 0 or absent: never. */
  statementTimeoutMs?: number;
}

/** A PostgreSQL server through a connection pool. */
export async function createPgDb(url: string, options: PgOptions = {}): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    // sent with each connection's start-up packet, so it holds before the first statement
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 ? toNumber : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // an idle client's error (server restart) must not crash the process; the next query reports it
  pool.on('error', () => {});
  await pool.query('SELECT 1');
  const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = [], options: { prepare?: string } = {}) {
      const values = params as unknown[];
      return (await (options.prepare ? q.query({ name: options.prepare, text: sql, values }) : q.query(sql, values))).rows as T[];
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  });
  return {
    kind: 'pg',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        // a connection that cannot even roll back is dropped from the pool
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw err;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

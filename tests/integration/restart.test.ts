import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPgDb, createPgliteDb, type Db } from '../../src/server/db/db.ts';
import { loadMigrations, migrate } from '../../src/server/db/migrate.ts';
import { evaluationBody, publishedScorecard, tenant } from '../support/db-client.ts';

describe('restart and migrations', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('keeps evaluations in a PGlite DATA_DIR across close and reopen', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qa-data-'));
    dirs.push(dir);
    let db: Db = await createPgliteDb(dir);
    expect((await migrate(db)).length).toBe((await loadMigrations()).length);
    const t = tenant(db);
    const scorecardId = await publishedScorecard(t);
    const body = evaluationBody(scorecardId);
    expect((await t.as('reviewer', 2).post('/evaluations', body)).status).toBe(201);
    await db.close();

    db = await createPgliteDb(dir);
    expect(await migrate(db)).toEqual([]); // already applied
    const reopened = tenant(db, { same: t });
    const got = await reopened.as('lead', 3).get(`/evaluations/${body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: body.id, finalScore: 100, scorecardVersion: 1 });
    // and the replay after a restart is still idempotent
    expect((await reopened.as('reviewer', 2).post('/evaluations', body)).status).toBe(200);
    await db.close();
  }, 180_000); // two PGlite start-ups on disk take tens of seconds on a busy machine

  it.runIf(inject('pgUrl'))('applies migrations once under concurrent start-ups on PostgreSQL', async () => {
    const url = inject('pgUrl')!;
    const dbs = await Promise.all([1, 2, 3].map(() => createPgDb(url, { max: 2 })));
    const applied = await Promise.all(dbs.map((d) => migrate(d)));
    // another test file may have migrated first; either way nothing is applied twice
    expect(applied.flat().length).toBeLessThanOrEqual((await loadMigrations()).length);
    const rows = await dbs[0]!.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(rows.map((r) => r.name)).toEqual((await loadMigrations()).map((m) => m.name));
    await Promise.all(dbs.map((d) => d.close()));
  });
});

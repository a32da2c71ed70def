import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/server/app.ts';
import type { Db } from '../../src/server/db/db.ts';
import { backends, useDb } from '../support/db.ts';
import { caller, evaluationBody, publishedScorecard, sampleScorecard, tenants } from '../support/db-client.ts';

describe.each(backends())('identity, tenancy and errors on $name', (backend) => {
  const db = useDb(backend);

  it('answers /healthz without a token', async () => {
    const [a] = tenants(db());
    const res = await a.app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', storage: backend.name });
  });

  it('refuses a request without a session with 401 (attacks on identity: identity.test.ts)', async () => {
    const [a] = tenants(db());
    const none = await caller(a.app, { 'x-qa-user-id': '1', 'x-qa-role': 'admin' }).get('/scorecards');
    expect(none.status).toBe(401);
    expect((await a.as('admin', 1).get('/scorecards')).status).toBe(200);
  });

  it('keeps accounts apart: B cannot read or touch A scorecards and evaluations', async () => {
    const [a, b] = tenants(db());
    const scorecardId = await publishedScorecard(a);
    const ev = evaluationBody(scorecardId);
    expect((await a.as('reviewer', 2).post('/evaluations', ev)).status).toBe(201);

    const bAdmin = b.as('admin', 1);
    expect((await bAdmin.get('/scorecards')).body.items).toEqual([]);
    expect((await bAdmin.get(`/scorecards/${scorecardId}`)).status).toBe(404);
    expect((await bAdmin.get(`/scorecards/${scorecardId}/versions/1`)).status).toBe(404);
    expect((await bAdmin.get(`/scorecards/${scorecardId}/export`)).status).toBe(404);
    expect((await bAdmin.post(`/scorecards/${scorecardId}/publish`)).status).toBe(404);
    expect((await bAdmin.post(`/scorecards/${scorecardId}/archive`)).status).toBe(404);
    expect((await bAdmin.post(`/scorecards/${scorecardId}/draft`)).status).toBe(404);
    expect((await bAdmin.post(`/scorecards/${scorecardId}/duplicate`)).status).toBe(404);
    expect((await bAdmin.put(`/scorecards/${scorecardId}/draft`, { definition: sampleScorecard(), lockVersion: 1 })).status).toBe(404);

    expect((await bAdmin.get(`/evaluations/${ev.id}`)).status).toBe(404);
    expect((await bAdmin.get(`/evaluations?ticketId=${ev.ticketId}`)).body.items).toEqual([]);
    expect((await bAdmin.get('/evaluations')).body.items).toEqual([]);
    expect((await bAdmin.put(`/evaluations/${ev.id}`, { answers: ev.answers, lockVersion: 1 })).status).toBe(404);
    expect((await bAdmin.post(`/evaluations/${ev.id}/withdraw`)).status).toBe(404);
    expect((await b.as('agent', ev.revieweeId).post(`/evaluations/${ev.id}/acknowledge`)).status).toBe(404);
    // B using A's scorecard id to create an evaluation: unknown in B
    expect((await b.as('reviewer', 2).post('/evaluations', evaluationBody(scorecardId))).status).toBe(404);
    // the same evaluation id in B is B's own row, not a replay of A's
    const bCard = await publishedScorecard(b);
    const same = await b.as('reviewer', 2).post('/evaluations', { ...ev, scorecardId: bCard });
    expect(same.status).toBe(201);
    // and A's evaluation is untouched
    const mine = await a.as('lead', 3).get(`/evaluations/${ev.id}`);
    expect(mine.body.scorecardId).toBe(scorecardId);
    expect(mine.body.status).toBe('submitted');
  });

  it('turns a database error into 500 "internal error" with a request id and no SQL', async () => {
    const real = db();
    const broken: Db = {
      ...real,
      // a real PostgreSQL error, whose message names a relation, for the scorecard reads (sign-in still works)
      query: <T>(sql: string, params?: readonly unknown[]) =>
        /FROM scorecard/i.test(sql) ? real.query<T>('SELECT * FROM no_such_table_xyz') : real.query<T>(sql, params),
    };
    const [a] = tenants(broken);
    const res = await a.as('admin', 1).get('/scorecards');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'internal error', requestId: expect.any(String) });
    expect(res.headers.get('x-request-id')).toBe(res.body.requestId);
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/no_such_table|SELECT|relation/i);
    // the log line names the request, the route and the error's class and SQLSTATE; never the SQL or its text
    expect(a.logEntries).toEqual([
      {
        level: 'error',
        msg: 'request failed',
        requestId: res.body.requestId,
        method: 'GET',
        route: '/api/v1/scorecards',
        errorClass: 'DatabaseError',
        sqlState: '42P01',
        status: 500,
      },
    ]);
    expect(a.logged.join('\n')).not.toMatch(/no_such_table|SELECT|relation/i);
  });

  it('logs no SQL parameters, bodies, comments or names when a write fails', async () => {
    const real = db();
    const comment = 'Jane Roe said her card 4111 1111 was blocked';
    const broken: Db = {
      ...real,
      // as pg reports a failed statement: its message and fields quote the values that were sent
      query: <T>(sql: string, params?: readonly unknown[], options?: { prepare?: string }) =>
        /INSERT INTO evaluations/.test(sql)
          ? Promise.reject(
              Object.assign(new Error(`failed: ${sql} with ${JSON.stringify(params)}`), {
                code: 'XX000',
                detail: comment,
                parameters: params,
              }),
            )
          : real.query<T>(sql, params, options),
    };
    const [a] = tenants(broken);
    const scorecardId = await publishedScorecard(a);
    const res = await a.as('reviewer', 777001).post('/evaluations', evaluationBody(scorecardId, { overallComment: comment }));
    expect(res.status).toBe(500);
    expect(a.logEntries).toEqual([
      {
        level: 'error',
        msg: 'request failed',
        requestId: res.body.requestId,
        method: 'POST',
        route: '/api/v1/evaluations',
        errorClass: 'DatabaseError',
        sqlState: 'XX000',
        status: 500,
      },
    ]);
    const text = JSON.stringify(a.logEntries) + JSON.stringify(res.body);
    for (const secret of ['Jane', '4111', '777001', 'INSERT', a.account]) expect(text).not.toContain(secret);
  });

  it('answers unknown paths and malformed JSON with JSON errors', async () => {
    const [a] = tenants(db());
    expect((await a.as('admin', 1).get('/nothing-here')).status).toBe(404);
    const res = await a
      .as('admin', 1)
      .raw('/scorecards', { method: 'POST', body: '{"name":', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid request', issues: ['(root): body must be valid JSON'] });
  });

  it('refuses an oversized body with 413 before parsing it', async () => {
    const [a] = tenants(db());
    const huge = JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES + 10) });
    const res = await a.as('admin', 1).raw('/scorecards', { method: 'POST', body: huge, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'request body too large' });
  });

  it('writes an audit row for every write, in the account', async () => {
    const [a] = tenants(db());
    const scorecardId = await publishedScorecard(a);
    const ev = evaluationBody(scorecardId);
    await a.as('reviewer', 2).post('/evaluations', ev);
    await a.as('agent', 50).post(`/evaluations/${ev.id}/acknowledge`);
    const rows = await db().query<{ action: string; actor_id: number; actor_role: string; entity_id: string }>(
      'SELECT action, actor_id, actor_role, entity_id FROM audit_log WHERE account = $1 ORDER BY seq',
      [a.account],
    );
    expect(rows.map((r) => [r.action, r.actor_id, r.actor_role])).toEqual([
      ['scorecard.create', 1, 'admin'],
      ['scorecard.publish', 1, 'admin'],
      ['evaluation.create', 2, 'reviewer'],
      ['evaluation.acknowledge', 50, 'agent'],
    ]);
    expect(rows[3]!.entity_id).toBe(ev.id);
  });
});

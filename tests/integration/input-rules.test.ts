/**
 * The input rules of docs/decisions/017-input-rules-and-logs.md, one case each (the fuzz test walks every route):
 * JSON bodies only (415), NUL and lone surrogates refused where they come in (body, path, query), report dates in
 * range, dispute criteria checked and bounded, evaluation ids compared in one spelling, database data errors never a
 * 500, and nothing stored by a refused request.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/server/db/db.ts';
import { backends, countOf, useDb } from '../support/db.ts';
import {
  bootOf,
  evaluationBody,
  publishedScorecard,
  sampleAnswers,
  sampleScorecard,
  signedLoad,
  tenant,
  type Tenant,
} from '../support/db-client.ts';

/** Rows of the account in the tables a refused write could have touched. */
async function stored(db: Db, t: Tenant): Promise<number> {
  let n = 0;
  for (const table of [
    'scorecards',
    'scorecard_versions',
    'evaluations',
    'evaluation_answers',
    'evaluation_history',
    'audit_log',
    'targets',
    'coaching_notes',
  ]) {
    n += await countOf(db, `SELECT count(*)::int AS n FROM ${table} WHERE account = $1`, [t.account]);
  }
  return n;
}

describe.each(backends())('input rules on $name', (backend) => {
  const db = useDb(backend);

  it('answers 415 to a body that is not sent as JSON, and keeps the signed location load a form', async () => {
    const t = tenant(db());
    const admin = t.as('admin', 1);
    const before = await stored(db(), t);
    const json = JSON.stringify(sampleScorecard());
    for (const headers of [{ 'content-type': 'text/plain' }, { 'content-type': 'application/x-www-form-urlencoded' }, {}] as Array<
      Record<string, string>
    >) {
      const res = await admin.raw('/scorecards', { method: 'POST', body: new TextEncoder().encode(json), headers });
      expect(res.status, JSON.stringify(headers)).toBe(415);
      expect(await res.json()).toEqual({
        error: 'unsupported media type: send the body as JSON',
        issues: ['Content-Type: must be application/json'],
      });
    }
    const latin1 = await admin.raw('/scorecards', {
      method: 'POST',
      body: json,
      headers: { 'content-type': 'application/json; charset=latin1' },
    });
    expect(latin1.status).toBe(415);
    expect(await stored(db(), t)).toBe(before);
    // bodiless actions need no type; JSON in any spelling of the type is JSON
    expect(
      (await admin.raw('/scorecards', { method: 'POST', body: json, headers: { 'content-type': 'Application/JSON; charset=UTF-8' } }))
        .status,
    ).toBe(201);
    const page = await signedLoad(t.app, await t.appToken(1));
    expect(page.status).toBe(200);
    expect(bootOf(await page.text()).user.id).toBe(1);
  });

  it('refuses NUL in a stored string, a path id or a query value with a 400 naming it, storing nothing', async () => {
    const t = tenant(db());
    const scorecardId = await publishedScorecard(t);
    const reviewer = t.as('reviewer', 2);
    const before = await stored(db(), t);

    const comment = await reviewer.post('/evaluations', evaluationBody(scorecardId, { overallComment: 'fine\u0000' }));
    expect(comment.status).toBe(400);
    expect(comment.body.issues).toEqual(['overallComment: must not contain a NUL character (\\u0000)']);
    const answer = await reviewer.post(
      '/evaluations',
      evaluationBody(scorecardId, { answers: sampleAnswers({ tone: { rating: 0, comment: '\u0000' } }) }),
    );
    expect(answer.body.issues).toEqual(['answers[1].comment: must not contain a NUL character (\\u0000)']);
    const card = await t.as('admin', 1).post('/scorecards', { ...sampleScorecard(), name: 'Email\u0000' });
    expect(card.body.issues).toEqual(['name: must not contain a NUL character (\\u0000)']);

    const path = await reviewer.get(`/evaluations/${randomUUID()}%00`);
    expect(path.status).toBe(400);
    expect(path.body.issues).toEqual(['path.id: must not contain a NUL character (\\u0000)']);
    const scorecard = await reviewer.get(`/scorecards/${scorecardId}%00/versions/1`);
    expect(scorecard.body.issues).toEqual(['path.id: must not contain a NUL character (\\u0000)']);
    const query = await t.as('lead', 3).get('/reports/summary?channel=email%00');
    expect(query.status).toBe(400);
    expect(query.body.issues).toEqual(['query.channel: must not contain a NUL character (\\u0000)']);

    expect(await stored(db(), t)).toBe(before);
    expect(t.logEntries).toEqual([]);
  });

  it('refuses lone surrogates in text and jsonb columns alike instead of storing U+FFFD or failing', async () => {
    const t = tenant(db());
    const scorecardId = await publishedScorecard(t);
    const reviewer = t.as('reviewer', 2);
    const created = await reviewer.post('/evaluations', evaluationBody(scorecardId));
    const before = await stored(db(), t);

    // overallComment is a text column; answers (and the scorecard's definition) are jsonb
    const text = await reviewer.post('/evaluations', evaluationBody(scorecardId, { overallComment: 'ok \ud800' }));
    expect(text.status).toBe(400);
    expect(text.body.issues).toEqual(['overallComment: must not contain a lone surrogate (\\ud800): text must be valid Unicode']);
    const jsonb = await reviewer.post(
      '/evaluations',
      evaluationBody(scorecardId, { answers: sampleAnswers({ offered: { rating: 1, rootCauses: ['Process\udc00'] } }) }),
    );
    expect(jsonb.status).toBe(400);
    expect(jsonb.body.issues).toEqual([
      'answers[0].rootCauses[0]: must not contain a lone surrogate (\\udc00): text must be valid Unicode',
    ]);
    const definition = await t.as('admin', 1).post('/scorecards', { ...sampleScorecard(), description: '\udfff' });
    expect(definition.status).toBe(400);
    const dispute = await t.as('agent', 50).post(`/evaluations/${created.body.id}/dispute`, { reason: 'unfair \ud83d' });
    expect(dispute.body.issues).toEqual(['reason: must not contain a lone surrogate (\\ud83d): text must be valid Unicode']);
    expect(await stored(db(), t)).toBe(before);
    // a surrogate pair is a character like any other
    const emoji = await reviewer.post('/evaluations', evaluationBody(scorecardId, { overallComment: 'great 👍' }));
    expect(emoji.status).toBe(201);
    expect(emoji.body.overallComment).toBe('great 👍');
  });

  it('takes only real report dates from 2000-01-01 to 2100-12-31', async () => {
    const t = tenant(db());
    const lead = t.as('lead', 3);
    const range = 'must be a date from 2000-01-01 to 2100-12-31';
    for (const [path, issue] of [
      ['/reports/summary?to=9999-12-31', `to: ${range}`],
      ['/reports/summary?from=0000-01-01', `from: ${range}`],
      ['/reports/trend?from=1999-12-31T23:00:00Z', `from: ${range}`],
      ['/reports/breakdown?dimension=reviewee&to=2101-01-01', `to: ${range}`],
      ['/exports/evaluations.csv?from=0000-01-01', `from: ${range}`],
      ['/calibration-sessions/history?to=9999-12-31', `to: ${range}`],
      ['/reports/tickets?from=2026-02-30', 'from: must be an ISO date (YYYY-MM-DD) or an ISO timestamp with offset'],
    ] as const) {
      const res = await lead.get(path);
      expect(res.status, path).toBe(400);
      expect(res.body.issues?.[0], path).toMatch(new RegExp(`^${issue.split(':')[0]}: `));
      if (!issue.includes('ISO')) expect(res.body.issues, path).toEqual([issue]);
    }
    expect((await lead.get('/reports/summary?from=2000-01-01&to=2100-12-31')).status).toBe(200);
    const target = await lead.post('/targets', {
      subject: 'agent',
      subjectId: 50,
      metric: 'average-score',
      value: 80,
      startsOn: '1970-01-01',
      dueOn: '9999-12-31',
    });
    expect(target.body.issues).toEqual([`startsOn: ${range}`, `dueOn: ${range}`]);
    expect(t.logEntries).toEqual([]);
  });

  it('checks, bounds and deduplicates the criteria a dispute names', async () => {
    const t = tenant(db());
    const scorecardId = await publishedScorecard(t);
    const agent = t.as('agent', 50);
    const dispute = async (criterionIds: unknown) => {
      const e = await t.as('reviewer', 2).post('/evaluations', evaluationBody(scorecardId));
      return { id: e.body.id as string, res: await agent.post(`/evaluations/${e.body.id}/dispute`, { reason: 'no', criterionIds }) };
    };
    const unknown = await dispute(['tone', 'nope', 'gone']);
    expect(unknown.res.status).toBe(422);
    expect(unknown.res.body.issues).toEqual(['criterionIds: no criterion "nope"', 'criterionIds: no criterion "gone"']);
    // the 1.9 MB id of the issue
    const huge = await dispute(['x'.repeat(1_900_000)]);
    expect(huge.res.status).toBe(400);
    expect(huge.res.body.issues).toEqual(['criterionIds[0]: must be at most 64 characters']);
    const many = await dispute(Array.from({ length: 501 }, () => 'tone'));
    expect(many.res.body.issues).toEqual(['criterionIds: must have at most 500 items']);
    const twice = await dispute(['tone', 'identity', 'tone']);
    expect(twice.res.status).toBe(200);
    expect(twice.res.body.dispute.criterionIds).toEqual(['tone', 'identity']);
    const [row] = await db().query<{ d: { criterionIds: string[] } | null }>(
      'SELECT dispute AS d FROM evaluations WHERE account = $1 AND id = $2',
      [t.account, unknown.id],
    );
    expect(row!.d).toBeNull();
  });

  it('treats an evaluation id in other letters as the same id: a retry is the idempotent 200', async () => {
    const t = tenant(db());
    const scorecardId = await publishedScorecard(t);
    const reviewer = t.as('reviewer', 2);
    const body = evaluationBody(scorecardId, { id: randomUUID().toUpperCase() });
    const first = await reviewer.post('/evaluations', body);
    expect(first.status).toBe(201);
    expect(first.body.id).toBe(body.id.toLowerCase());
    for (const id of [
      body.id,
      body.id.toLowerCase(),
      body.id.replace(/[a-f]/gi, (ch, i: number) => (i % 2 ? ch.toLowerCase() : ch.toUpperCase())),
    ]) {
      const again = await reviewer.post('/evaluations', { ...body, id });
      expect(again.status, id).toBe(200);
      expect(again.body).toEqual(first.body);
    }
    expect(await countOf(db(), 'SELECT count(*)::int AS n FROM evaluations WHERE account = $1', [t.account])).toBe(1);
    const other = await reviewer.post('/evaluations', { ...body, id: body.id.toLowerCase(), overallComment: 'changed' });
    expect(other.status).toBe(409);
    // path ids too: read and amend in upper case
    expect((await reviewer.get(`/evaluations/${body.id}`)).body.id).toBe(first.body.id);
    const amended = await reviewer.put(`/evaluations/${body.id}`, {
      answers: sampleAnswers(),
      overallComment: 'amended',
      lockVersion: first.body.lockVersion,
    });
    expect(amended.status).toBe(200);
    expect((await reviewer.get(`/scorecards/${scorecardId.toUpperCase()}`)).status).toBe(200);
  });

  it('answers a database data error 400 (never 500) and logs it as a warning with its SQLSTATE only', async () => {
    const real = db();
    // as if a rule were missing: the scorecard list sends a NUL to the database
    const leaky: Db = {
      ...real,
      query: <T>(sql: string, params?: readonly unknown[], options?: { prepare?: string }) =>
        /FROM scorecards/.test(sql) && !/FOR UPDATE/.test(sql)
          ? real.query<T>('SELECT $1::text AS t', ['Jane\u0000Roe'])
          : real.query<T>(sql, params, options),
    };
    const t = tenant(leaky);
    const res = await t.as('admin', 1).get('/scorecards');
    expect(res.status).toBe(400);
    expect(res.body.issues[0]).toContain('SQLSTATE 22021');
    expect(t.logEntries).toEqual([
      {
        level: 'warn',
        msg: 'input reached the database unchecked',
        requestId: res.headers.get('x-request-id'),
        method: 'GET',
        route: '/api/v1/scorecards',
        errorClass: 'DatabaseError',
        sqlState: '22021',
        status: 400,
      },
    ]);
    expect(JSON.stringify(t.logEntries)).not.toContain('Jane');
  });
});

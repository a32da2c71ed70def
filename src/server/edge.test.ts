import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { inputDataError, jsonBodiesOnly, pathAndQueryProblems, pathId, safePathAndQuery } from './edge.ts';
import { ApiError } from './errors.ts';

const at = (path: string) => `http://service.test${path}`;

describe('pathAndQueryProblems', () => {
  it('names the path parameter of the route that holds NUL, bytes that are no UTF-8, or too many characters', () => {
    expect(pathAndQueryProblems(at('/api/v1/evaluations/abc%00'), '/api/v1/evaluations/:id')).toEqual([
      'path.id: must not contain a NUL character (\\u0000)',
    ]);
    expect(pathAndQueryProblems(at('/api/v1/evaluations/%ED%A0%80'), '/api/v1/evaluations/:id')).toEqual([
      'path.id: is not valid percent-encoded UTF-8',
    ]);
    expect(
      pathAndQueryProblems(at(`/api/v1/scorecards/${'x'.repeat(201)}/versions/1`), '/api/v1/scorecards/:id/versions/:version'),
    ).toEqual(['path.id: must be at most 200 characters']);
    expect(pathAndQueryProblems(at('/app/assets/a%00.js'), '/app/:path{.+}')).toEqual([
      'path.path: must not contain a NUL character (\\u0000)',
    ]);
    expect(pathAndQueryProblems(at('/nothing/%00'), '/*')).toEqual(['path: must not contain a NUL character (\\u0000)']);
    expect(pathAndQueryProblems(at('/api/v1/evaluations/0B6D7A6E-6B1A-4A8E-9A57-3C1F7F0E8A11'), '/api/v1/evaluations/:id')).toEqual([]);
  });

  it('names the query parameter', () => {
    expect(pathAndQueryProblems(at('/api/v1/reports/summary?channel=a%00b&from=2026-01-01'), '/api/v1/reports/summary')).toEqual([
      'query.channel: must not contain a NUL character (\\u0000)',
    ]);
    expect(pathAndQueryProblems(at(`/r?cursor=${'x'.repeat(8001)}`), '/r')).toEqual(['query.cursor: must be at most 8000 characters']);
    expect(pathAndQueryProblems(at('/r?to=%E0%A4%A'), '/r')).toEqual(['query.to: is not valid percent-encoded UTF-8']);
    expect(pathAndQueryProblems(at('/r?a%00=1'), '/r')).toEqual(['query: a parameter name must not contain a NUL character (\\u0000)']);
    expect(pathAndQueryProblems(at('/r?q=caf%C3%A9+au+lait&empty&x='), '/r')).toEqual([]);
  });
});

/** A small app with the edge's middleware and the service's way of answering an ApiError. */
function edgeApp() {
  const app = new Hono();
  app.use(safePathAndQuery());
  app.use('/api/*', jsonBodiesOnly());
  app.post('/api/things/:id', async (c) => c.json({ id: pathId(c), body: await c.req.text() }));
  app.post('/form', async (c) => c.json(await c.req.parseBody()));
  app.onError((err, c) =>
    err instanceof ApiError ? c.json({ error: err.message, issues: err.issues }, err.status) : c.json({ error: 'internal' }, 500),
  );
  return app;
}

describe('jsonBodiesOnly', () => {
  const app = edgeApp();
  const post = (body: RequestInit['body'], type?: string) =>
    app.request('/api/things/1', {
      method: 'POST',
      ...(body === undefined ? {} : { body }),
      headers: type ? { 'content-type': type } : {},
    });

  it('answers 415 naming what to send when a body comes as something else than JSON', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
      const res = await post(new TextEncoder().encode('{"a":1}'), type);
      expect(res.status, String(type)).toBe(415);
      expect(await res.json()).toEqual({
        error: 'unsupported media type: send the body as JSON',
        issues: ['Content-Type: must be application/json'],
      });
    }
    expect((await post('{}', 'application/json; charset=latin1')).status).toBe(415);
  });

  it('takes JSON (any case, utf-8) and bodiless requests', async () => {
    for (const type of ['application/json', 'Application/JSON; charset=UTF-8', 'application/json;charset="utf-8"'])
      expect((await post('{}', type)).status, type).toBe(200);
    expect((await post(undefined)).status).toBe(200);
    expect((await post(new Uint8Array(0))).status).toBe(200);
    // the route still reads the body the check looked at
    expect(await (await post('{"a":1}', 'application/json')).json()).toEqual({ id: '1', body: '{"a":1}' });
  });

  it('leaves routes outside it alone: the signed location load is a form', async () => {
    const res = await app.request('/form', {
      method: 'POST',
      body: 'token=abc',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(await res.json()).toEqual({ token: 'abc' });
  });

  it('gives path ids in their one spelling', async () => {
    const res = await app.request('/api/things/0B6D7A6E-6B1A-4A8E-9A57-3C1F7F0E8A11', { method: 'POST' });
    expect(((await res.json()) as { id: string }).id).toBe('0b6d7a6e-6b1a-4a8e-9a57-3c1f7f0e8a11');
  });
});

describe('inputDataError', () => {
  it('turns the data errors only input causes into 400 and leaves the rest to be a 500', () => {
    for (const code of ['22P05', '22021', '22008', '22003', '22P02', '54000']) {
      const mapped = inputDataError(Object.assign(new Error('x'), { code }));
      expect(mapped?.status, code).toBe(400);
      expect(mapped?.issues?.[0]).toContain(`SQLSTATE ${code}`);
    }
    for (const err of [
      Object.assign(new Error('x'), { code: '22012' }),
      Object.assign(new Error('x'), { code: '42P01' }),
      new TypeError('x'),
      'text',
    ]) {
      expect(inputDataError(err)).toBeNull();
    }
  });
});

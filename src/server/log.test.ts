import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { consoleLogger, errorFields, memoryLogger, pinoLogger } from './log.ts';

describe('the log port', () => {
  it('writes one JSON line per entry through pino: level as a word, the message, the fields, nothing else of an error', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pinoLogger(pino({ base: undefined, timestamp: false, formatters: { level: (label) => ({ level: label }) } }, sink));
    const err = Object.assign(new Error('insert into evaluations values ($1) failed: "Jane Roe, card 4111"'), {
      code: '22P05',
      detail: 'Jane Roe',
    });
    logger.error('request failed', { requestId: 'r-1', method: 'POST', route: '/api/v1/evaluations', status: 500, ...errorFields(err) });
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      {
        level: 'error',
        msg: 'request failed',
        requestId: 'r-1',
        method: 'POST',
        route: '/api/v1/evaluations',
        status: 500,
        errorClass: 'DatabaseError',
        sqlState: '22P05',
      },
    ]);
    expect(lines.join('')).not.toMatch(/Jane|4111|insert/);
  });

  it('names the class of what was thrown, never its message', () => {
    expect(errorFields(new TypeError('Cannot read properties of undefined (reading "name")'))).toEqual({ errorClass: 'TypeError' });
    expect(errorFields(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toEqual({
      errorClass: 'DatabaseError',
      sqlState: '23505',
    });
    expect(errorFields('a thrown string')).toEqual({ errorClass: 'string' });
    // a code that is no SQLSTATE (Node's ECONNREFUSED) is not one
    expect(errorFields(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toEqual({ errorClass: 'Error' });
  });

  it('cuts a reason short and strips control characters, so no caller writes lines of its own', () => {
    const logger = memoryLogger();
    logger.warn('identity: refused a signed load', { reason: `iss "evil\n{"level":"info"}\u0000" ${'x'.repeat(500)}` });
    const [entry] = logger.entries;
    expect(entry!.reason).not.toMatch(/[\n\u0000]/);
    expect(entry!.reason!.length).toBeLessThanOrEqual(201);
  });

  it('keeps the devhost’s [service] lines on stderr readable', () => {
    const lines: string[] = [];
    consoleLogger('[service]', (l) => lines.push(l)).error('request failed', { requestId: 'r-2', status: 500 });
    consoleLogger('[service]', (l) => lines.push(l)).info('started');
    expect(lines).toEqual(['[service] error: request failed {"requestId":"r-2","status":500}', '[service] info: started']);
  });
});

import type { ZafSdkClient } from 'zendesk_app_framework_sdk';
import { describe, expect, it } from 'vitest';
import { ZafRequestError } from './port.ts';
import { createZafClient, parseHeaders, toRequestError, toResponse } from './zaf-client.ts';

/** A stand-in with the SDK client's shape and behaviour for arrays of paths (errors reported, not thrown). */
function sdkStub(reply: { request?: (o: Record<string, unknown>) => Promise<unknown> } = {}) {
  const handlers = new Map<string, ((d: unknown) => void)[]>();
  const sent: Record<string, unknown>[] = [];
  const triggered: Array<{ instanceGuid: string; name: string; data: unknown }> = [];
  const sdk: ZafSdkClient = {
    metadata: async () => ({ appId: 1, installationId: 2, name: 'Ticket QA', version: '0.1.0', settings: {} }),
    context: async () => ({ location: 'ticket_sidebar', ticketId: 7 }),
    get: async (paths) => {
      const list = Array.isArray(paths) ? paths : [paths];
      const out: Record<string, unknown> = { errors: {} };
      for (const p of list) {
        if (p === 'ticket.id') out[p] = 7;
        else (out.errors as Record<string, unknown>)[p] = { message: `${p} unavailable` };
      }
      return out;
    },
    set: async (path, value) => ({ [path]: value, errors: {} }),
    invoke: async (name, ...args) => ({ [name]: args, errors: {} }),
    request: async (options) => {
      sent.push(options);
      return reply.request ? reply.request(options) : { status: 200, headers: {}, responseJSON: { ok: true } };
    },
    on: (event, handler) => handlers.set(event, [...(handlers.get(event) ?? []), handler]),
    off: (event, handler) =>
      handlers.set(
        event,
        (handlers.get(event) ?? []).filter((h) => h !== handler),
      ),
    trigger: (name, data) => triggered.push({ instanceGuid: 'self', name, data }),
    instance: (instanceGuid) => ({ ...sdk, trigger: (name: string, data?: unknown) => void triggered.push({ instanceGuid, name, data }) }),
  };
  const fire = (event: string, data: unknown) => {
    for (const h of handlers.get(event) ?? []) h(data);
  };
  return { sdk, sent, fire, triggered, count: (event: string) => handlers.get(event)?.length ?? 0 };
}

describe('createZafClient', () => {
  it('splits an array get into values and errors', async () => {
    const zaf = createZafClient(sdkStub().sdk);
    expect(await zaf.get(['ticket.id', 'ticket.nope'])).toEqual({
      values: { 'ticket.id': 7 },
      errors: { 'ticket.nope': { message: 'ticket.nope unavailable' } },
    });
  });

  it('always asks for the complete HTTP response', async () => {
    const stub = sdkStub();
    const response = await createZafClient(stub.sdk).request({ url: '/api/v2/tickets/7.json' });
    expect(stub.sent[0]).toMatchObject({ url: '/api/v2/tickets/7.json', httpCompleteResponse: true });
    expect(response).toEqual({ status: 200, headers: {}, responseJSON: { ok: true } });
  });

  it('maps a rejected request to ZafRequestError with status, headers and text', async () => {
    const stub = sdkStub({
      request: () => Promise.reject({ status: 429, headers: { 'retry-after': '7' }, responseText: 'Rate limited', statusText: 'x' }),
    });
    const error = await createZafClient(stub.sdk)
      .request({ url: '/api/v2/x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZafRequestError);
    const e = error as ZafRequestError;
    expect([e.status, e.header('Retry-After'), e.responseText]).toEqual([429, '7', 'Rate limited']);
  });

  it('on() returns an unsubscribe that calls off()', () => {
    const stub = sdkStub();
    const seen: unknown[] = [];
    const off = createZafClient(stub.sdk).on('ticket.status.changed', (d) => seen.push(d));
    stub.fire('ticket.status.changed', 'solved');
    off();
    stub.fire('ticket.status.changed', 'closed');
    expect(seen).toEqual(['solved']);
    expect(stub.count('ticket.status.changed')).toBe(0);
  });

  it('trigger() messages another instance through client.instance(guid).trigger', () => {
    const stub = sdkStub();
    createZafClient(stub.sdk).trigger('guid-2', 'ticket-qa:ping', { from: 'guid-1' });
    expect(stub.triggered).toEqual([{ instanceGuid: 'guid-2', name: 'ticket-qa:ping', data: { from: 'guid-1' } }]);
  });
});

describe('response mapping', () => {
  it('parses raw header blocks case-insensitively', () => {
    expect(parseHeaders('Content-Type: text/plain\r\nRetry-After: 3\r\n')).toEqual({
      'content-type': 'text/plain',
      'retry-after': '3',
    });
  });
  it('uses getAllResponseHeaders and JSON bodies of jqXHR-like rejections', () => {
    const e = toRequestError({ status: 422, getAllResponseHeaders: () => 'X-A: 1', responseJSON: { error: 'closed' } });
    expect([e.status, e.header('x-a'), e.responseText]).toEqual([422, '1', '{"error":"closed"}']);
  });
  it('turns anything else into status 0', () => {
    expect(toRequestError('timeout').status).toBe(0);
    expect(toRequestError(undefined).responseText).toBe('');
  });
  it('wraps a bare body from hosts without httpCompleteResponse', () => {
    expect(toResponse({ tickets: [] })).toEqual({ status: 200, headers: {}, responseJSON: { tickets: [] } });
    expect(toResponse({ status: 204, headers: {}, responseText: '' })).toEqual({ status: 204, headers: {}, responseText: '' });
  });
});

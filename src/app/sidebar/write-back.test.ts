import { describe, expect, it } from 'vitest';
import { createFakeZaf } from '../zaf/fake-zaf.ts';
import { ZafRequestError, type ZafRequestOptions, type ZafResponse } from '../zaf/port.ts';
import { fieldIdsFrom, resultValue, writeBack, writeBackEnabled, type WriteBackOptions } from './write-back.ts';

/** A tiny stateful Zendesk ticket: safe_update against updated_at, closed tickets, queued 429s. */
function zendesk(state: { status: string; updatedAt: string; rateLimited?: number; retryAfterHeader?: string }) {
  const writes: unknown[] = [];
  let clock = 0;
  const handler = (o: ZafRequestOptions): ZafResponse => {
    if (o.type === 'GET') return { status: 200, headers: {}, responseJSON: { ticket: { id: 7, updated_at: state.updatedAt } } };
    if (state.rateLimited) {
      state.rateLimited--;
      throw new ZafRequestError(
        429,
        { [state.retryAfterHeader ?? 'retry-after']: '2', 'content-type': 'text/plain' },
        'Number of allowed API requests per minute exceeded',
      );
    }
    const body = JSON.parse(o.data!) as { ticket: { updated_stamp?: string; custom_fields: unknown } };
    if (state.status === 'closed') {
      throw new ZafRequestError(
        422,
        {},
        JSON.stringify({
          error: 'RecordInvalid',
          description: 'Record validation errors',
          details: { status: [{ description: 'Status: closed prevents ticket update' }] },
        }),
      );
    }
    if (body.ticket.updated_stamp !== state.updatedAt) throw new ZafRequestError(409, {}, '');
    writes.push(body.ticket.custom_fields);
    state.updatedAt = `2025-01-01T00:00:${String(++clock).padStart(2, '0')}Z`;
    return { status: 200, headers: {}, responseJSON: { ticket: { id: 7, updated_at: state.updatedAt } } };
  };
  return { zaf: createFakeZaf({ request: handler }), writes };
}

const scored = { finalScore: 87.5, passed: true, criticalFailures: [] as string[] };
const fields = { scoreFieldId: 101, resultFieldId: 102 };
const sleeps: number[] = [];
const opts = (over: Partial<WriteBackOptions> = {}): WriteBackOptions => ({
  enabled: true,
  fields,
  updatedAt: '2025-01-01T00:00:00Z',
  sleep: async (ms) => void sleeps.push(ms),
  ...over,
});

describe('write-back', () => {
  it('writes score and result with safe_update against the ticket stamp', async () => {
    const { zaf, writes } = zendesk({ status: 'solved', updatedAt: '2025-01-01T00:00:00Z' });
    expect(await writeBack(zaf, 7, scored, opts())).toEqual({ status: 'updated', updatedAt: '2025-01-01T00:00:01Z' });
    expect(writes).toEqual([
      [
        { id: 101, value: 87.5 },
        { id: 102, value: 'qa_pass' },
      ],
    ]);
    expect(JSON.parse(zaf.requests[0]!.data!)).toMatchObject({ ticket: { safe_update: true, updated_stamp: '2025-01-01T00:00:00Z' } });
    expect(zaf.requests[0]).toMatchObject({ url: '/api/v2/tickets/7.json', type: 'PUT' });
  });

  it('on 409 re-reads the ticket and retries once', async () => {
    const { zaf, writes } = zendesk({ status: 'open', updatedAt: '2025-01-02T00:00:00Z' });
    expect((await writeBack(zaf, 7, scored, opts())).status).toBe('updated');
    expect(zaf.requests.map((r) => r.type)).toEqual(['PUT', 'GET', 'PUT']);
    expect(writes).toHaveLength(1);
  });

  it('waits Retry-After (lower- or mixed-case header) on 429, bounded', async () => {
    sleeps.length = 0;
    const { zaf } = zendesk({ status: 'open', updatedAt: '2025-01-01T00:00:00Z', rateLimited: 2, retryAfterHeader: 'Retry-After' });
    expect((await writeBack(zaf, 7, scored, opts())).status).toBe('updated');
    expect(sleeps).toEqual([2000, 2000]);
    const limited = zendesk({ status: 'open', updatedAt: '2025-01-01T00:00:00Z', rateLimited: 10 });
    expect(await writeBack(limited.zaf, 7, scored, opts({ maxRateLimitWaits: 2 }))).toMatchObject({ status: 'failed', httpStatus: 429 });
  });

  it('clears both fields when the last evaluation is withdrawn', async () => {
    const { zaf, writes } = zendesk({ status: 'open', updatedAt: '2025-01-01T00:00:00Z' });
    expect((await writeBack(zaf, 7, null, opts())).status).toBe('updated');
    expect(writes).toEqual([
      [
        { id: 101, value: null },
        { id: 102, value: null },
      ],
    ]);
  });

  it('reports a closed ticket as fields not updated', async () => {
    const { zaf, writes } = zendesk({ status: 'closed', updatedAt: '2025-01-01T00:00:00Z' });
    expect(await writeBack(zaf, 7, scored, opts())).toEqual({ status: 'fields-not-updated-closed' });
    expect(writes).toEqual([]);
  });

  it('reads the stamp first when the sidebar has none', async () => {
    const { zaf } = zendesk({ status: 'open', updatedAt: '2025-01-03T00:00:00Z' });
    expect((await writeBack(zaf, 7, scored, opts({ updatedAt: null }))).status).toBe('updated');
    expect(zaf.requests.map((r) => r.type)).toEqual(['GET', 'PUT']);
  });

  it('is skipped when the setting is off or no field is known', async () => {
    const { zaf } = zendesk({ status: 'open', updatedAt: 'x' });
    expect(await writeBack(zaf, 7, scored, opts({ enabled: false }))).toEqual({ status: 'skipped', reason: 'disabled' });
    expect(await writeBack(zaf, 7, scored, opts({ fields: { scoreFieldId: null, resultFieldId: null } }))).toEqual({
      status: 'skipped',
      reason: 'no-fields',
    });
    expect(zaf.requests).toEqual([]);
  });

  it('maps results and finds field ids from requirements, then settings', () => {
    expect(resultValue({ finalScore: 0, passed: false, criticalFailures: ['id-check'] })).toBe('qa_critical_fail');
    expect(resultValue({ finalScore: 50, passed: false, criticalFailures: [] })).toBe('qa_fail');
    expect(resultValue(scored)).toBe('qa_pass');
    expect(fieldIdsFrom({ 'requirement:qa_score': { requirement_id: 9 } }, { scoreFieldId: '3', resultFieldId: 4 })).toEqual({
      scoreFieldId: 9,
      resultFieldId: 4,
    });
    expect(fieldIdsFrom({}, {})).toEqual({ scoreFieldId: null, resultFieldId: null });
    expect(writeBackEnabled({})).toBe(true);
    expect(writeBackEnabled({ writeBack: false })).toBe(false);
    expect(writeBackEnabled({ writeBack: 'false' })).toBe(false);
  });
});

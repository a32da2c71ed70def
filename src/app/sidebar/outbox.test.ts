import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../core/evaluation.ts';
import { fail, ok, type Result } from '../api/result.ts';
import type { EvaluationCreateBody } from '../api/sidebar-api.ts';
import { backoff, createOutbox, type OutboxDeps } from './outbox.ts';
import { memoryStorage } from './storage.ts';

/** A service that stores by id (idempotent like the real one) and can be taken down. */
function service() {
  const stored = new Map<string, EvaluationCreateBody>();
  const state = { down: false, refuse: false, calls: 0 };
  return {
    stored,
    state,
    async createEvaluation(body: EvaluationCreateBody): Promise<Result<Evaluation>> {
      state.calls++;
      if (state.down) return fail('unreachable', 'HTTP 0');
      if (state.refuse) return fail('invalid', 'invalid request', ['answers: bad']);
      stored.set(body.id, body);
      return ok({ id: body.id } as Evaluation);
    },
    async amendEvaluation(): Promise<Result<Evaluation>> {
      return fail('server', 'not here');
    },
  };
}

function harness(svc = service(), storage = memoryStorage()) {
  let t = 0;
  const timers: Array<{ at: number; fn: () => void }> = [];
  const sent: string[] = [];
  const deps: OutboxDeps = {
    storage,
    scope: { account: 'acme', userId: 22 },
    service: svc,
    now: () => t,
    setTimer: (fn, ms) => {
      const timer = { at: t + ms, fn };
      timers.push(timer);
      return timer;
    },
    clearTimer: (h) => void timers.splice(timers.indexOf(h as (typeof timers)[number]), 1),
    onSent: (e) => void sent.push(e.id),
  };
  const outbox = createOutbox(deps);
  const advance = async (ms: number) => {
    t += ms;
    for (const timer of timers.filter((x) => x.at <= t)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.fn();
    }
    await new Promise((r) => setTimeout(r, 0));
  };
  return { outbox, svc, storage, sent, advance, deps, timers };
}

const body = (id: string): EvaluationCreateBody => ({
  id,
  ticketId: 7,
  revieweeId: 11,
  scorecardId: 'email',
  scorecardVersion: 1,
  answers: [],
});
const submit = (h: ReturnType<typeof harness>, id: string) =>
  h.outbox.submit({ op: 'create', id, ticketId: 7, scorecardId: 'email', body: body(id) });

describe('outbox', () => {
  it('sends at once and forgets it once stored', async () => {
    const h = harness();
    expect((await submit(h, 'e1')).status).toBe('ok');
    expect(h.outbox.entries()).toEqual([]);
    expect(h.sent).toEqual(['e1']);
  });

  it('keeps a submission while the service is down and sends it with backoff when it is back', async () => {
    const h = harness();
    h.svc.state.down = true;
    expect(await submit(h, 'e1')).toMatchObject({ status: 'error', error: { kind: 'unreachable' } });
    expect(h.outbox.entries()).toMatchObject([{ id: 'e1', state: 'pending', attempts: 1, nextAttemptAt: 2000 }]);
    await h.advance(2000);
    expect(h.outbox.entries()).toMatchObject([{ state: 'pending', attempts: 2, nextAttemptAt: 6000 }]);
    h.svc.state.down = false;
    await h.advance(4000);
    expect(h.outbox.entries()).toEqual([]);
    expect(h.sent).toEqual(['e1']);
    expect([...h.svc.stored.keys()]).toEqual(['e1']);
  });

  it('survives a reload: a new outbox on the same storage sends what the old one queued', async () => {
    const first = harness();
    first.svc.state.down = true;
    await submit(first, 'e1');
    first.outbox.dispose();
    first.svc.state.down = false;
    const second = harness(first.svc, first.storage);
    expect(second.outbox.entries()).toHaveLength(1);
    await second.advance(2000);
    expect(second.sent).toEqual(['e1']);
  });

  it('a retry with the same id never duplicates', async () => {
    const h = harness();
    await submit(h, 'e1');
    await submit(h, 'e1');
    expect(h.svc.stored.size).toBe(1);
  });

  it('never drops a refused submission: it waits as failed until the user retries', async () => {
    const h = harness();
    h.svc.state.refuse = true;
    await submit(h, 'e1');
    await h.advance(600_000);
    expect(h.outbox.entries()).toMatchObject([{ id: 'e1', state: 'failed', lastError: { kind: 'invalid', issues: ['answers: bad'] } }]);
    h.svc.state.refuse = false;
    await h.outbox.retry('e1');
    expect(h.outbox.entries()).toEqual([]);
  });

  it('picks up a submission left "sending" by a closed tab after the lease', async () => {
    const storage = memoryStorage({
      'ticket-qa:outbox:acme:22': JSON.stringify([
        {
          op: 'create',
          id: 'e9',
          ticketId: 7,
          scorecardId: 'email',
          body: body('e9'),
          state: 'sending',
          sendingSince: 0,
          attempts: 0,
          nextAttemptAt: 0,
          queuedAt: 0,
        },
      ]),
    });
    const h = harness(service(), storage);
    await h.advance(60_000);
    expect(h.sent).toEqual(['e9']);
  });

  it('backs off 2 s doubling up to a minute', () => {
    expect([1, 2, 3, 6, 10].map(backoff)).toEqual([2000, 4000, 8000, 60000, 60000]);
  });
});

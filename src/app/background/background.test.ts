import { describe, expect, it } from 'vitest';
import { createFakeZaf, type FakeZaf } from '../zaf/fake-zaf.ts';
import { findBackground, PING, pingBackground, PONG } from './messages.ts';
import { startBackground } from './start.ts';
import { ask, ENTRIES, HELD, HOLD, LIST, SENT } from './outbox-messages.ts';
import { fail, ok as okResult, type Result } from '../api/result.ts';
import type { Evaluation } from '../../core/evaluation.ts';

/** A service that is down until `up()`; counts creates (the service is idempotent by id). */
function down() {
  let reachable = false;
  const creates: string[] = [];
  return {
    creates,
    up: () => void (reachable = true),
    async createEvaluation(body: { id: string }): Promise<Result<Evaluation>> {
      if (!reachable) return fail('unreachable', 'down');
      creates.push(body.id);
      return okResult({
        id: body.id,
        ticketId: 7,
        status: 'submitted',
        criticalFailures: [],
        kind: 'calibration',
      } as unknown as Evaluation);
    },
    async amendEvaluation(): Promise<Result<Evaluation>> {
      return fail('unreachable', 'down');
    },
  };
}

const SIDEBAR = '00000000-0000-4000-8000-00000000000a';
const BACKGROUND = '00000000-0000-4000-8000-00000000000b';
const ok = {
  status: 'ok',
  boot: { session: 's1.acme.x', expiresAt: '', hardExpiresAt: '', account: 'acme', user: { id: 1, name: 'Rita', role: 'reviewer' } },
} as const;

/** A sidebar and a background instance whose triggers reach each other, as through Zendesk. */
function pair() {
  const instances = {
    [SIDEBAR]: { location: 'ticket_sidebar', instanceGuid: SIDEBAR },
    [BACKGROUND]: { location: 'background', instanceGuid: BACKGROUND },
  };
  const sidebar = createFakeZaf({ context: { instanceGuid: SIDEBAR }, values: { instances } });
  const background = createFakeZaf({ context: { location: 'background', instanceGuid: BACKGROUND }, values: { instances } });
  const byGuid: Record<string, FakeZaf> = { [SIDEBAR]: sidebar, [BACKGROUND]: background };
  for (const zaf of [sidebar, background]) zaf.handleTriggers((guid, name, data) => byGuid[guid]?.emit(name, data));
  return { sidebar, background };
}

describe('the background instance', () => {
  it('answers a ping with a pong to the instance that sent it', async () => {
    const { sidebar, background } = pair();
    startBackground(background, { boot: ok, service: down() });
    expect(await findBackground(sidebar)).toBe(BACKGROUND);
    expect(await pingBackground(sidebar, SIDEBAR, BACKGROUND)).toEqual({ id: expect.any(String), from: BACKGROUND, signedIn: true });
    expect(background.triggers).toEqual([{ instanceGuid: SIDEBAR, name: PONG, data: expect.objectContaining({ from: BACKGROUND }) }]);
    expect(sidebar.listenerCount(PONG)).toBe(0);
  });

  it('says when it has no service session', async () => {
    const { sidebar, background } = pair();
    startBackground(background, { boot: { status: 'missing' } });
    expect(await pingBackground(sidebar, SIDEBAR, BACKGROUND)).toMatchObject({ signedIn: false });
  });

  it('ignores a ping that names no sender; stops answering once stopped', async () => {
    const { sidebar, background } = pair();
    const stop = startBackground(background, { boot: ok, service: down() });
    background.emit(PING, { id: 'x' });
    background.emit(PING, 'hello');
    await new Promise((r) => setTimeout(r, 0));
    expect(background.triggers).toEqual([]);
    stop();
    expect(await pingBackground(sidebar, SIDEBAR, BACKGROUND, 20)).toBeNull();
  });

  it('finds no background when the session lists none', async () => {
    const zaf = createFakeZaf({ values: { instances: { [SIDEBAR]: { location: 'ticket_sidebar', instanceGuid: SIDEBAR } } } });
    expect(await findBackground(zaf)).toBeNull();
    expect(await findBackground(createFakeZaf())).toBeNull();
  });

  it('holds an evaluation a sidebar could not deliver, lists it, sends it once the service is back and tells the sidebars', async () => {
    const { sidebar, background } = pair();
    const service = down();
    startBackground(background, { boot: ok, service });
    const entry = {
      id: 'e-1',
      op: 'create',
      ticketId: 7,
      scorecardId: 'email',
      state: 'pending',
      attempts: 1,
      nextAttemptAt: 0,
      queuedAt: 0,
      body: { id: 'e-1', calibrationSessionId: 's' },
    };
    const held = await ask(
      sidebar,
      SIDEBAR,
      BACKGROUND,
      HOLD,
      HELD,
      { entry, writeBack: { enabled: true, fields: { scoreFieldId: null, resultFieldId: null } } },
      (v) => v,
    );
    expect(held).toMatchObject({ entryId: 'e-1', from: BACKGROUND });
    const listed = await ask(sidebar, SIDEBAR, BACKGROUND, LIST, ENTRIES, { ticketId: 7 }, (v) => v.entries);
    expect(listed).toMatchObject([{ id: 'e-1', ticketId: 7 }]);
    expect(await ask(sidebar, SIDEBAR, BACKGROUND, LIST, ENTRIES, { ticketId: 8 }, (v) => v.entries)).toEqual([]);
    const sent = new Promise((resolve) => sidebar.on(SENT, resolve));
    service.up();
    // the retry timer (backoff) sends it, exactly once
    expect(await sent).toMatchObject({ entryId: 'e-1', ticketId: 7, evaluation: { id: 'e-1' }, writeBack: null });
    expect(service.creates).toEqual(['e-1']);
  }, 10_000);
});

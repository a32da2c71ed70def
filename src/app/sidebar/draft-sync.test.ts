import { describe, expect, it } from 'vitest';
import type { StoredDraft } from '../../core/draft.ts';
import { fail, ok, type Result } from '../api/result.ts';
import { createDraftStore, type Draft } from './draft-store.ts';
import { createDraftSync, type DraftSyncDeps } from './draft-sync.ts';
import { memoryStorage } from './storage.ts';

const draft = (over: Partial<Draft> = {}): Draft => ({
  evaluationId: 'e1',
  scorecardId: 'email',
  scorecardVersion: 1,
  revieweeId: 11,
  answers: { a: { rating: 1 } },
  overallComment: '',
  savedAt: 0,
  ...over,
});

/** The service's drafts table for one user and ticket, with its revision rule. */
function fakeService() {
  const rows = new Map<string, StoredDraft>();
  const calls: Array<{ slot: string; base: number | null; comment: string }> = [];
  let down = false;
  return {
    rows,
    calls,
    setDown: (v: boolean) => void (down = v),
    remote: {
      async saveDraft(ticketId: number, slot: string, base: number | null, content: Draft): Promise<Result<StoredDraft>> {
        calls.push({ slot, base, comment: content.overallComment });
        if (down) return fail('unreachable', 'down');
        const current = rows.get(slot) ?? null;
        if ((current?.revision ?? null) !== base) {
          const r = fail<StoredDraft>('conflict', 'saved elsewhere');
          if (r.status === 'error') r.error.body = { current };
          return r;
        }
        const saved = { ticketId, slot, revision: (current?.revision ?? 0) + 1, content, updatedAt: '2026-01-01T00:00:00Z' };
        rows.set(slot, saved);
        return ok(saved);
      },
      async discardDraft(_t: number, slot: string): Promise<Result<null>> {
        rows.delete(slot);
        return ok(null);
      },
    },
  };
}

function setup(service = fakeService(), over: Partial<DraftSyncDeps> = {}) {
  const timers: Array<() => void> = [];
  const cache = createDraftStore(memoryStorage(), { account: 'acme', userId: 22 });
  const sync = createDraftSync({
    ticketId: 7,
    cache,
    remote: service.remote,
    initial: [...service.rows.values()],
    stored: [],
    setTimer: (fn) => timers.push(fn),
    clearTimer: () => undefined,
    now: () => 5_000,
    ...over,
  });
  const tick = async () => {
    while (timers.length) timers.shift()!();
    await sync.flush();
  };
  return { sync, cache, service, tick };
}

describe('drafts saved to the service', () => {
  it('saves each change to the service (debounced), so a new page with no storage gets it back', async () => {
    const { sync, service, tick } = setup();
    sync.save(7, draft({ overallComment: 'one' }));
    sync.save(7, draft({ overallComment: 'two' }));
    await tick();
    expect(service.calls.map((c) => c.comment)).toEqual(['two']);
    expect(sync.state()).toEqual({ kind: 'saved', at: 5_000 });
    // another device, another cache: the service's copy is the draft
    const elsewhere = setup(service);
    expect(elsewhere.sync.load(7, 'email')?.overallComment).toBe('two');
  });

  it('says a change is not on the service while it is unreachable, keeps it and retries', async () => {
    const service = fakeService();
    const { sync, tick } = setup(service);
    service.setDown(true);
    sync.save(7, draft({ overallComment: 'typed offline' }));
    await tick();
    expect(sync.state().kind).toBe('unsaved');
    expect(sync.load(7, 'email')?.overallComment).toBe('typed offline');
    service.setDown(false);
    await tick();
    expect(sync.state().kind).toBe('saved');
    expect(service.rows.get('email')?.content.overallComment).toBe('typed offline');
  });

  it('a save from a second tab is refused and shown; the reviewer keeps theirs or takes the other', async () => {
    const service = fakeService();
    const tabA = setup(service);
    const tabB = setup(service);
    tabA.sync.save(7, draft({ overallComment: 'A' }));
    await tabA.tick();
    tabB.sync.save(7, draft({ overallComment: 'B' }));
    await tabB.tick();
    const state = tabB.sync.state();
    expect(state.kind).toBe('conflict');
    expect(state.kind === 'conflict' && state.current?.content.overallComment).toBe('A');
    expect(service.rows.get('email')?.content.overallComment).toBe('A');
    // further typing waits for the choice: nothing overwrites A meanwhile
    tabB.sync.save(7, draft({ overallComment: 'B2' }));
    await tabB.tick();
    expect(service.rows.get('email')?.content.overallComment).toBe('A');
    tabB.sync.keepMine();
    await tabB.tick();
    expect(service.rows.get('email')?.content.overallComment).toBe('B2');
    // now tab A is behind: it takes the other copy
    tabA.sync.save(7, draft({ overallComment: 'A2' }));
    await tabA.tick();
    expect(tabA.sync.state().kind).toBe('conflict');
    expect(tabA.sync.takeTheirs()?.overallComment).toBe('B2');
    expect(tabA.sync.load(7, 'email')?.overallComment).toBe('B2');
  });

  it('a cached draft newer than the service copy is sent; one of an evaluation already stored is dropped', async () => {
    const service = fakeService();
    const storage = memoryStorage();
    const cache = createDraftStore(storage, { account: 'acme', userId: 22 }, () => 9_000);
    cache.save(7, draft({ overallComment: 'offline words' }));
    cache.save(7, draft({ evaluationId: 'done', scorecardId: 'chat' }));
    const { sync, tick } = setup(service, { cache, stored: [{ id: 'done', updatedAt: '2026-01-01T00:00:00Z' }] });
    await tick();
    expect(service.rows.get('email')?.content.overallComment).toBe('offline words');
    expect(sync.load(7, 'chat')).toBeNull();
    expect(cache.load(7, 'chat')).toBeNull();
  });

  it('discarding deletes the service copy too', async () => {
    const { sync, service, tick } = setup();
    sync.save(7, draft());
    await tick();
    sync.clear(7, 'email');
    await Promise.resolve();
    expect(service.rows.size).toBe(0);
    expect(sync.state()).toEqual({ kind: 'idle' });
  });
});

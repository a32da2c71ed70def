import { describe, expect, it } from 'vitest';
import { createDraftStore, draftSlot, type Draft } from './draft-store.ts';
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

describe('draft store', () => {
  it('restores a draft from the same storage (a new page load) and clears it', () => {
    const storage = memoryStorage();
    const t = 1000;
    createDraftStore(storage, { account: 'acme', userId: 22 }, () => t).save(7, draft());
    const again = createDraftStore(storage, { account: 'acme', userId: 22 }, () => t);
    expect(again.load(7, 'email')).toEqual(draft({ savedAt: 1000 }));
    again.clear(7, 'email');
    expect(again.load(7, 'email')).toBeNull();
  });

  it('keeps a calibration draft apart from the review draft of the same scorecard', () => {
    const store = createDraftStore(memoryStorage(), { account: 'acme', userId: 22 });
    const calibration = draft({ evaluationId: 'c1', calibrationSessionId: 's1', answers: { a: { rating: 0 } } });
    store.save(7, draft());
    store.save(7, calibration);
    expect(draftSlot(calibration)).toBe('calibration-s1');
    expect(store.load(7, 'email')?.evaluationId).toBe('e1');
    expect(store.load(7, 'calibration-s1')).toMatchObject({ evaluationId: 'c1', calibrationSessionId: 's1' });
    store.clear(7, 'calibration-s1');
    expect(store.load(7, 'calibration-s1')).toBeNull();
    expect(store.load(7, 'email')).not.toBeNull();
  });

  it('keeps drafts apart per account, ticket, scorecard and user', () => {
    const storage = memoryStorage();
    createDraftStore(storage, { account: 'acme', userId: 22 }).save(7, draft());
    expect(createDraftStore(storage, { account: 'globex', userId: 22 }).load(7, 'email')).toBeNull();
    expect(createDraftStore(storage, { account: 'acme', userId: 23 }).load(7, 'email')).toBeNull();
    expect(createDraftStore(storage, { account: 'acme', userId: 22 }).load(8, 'email')).toBeNull();
    expect(createDraftStore(storage, { account: 'acme', userId: 22 }).load(7, 'chat')).toBeNull();
  });

  it("finds the latest draft of a ticket across scorecards, only the user's own", () => {
    const storage = memoryStorage();
    let t = 1;
    const store = createDraftStore(storage, { account: 'acme', userId: 22 }, () => t);
    store.save(7, draft({ scorecardId: 'email' }));
    t = 2;
    store.save(7, draft({ scorecardId: 'chat' }));
    createDraftStore(storage, { account: 'acme', userId: 23 }, () => 3).save(7, draft({ scorecardId: 'voice' }));
    expect(store.latest(7)?.scorecardId).toBe('chat');
  });

  it('ignores garbage in storage and survives a storage that refuses writes', () => {
    const storage = memoryStorage({ 'ticket-qa:draft:acme:7:22:email': '{not json' });
    const store = createDraftStore(storage, { account: 'acme', userId: 22 });
    expect(store.load(7, 'email')).toBeNull();
    const full = {
      ...memoryStorage(),
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(createDraftStore(full, { account: 'acme', userId: 22 }).save(7, draft())).toBe(false);
  });
});

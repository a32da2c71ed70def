/**
 * Drafts saved to the service as the reviewer works (docs/decisions/019-nothing-typed-is-lost.md): the service's copy
 * is the one that counts, so a draft survives a browser that blocks storage and follows the reviewer to another tab
 * or device; the device's storage, where allowed, is only a cache. Saves are debounced and carry the revision they
 * started from: when another tab or device saved first, the service refuses and the reviewer chooses (nothing is
 * overwritten).
 */
import type { StoredDraft } from '../../core/draft.ts';
import { isTransient, type ServiceError } from '../api/result.ts';
import type { SidebarApi } from '../api/sidebar-api.ts';
import { draftSlot, type Draft, type DraftStore } from './draft-store.ts';

export type DraftSyncState =
  /** Nothing typed yet, or everything discarded. */
  | { kind: 'idle' }
  | { kind: 'saving' }
  /** The service has every change (ms since epoch). */
  | { kind: 'saved'; at: number }
  /** Not on the service yet (unreachable, throttled): kept here, retried. */
  | { kind: 'unsaved'; error: ServiceError }
  /** Another tab or device saved this draft first (`current`), or submitted/discarded it (`current` null). */
  | { kind: 'conflict'; current: StoredDraft | null }
  /** The service refused the draft (e.g. the session ended): kept here, not retried until the next change. */
  | { kind: 'refused'; error: ServiceError };

export interface DraftSync extends DraftStore {
  state(): DraftSyncState;
  /** Conflict: save this copy over the other one. */
  keepMine(): void;
  /** Conflict: take the other copy (null when it was submitted or discarded elsewhere). */
  takeTheirs(): Draft | null;
  /** Send pending changes now (e.g. before the sidebar goes away). */
  flush(): Promise<void>;
  dispose(): void;
}

export interface DraftSyncDeps {
  ticketId: number;
  cache: DraftStore;
  remote: Pick<SidebarApi, 'saveDraft' | 'discardDraft'>;
  /** The service's drafts of this user on this ticket, from the sidebar's load. */
  initial: readonly StoredDraft[];
  /** Evaluations already stored on this ticket: a cached draft that made or edited one is stale. */
  stored: ReadonlyArray<{ id: string; updatedAt: string }>;
  onState?: (state: DraftSyncState) => void;
  debounceMs?: number;
  retryMs?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

interface Entry {
  draft: Draft;
  /** The service's revision this copy builds on; null when the service has none. */
  revision: number | null;
  dirty: boolean;
  /** In conflict: not saved until the reviewer chooses. */
  blocked: boolean;
}

export const DRAFT_DEBOUNCE_MS = 800;
export const DRAFT_RETRY_MS = 5_000;

export function createDraftSync(deps: DraftSyncDeps): DraftSync {
  const { ticketId, cache, remote } = deps;
  const now = deps.now ?? Date.now;
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const entries = new Map<string, Entry>();
  let state: DraftSyncState = { kind: 'idle' };
  let conflictSlot: string | null = null;
  let timer: unknown = null;
  let running: Promise<void> | null = null;
  let disposed = false;

  const setState = (next: DraftSyncState) => {
    state = next;
    deps.onState?.(next);
  };

  for (const d of deps.initial) {
    if (d.ticketId === ticketId) entries.set(d.slot, { draft: d.content, revision: d.revision, dirty: false, blocked: false });
  }
  // the device's copy wins only when it is newer (typed while the service was unreachable); never a stale one
  const done = new Map(deps.stored.map((e) => [e.id, Date.parse(e.updatedAt)]));
  for (const local of cache.all(ticketId)) {
    const slot = draftSlot(local);
    const edited = local.amends !== undefined && (done.get(local.amends) ?? 0) >= local.savedAt;
    if (done.has(local.evaluationId) || edited) {
      cache.clear(ticketId, slot);
      continue;
    }
    const server = entries.get(slot);
    if (!server) entries.set(slot, { draft: local, revision: null, dirty: true, blocked: false });
    else if (local.savedAt > server.draft.savedAt) entries.set(slot, { ...server, draft: local, dirty: true });
  }

  function schedule(ms: number) {
    if (disposed) return;
    if (timer !== null) clearTimer(timer);
    timer = setTimer(() => {
      timer = null;
      void flush();
    }, ms);
  }

  async function pushOnce(): Promise<void> {
    for (const [slot, entry] of entries) {
      if (!entry.dirty || entry.blocked) continue;
      const sent = entry.draft;
      if (conflictSlot === null) setState({ kind: 'saving' });
      const r = await remote.saveDraft(ticketId, slot, entry.revision, sent);
      const latest = entries.get(slot);
      if (r.status === 'ok') {
        if (latest) {
          latest.revision = r.value.revision;
          // typed while it was on its way: that change still has to go
          if (latest.draft === sent) latest.dirty = false;
        }
        continue;
      }
      if (r.error.kind === 'conflict') {
        const body = r.error.body as { current?: StoredDraft | null } | undefined;
        if (latest) latest.blocked = true;
        conflictSlot = slot;
        setState({ kind: 'conflict', current: body?.current ?? null });
        return;
      }
      if (isTransient(r.error.kind)) {
        setState({ kind: 'unsaved', error: r.error });
        schedule(Math.max(deps.retryMs ?? DRAFT_RETRY_MS, (r.error.retryAfter ?? 0) * 1000));
        return;
      }
      setState({ kind: 'refused', error: r.error });
      return;
    }
    const pending = [...entries.values()].some((e) => e.dirty && !e.blocked);
    if (pending) return pushOnce();
    // a conflict stays on screen until the reviewer chooses
    if (conflictSlot !== null && state.kind === 'conflict') return;
    setState(entries.size > 0 ? { kind: 'saved', at: now() } : { kind: 'idle' });
  }

  async function flush(): Promise<void> {
    if (running) return running;
    running = pushOnce().finally(() => {
      running = null;
    });
    return running;
  }

  if ([...entries.values()].some((e) => e.dirty)) schedule(0);
  else if (entries.size > 0) setState({ kind: 'saved', at: now() });

  return {
    load: (t, slot) => (t === ticketId ? (entries.get(slot)?.draft ?? null) : cache.load(t, slot)),
    latest: (t) =>
      t === ticketId ? ([...entries.values()].map((e) => e.draft).sort((a, b) => b.savedAt - a.savedAt)[0] ?? null) : cache.latest(t),
    all: (t) => (t === ticketId ? [...entries.values()].map((e) => e.draft) : cache.all(t)),
    save(t, draft) {
      if (t !== ticketId) return cache.save(t, draft);
      const slot = draftSlot(draft);
      const stamped = { ...draft, savedAt: now() };
      const prev = entries.get(slot);
      entries.set(slot, { draft: stamped, revision: prev?.revision ?? null, dirty: true, blocked: prev?.blocked ?? false });
      cache.save(t, stamped);
      if (!prev?.blocked) schedule(deps.debounceMs ?? DRAFT_DEBOUNCE_MS);
      return true;
    },
    clear(t, slot) {
      cache.clear(t, slot);
      if (t !== ticketId) return;
      const entry = entries.get(slot);
      entries.delete(slot);
      if (conflictSlot === slot) conflictSlot = null;
      // the service deletes a draft with the evaluation it made; a discarded one is deleted here
      if (entry && entry.revision !== null) void remote.discardDraft(ticketId, slot);
      if (state.kind !== 'saving') setState(entries.size > 0 ? state : { kind: 'idle' });
    },
    state: () => state,
    keepMine() {
      if (state.kind !== 'conflict' || conflictSlot === null) return;
      const entry = entries.get(conflictSlot);
      if (entry) Object.assign(entry, { revision: state.current?.revision ?? null, blocked: false, dirty: true });
      conflictSlot = null;
      void flush();
    },
    takeTheirs() {
      if (state.kind !== 'conflict' || conflictSlot === null) return null;
      const { current } = state;
      const slot = conflictSlot;
      conflictSlot = null;
      if (current) {
        entries.set(slot, { draft: current.content, revision: current.revision, dirty: false, blocked: false });
        cache.save(ticketId, current.content);
      } else {
        entries.delete(slot);
        cache.clear(ticketId, slot);
      }
      void flush();
      return current?.content ?? null;
    },
    flush,
    dispose() {
      disposed = true;
      if (timer !== null) clearTimer(timer);
    },
  };
}

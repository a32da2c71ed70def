/**
 * Submissions wait here (persisted in localStorage) until the service has them. Each carries the
 * evaluation's client-made UUID, so a retry after a lost answer never duplicates: the service is idempotent.
 * Nothing is ever dropped: transient failures retry with backoff, other failures wait for the user.
 */
import type { Evaluation } from '../../core/evaluation.ts';
import { isTransient, type Result, type ServiceError } from '../api/result.ts';
import type { EvaluationAmendBody, EvaluationCreateBody, SidebarApi } from '../api/sidebar-api.ts';
import { readJson, writeJson, type KeyValueStorage } from './storage.ts';

export type OutboxState = 'pending' | 'sending' | 'failed';

export type OutboxOp = { op: 'create'; body: EvaluationCreateBody } | { op: 'amend'; target: string; body: EvaluationAmendBody };

export type OutboxEntry = OutboxOp & {
  /** The submission's id: the evaluation UUID for a create, the edit's own UUID for an amend. */
  id: string;
  ticketId: number;
  scorecardId: string;
  state: OutboxState;
  attempts: number;
  /** ms since epoch: not before this. */
  nextAttemptAt: number;
  /** ms since epoch, while `sending` (a tab that died mid-send leaves a stale one: retried after SENDING_LEASE_MS). */
  sendingSince?: number;
  queuedAt: number;
  lastError?: ServiceError;
};

export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_MAX_MS = 60_000;
export const SENDING_LEASE_MS = 60_000;

/** 2 s, 4 s, 8 s ... capped at a minute. */
export const backoff = (attempts: number): number => Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));

export interface OutboxDeps {
  storage: KeyValueStorage;
  /** The storage key's name (default `outbox`): the background's outbox keeps its own. */
  name?: string;
  /** Per account and user: a shared computer never sends one person's evaluation as another. */
  scope: { account: string; userId: number };
  service: Pick<SidebarApi, 'createEvaluation' | 'amendEvaluation'>;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** After the service has it: clear the draft, write back to the ticket, refresh the list. */
  onSent?: (entry: OutboxEntry, evaluation: Evaluation) => void;
  onChange?: (entries: OutboxEntry[]) => void;
}

export interface Outbox {
  entries(): OutboxEntry[];
  /** Persist first, then try at once; resolves with the first attempt's result. */
  submit(op: OutboxOp & { id: string; ticketId: number; scorecardId: string }): Promise<Result<Evaluation>>;
  /** Send everything due now (and stale `sending` ones). */
  flush(): Promise<void>;
  /** The user asks to try a failed or waiting one now. */
  retry(id: string): Promise<void>;
  /** Forgets an entry another holder took over (the background instance). */
  remove(id: string): void;
  dispose(): void;
}

const isEntries = (v: unknown): v is OutboxEntry[] =>
  Array.isArray(v) && v.every((e) => typeof e === 'object' && e !== null && typeof (e as OutboxEntry).id === 'string');

export function createOutbox(deps: OutboxDeps): Outbox {
  const key = `ticket-qa:${deps.name ?? 'outbox'}:${deps.scope.account}:${deps.scope.userId}`;
  const now = deps.now ?? Date.now;
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  // entries this tab holds in memory too, so a full storage still keeps them for the session
  let memory: OutboxEntry[] = readJson(deps.storage, key, isEntries) ?? [];
  let timer: unknown = null;
  let disposed = false;
  const inFlight = new Set<string>();

  const read = (): OutboxEntry[] => {
    const stored = readJson(deps.storage, key, isEntries);
    if (stored) memory = stored;
    return memory;
  };
  const write = (entries: OutboxEntry[]) => {
    memory = entries;
    writeJson(deps.storage, key, entries);
    deps.onChange?.(entries);
  };
  const update = (id: string, change: (e: OutboxEntry) => OutboxEntry | null) => {
    write(read().flatMap((e) => (e.id === id ? (change(e) ?? []) : [e])));
  };

  function schedule() {
    if (disposed) return;
    if (timer !== null) clearTimer(timer);
    timer = null;
    const waiting = read().filter((e) => e.state !== 'failed');
    if (waiting.length === 0) return;
    const due = Math.min(...waiting.map((e) => (e.state === 'sending' ? (e.sendingSince ?? 0) + SENDING_LEASE_MS : e.nextAttemptAt)));
    timer = setTimer(
      () => {
        timer = null;
        void flush();
      },
      Math.max(0, due - now()),
    );
  }

  async function send(id: string): Promise<Result<Evaluation> | null> {
    const entry = read().find((e) => e.id === id);
    if (!entry || inFlight.has(id)) return null;
    inFlight.add(id);
    update(id, (e) => ({ ...e, state: 'sending', sendingSince: now() }));
    let result: Result<Evaluation>;
    try {
      result =
        entry.op === 'create'
          ? await deps.service.createEvaluation(entry.body)
          : await deps.service.amendEvaluation(entry.target, entry.body);
    } catch (error) {
      result = { status: 'error', error: { kind: 'server', message: error instanceof Error ? error.message : String(error) } };
    } finally {
      inFlight.delete(id);
    }
    if (result.status === 'ok') {
      update(id, () => null);
      deps.onSent?.(entry, result.value);
    } else {
      const error = result.error;
      update(id, (e) => {
        const { sendingSince: _s, ...rest } = e;
        const attempts = e.attempts + 1;
        return isTransient(error.kind)
          ? {
              ...rest,
              state: 'pending',
              attempts,
              nextAttemptAt: now() + Math.max(backoff(attempts), (error.retryAfter ?? 0) * 1000),
              lastError: error,
            }
          : { ...rest, state: 'failed', attempts, lastError: error };
      });
    }
    schedule();
    return result;
  }

  async function flush() {
    const t = now();
    const due = read().filter(
      (e) => (e.state === 'pending' && e.nextAttemptAt <= t) || (e.state === 'sending' && (e.sendingSince ?? 0) + SENDING_LEASE_MS <= t),
    );
    // one at a time, oldest first: the service sees submissions in the order they were made
    for (const e of due.sort((a, b) => a.queuedAt - b.queuedAt)) await send(e.id);
    schedule();
  }

  // a tab that closed mid-send left `sending`: the lease makes it due again
  schedule();

  return {
    entries: () => read(),
    async submit(op) {
      const existing = read().find((e) => e.id === op.id);
      const entry: OutboxEntry = {
        ...op,
        state: 'pending',
        attempts: existing?.attempts ?? 0,
        nextAttemptAt: now(),
        queuedAt: existing?.queuedAt ?? now(),
      };
      write([...read().filter((e) => e.id !== op.id), entry]);
      return (await send(op.id)) ?? { status: 'error', error: { kind: 'unreachable', message: 'already sending' } };
    },
    flush,
    async retry(id) {
      update(id, (e) => ({ ...e, state: 'pending', nextAttemptAt: now() }));
      await send(id);
    },
    remove(id) {
      update(id, () => null);
      schedule();
    },
    dispose() {
      disposed = true;
      if (timer !== null) clearTimer(timer);
    },
  };
}

/**
 * How the sidebar hands an undeliverable evaluation to the background instance, which outlives the ticket: the
 * sidebar asks it to HOLD the entry (answered HELD), asks for the entries it holds for a ticket (LIST, answered
 * ENTRIES), and the background tells every sidebar when one was SENT. Each message names its sender's instance.
 */
import type { Evaluation } from '../../core/evaluation.ts';
import type { OutboxEntry } from '../sidebar/outbox.ts';
import type { WriteBackFields, WriteBackOutcome } from '../sidebar/write-back.ts';
import type { ZafPort } from '../zaf/port.ts';

export const HOLD = 'ticket-qa:outbox.hold';
export const HELD = 'ticket-qa:outbox.held';
export const LIST = 'ticket-qa:outbox.list';
export const ENTRIES = 'ticket-qa:outbox.entries';
export const SENT = 'ticket-qa:outbox.sent';

/** What the background needs to finish the job the sidebar started: send, then write the ticket's fields. */
export interface Held {
  entry: OutboxEntry;
  writeBack: { enabled: boolean; fields: WriteBackFields };
}

export interface Sent {
  entryId: string;
  ticketId: number;
  evaluation: Evaluation;
  /** Null for a calibration score, which never goes to the ticket's fields. */
  writeBack: WriteBackOutcome | null;
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

export const isEntry = (v: unknown): v is OutboxEntry =>
  isObject(v) &&
  isText(v.id) &&
  isId(v.ticketId) &&
  typeof v.scorecardId === 'string' &&
  (v.op === 'create' || v.op === 'amend') &&
  isObject(v.body);

export const parseHeld = (v: unknown): Held | null =>
  isObject(v) && isEntry(v.entry) && isObject(v.writeBack) && typeof v.writeBack.enabled === 'boolean' && isObject(v.writeBack.fields)
    ? { entry: v.entry, writeBack: v.writeBack as Held['writeBack'] }
    : null;

export const parseSent = (v: unknown): Sent | null =>
  isObject(v) && isText(v.entryId) && isId(v.ticketId) && isObject(v.evaluation) ? (v as unknown as Sent) : null;

let asked = 0;

/**
 * Sends `name` with `payload` to the instance `target` and waits for its `replyName` answering the same id; the
 * answer, or null when none came within `timeoutMs` (the instance is gone, or still loading).
 */
export function ask<T>(
  zaf: ZafPort,
  self: string,
  target: string,
  name: string,
  replyName: string,
  payload: Loose,
  parse: (v: Loose) => T | null,
  timeoutMs = 3000,
): Promise<T | null> {
  const id = `${self}:${++asked}`;
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(null), timeoutMs);
    const off = zaf.on(replyName, (data) => {
      if (isObject(data) && data.id === id) finish(parse(data));
    });
    function finish(value: T | null) {
      clearTimeout(timer);
      off();
      resolve(value);
    }
    zaf.trigger(target, name, { ...payload, from: self, id });
  });
}

/** Answers `name` from any instance that names itself and the request: `handle`'s result goes back as `replyName`. */
export function answer(zaf: ZafPort, name: string, replyName: string, handle: (data: Loose) => Promise<Loose | null>): () => void {
  return zaf.on(name, (data) => {
    if (!isObject(data) || !isText(data.from) || !isText(data.id)) return;
    const { from, id } = data;
    void Promise.all([handle(data), zaf.context()]).then(
      ([result, { instanceGuid }]) => result && zaf.trigger(from, replyName, { ...result, id, from: instanceGuid }),
      (error: unknown) => console.error(`[ticket-qa] background: ${name} failed`, error),
    );
  });
}

/** Every ticket sidebar instance in this Zendesk session (the background tells them what it sent). */
export async function sidebarInstances(zaf: ZafPort): Promise<string[]> {
  const { values } = await zaf.get(['instances']);
  const all = isObject(values.instances) ? Object.entries(values.instances) : [];
  return all.flatMap(([guid, c]) =>
    isObject(c) && c.location === 'ticket_sidebar' ? [isText(c.instanceGuid) ? c.instanceGuid : guid] : [],
  );
}

/**
 * The background's outbox: evaluations a sidebar could not deliver (service unreachable) wait here, for the agent's
 * whole Zendesk session, and are retried until the service has them; then the ticket's fields are written and every
 * open sidebar is told. Closing the ticket does not lose them (docs/decisions/019-nothing-typed-is-lost.md). The
 * service is idempotent by id.
 */
import type { SidebarApi } from '../api/sidebar-api.ts';
import { isCalibration } from '../sidebar/calibration.ts';
import { createOutbox } from '../sidebar/outbox.ts';
import type { KeyValueStorage } from '../sidebar/storage.ts';
import { writeBack, type WriteBackOutcome } from '../sidebar/write-back.ts';
import type { ZafPort } from '../zaf/port.ts';
import { answer, ENTRIES, HELD, HOLD, LIST, parseHeld, SENT, sidebarInstances, type Held, type Sent } from './outbox-messages.ts';

export interface OutboxHostDeps {
  zaf: ZafPort;
  service: Pick<SidebarApi, 'createEvaluation' | 'amendEvaluation'>;
  scope: { account: string; userId: number };
  storage: KeyValueStorage;
}

export function startOutboxHost({ zaf, service, scope, storage }: OutboxHostDeps): () => void {
  const writeBacks = new Map<string, Held['writeBack']>();
  const outbox = createOutbox({
    storage,
    // its own key: a sidebar's outbox in the same storage is never sent twice from here
    name: 'background-outbox',
    scope,
    service,
    onSent: (entry, evaluation) => {
      const settings = writeBacks.get(entry.id);
      writeBacks.delete(entry.id);
      const fields: Promise<WriteBackOutcome | null> =
        isCalibration(evaluation) || !settings
          ? Promise.resolve(null)
          : writeBack(zaf, entry.ticketId, evaluation, { ...settings, updatedAt: null }).catch(
              (error: unknown): WriteBackOutcome => ({ status: 'failed', httpStatus: 0, message: String(error) }),
            );
      void fields.then(async (outcome) => {
        const sent: Sent = { entryId: entry.id, ticketId: entry.ticketId, evaluation, writeBack: outcome };
        for (const guid of await sidebarInstances(zaf)) zaf.trigger(guid, SENT, sent);
      });
    },
  });
  void outbox.flush();
  const online = () => void outbox.flush();
  globalThis.addEventListener?.('online', online);

  const offHold = answer(zaf, HOLD, HELD, async (data) => {
    const held = parseHeld(data);
    if (!held) return null;
    writeBacks.set(held.entry.id, held.writeBack);
    // the first try is now: the sidebar's last one may have failed only a moment ago
    void outbox.submit(held.entry);
    return { entryId: held.entry.id };
  });
  const offList = answer(zaf, LIST, ENTRIES, async (data) => {
    const ticketId = data.ticketId;
    return { entries: outbox.entries().filter((e) => e.ticketId === ticketId) };
  });

  return () => {
    offHold();
    offList();
    globalThis.removeEventListener?.('online', online);
    outbox.dispose();
  };
}

/**
 * The sidebar's side of the background instance (loaded after the sidebar is usable, off the up-front budget): find
 * it, ask what it holds for a ticket, hand it an entry, hear what it sent.
 */
import { findBackground } from '../background/messages.ts';
import { ask, ENTRIES, HELD, HOLD, isEntry, LIST, parseSent, SENT, type Held, type Sent } from '../background/outbox-messages.ts';
import type { ZafPort } from '../zaf/port.ts';
import type { OutboxEntry } from './outbox.ts';

export interface BackgroundLink {
  /** What it holds for the ticket; null when it did not answer. */
  list(ticketId: number): Promise<OutboxEntry[] | null>;
  /** true once it said it holds the entry. */
  hold(held: Held): Promise<boolean>;
  onSent(handler: (sent: Sent) => void): () => void;
}

/** The link, or null when this Zendesk session runs no background instance of the app. */
export async function linkBackground(zaf: ZafPort): Promise<BackgroundLink | null> {
  const [{ instanceGuid: self }, guid] = await Promise.all([zaf.context(), findBackground(zaf)]);
  if (!guid) return null;
  return {
    list: (ticketId) =>
      ask(zaf, self, guid, LIST, ENTRIES, { ticketId }, (v) => (Array.isArray(v.entries) ? v.entries.filter(isEntry) : null)),
    hold: async (held) =>
      (await ask(zaf, self, guid, HOLD, HELD, { ...held }, (v) => (v.entryId === held.entry.id ? true : null))) === true,
    onSent: (handler) =>
      zaf.on(SENT, (data) => {
        const sent = parseSent(data);
        if (sent) handler(sent);
      }),
  };
}

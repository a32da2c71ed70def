/**
 * The app's background instance: one per Zendesk session, hidden, alive until the agent leaves Zendesk. For now it
 * only answers pings, so the other locations can find it and know it is listening.
 */
import type { BootRead } from '../api/boot.ts';
import type { ZafPort } from '../zaf/port.ts';
import { parsePing, PING, PONG, type Pong } from './messages.ts';

export interface BackgroundOptions {
  /** The page's boot (`#ticket-qa-boot`): the service session of this background's signed load. */
  boot: BootRead;
}

/** Subscribes at once (a ping may arrive right after registration); returns the unsubscribe. */
export function startBackground(zaf: ZafPort, { boot }: BackgroundOptions): () => void {
  return zaf.on(PING, (data) => {
    const ping = parsePing(data);
    if (!ping) return;
    // the SDK keeps the context once registered: no round trip after the first
    void zaf.context().then(({ instanceGuid }) => {
      zaf.trigger(ping.from, PONG, { id: ping.id, from: instanceGuid, signedIn: boot.status === 'ok' } satisfies Pong);
    }, (error: unknown) => console.error('[ticket-qa] background: no context to answer a ping', error));
  });
}

/**
 * The app's background instance: one per Zendesk session, hidden, alive until the agent leaves Zendesk. It answers
 * pings (so the other locations can find it) and holds the evaluations a sidebar could not deliver yet.
 */
import type { BootRead } from '../api/boot.ts';
import { bootServiceCall } from '../api/service-call.ts';
import { createSidebarApi, type SidebarApi } from '../api/sidebar-api.ts';
import { browserStorage } from '../sidebar/use-sidebar.ts';
import type { ZafPort } from '../zaf/port.ts';
import { parsePing, PING, PONG, type Pong } from './messages.ts';
import { startOutboxHost } from './outbox-host.ts';

export interface BackgroundOptions {
  /** The page's boot (`#ticket-qa-boot`): the service session of this background's signed load. */
  boot: BootRead;
  /** The service client (tests pass a fake); by default the page's own, with the boot's session. */
  service?: Pick<SidebarApi, 'createEvaluation' | 'amendEvaluation'>;
}

/** Subscribes at once (a ping may arrive right after registration); returns the unsubscribe. */
export function startBackground(zaf: ZafPort, { boot, service }: BackgroundOptions): () => void {
  const stopOutbox =
    boot.status === 'ok'
      ? startOutboxHost({
          zaf,
          service: service ?? createSidebarApi(bootServiceCall(boot.boot)),
          scope: { account: boot.boot.account, userId: boot.boot.user.id },
          storage: browserStorage(),
        })
      : () => undefined;
  const stopPing = zaf.on(PING, (data) => {
    const ping = parsePing(data);
    if (!ping) return;
    // the SDK keeps the context once registered: no round trip after the first
    void zaf.context().then(
      ({ instanceGuid }) => {
        zaf.trigger(ping.from, PONG, { id: ping.id, from: instanceGuid, signedIn: boot.status === 'ok' } satisfies Pong);
      },
      (error: unknown) => console.error('[ticket-qa] background: no context to answer a ping', error),
    );
  });
  return () => {
    stopPing();
    stopOutbox();
  };
}

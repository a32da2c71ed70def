/** Browser-only: the one place that imports the ZAF SDK (it reads window at import time). */
import ZAFClient from 'zendesk_app_framework_sdk';
import type { ZafPort } from './port.ts';
import { createZafClient } from './zaf-client.ts';

/** The port, or null when the page was not opened by Zendesk (no `origin` / `app_guid` in its URL). */
export function bootZaf(): ZafPort | null {
  const sdk = ZAFClient.init();
  return sdk ? createZafClient(sdk) : null;
}

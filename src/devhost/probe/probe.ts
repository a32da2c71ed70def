/**
 * A protocol probe: a bare app page with the real ZAF SDK, served from the app origin like the real app. Tests drive
 * the SDK through `window.zafClient` to check the host's protocol without depending on the app's UI.
 */
import ZAFClient from 'zendesk_app_framework_sdk';

const client = ZAFClient.init();
const out = document.getElementById('probe')!;
if (!client) {
  out.textContent = 'not opened by a Zendesk host (no origin/app_guid)';
} else {
  Object.assign(window, { zafClient: client });
  client.on('app.registered', (data: unknown) => {
    out.dataset.registered = 'true';
    out.textContent = JSON.stringify(data, null, 2);
  });
}

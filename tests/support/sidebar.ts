/** Opening the ticket sidebar in the local Zendesk, for e2e tests. */
import type { Frame, Page } from 'playwright-core';
import type { TestBrowser } from './browser.ts';
import type { DevhostHandle } from './devhost.ts';

/** The id of the sample ticket with this subject (src/devhost/sample-data.ts). */
export function sampleTicket(dh: DevhostHandle, subject: string): number {
  const t = dh.state.tickets().find((x) => x.subject === subject);
  if (!t) throw new Error(`no sample ticket "${subject}"`);
  return t.id;
}

/** Opens the ticket as the user in a new page (of this window size); resolves once the sidebar has rendered. */
export async function openTicketSidebar(
  dh: DevhostHandle,
  browser: TestBrowser,
  o: { user: number; ticket: number; window?: { width: number; height: number } },
): Promise<{ page: Page; app: Frame }> {
  const page = await browser.context.newPage();
  if (o.window) await page.setViewportSize(o.window);
  await page.goto(dh.ticketUrl(o.ticket, { user: o.user }));
  for (let i = 0; i < 200; i++) {
    const app = dh.frameOf(page, 'ticket_sidebar');
    if (app) {
      await app.locator('.qa-sidebar, .qa-state').first().waitFor({ timeout: 15_000 });
      return { page, app };
    }
    await page.waitForTimeout(50);
  }
  throw new Error('the app iframe never appeared');
}

/**
 * The local Zendesk end to end: Chromium, the real ZAF SDK in an iframe on another origin, the built app and the
 * QA service. The protocol probe (a bare page with the SDK) checks the host's protocol itself; the real sidebar
 * checks that the product boots through it, signed in by a load that the local Zendesk signed as Zendesk does.
 */
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser, type TestBrowser } from '../support/browser.ts';
import { IDS, startDevhost, USERS, type DevhostHandle } from '../support/devhost.ts';

let dh: DevhostHandle;
let browser: TestBrowser;

/** The frame of the app instance at `location` once its SDK is registered (probe) or the app rendered. */
async function appFrame(
  page: Page,
  location = 'ticket_sidebar',
  ready = '#probe[data-registered], .qa-sidebar, .qa-state',
): Promise<Frame> {
  const handle = await page.waitForSelector(`iframe.app-${location}`);
  const frame = (await handle.contentFrame())!;
  await frame.waitForSelector(ready, { timeout: 20_000 });
  return frame;
}

async function open(url: string, location = 'ticket_sidebar'): Promise<{ page: Page; app: Frame }> {
  const page = await browser.context.newPage();
  await page.goto(url);
  return { page, app: await appFrame(page, location) };
}

type Zaf = {
  get(p: string | string[]): Promise<Record<string, unknown>>;
  invoke(name: string, ...args: unknown[]): Promise<Record<string, unknown>>;
  request(o: unknown): Promise<unknown>;
  postMessage(name: string, data?: unknown): void;
  on(name: string, fn: (d: unknown) => unknown): void;
  set(path: string, value: unknown): Promise<unknown>;
  instance(guid: string): { trigger(name: string, data?: unknown): void };
  context(): Promise<{ instanceGuid: string; location: string }>;
};
/** Runs `fn` with the probe's real SDK client inside the app origin. */
function zaf<T>(frame: Frame, fn: (client: Zaf, arg: never) => Promise<T> | T, arg?: unknown): Promise<T> {
  return frame.evaluate(
    ([source, a]) =>
      new Function('client', 'arg', `return (${source})(client, arg)`)((window as unknown as { zafClient: unknown }).zafClient, a),
    [fn.toString(), arg] as const,
  ) as Promise<T>;
}

/** What the host page knows of an app instance (`window.devhost.instances`). */
interface HostInstance {
  guid: string;
  location: string;
  registered: boolean;
  registrations: number;
  destroying: boolean;
  subscribed: string[];
}
interface HostEvent {
  guid: string;
  location: string;
  name: string;
  data?: unknown;
}
type HostWindow = {
  devhost: {
    instances: Map<
      string,
      {
        guid: string;
        location: string;
        registered: boolean;
        registrations: number;
        destroying: boolean;
        subscriptions: Map<string, number>;
      }
    >;
    events: HostEvent[];
  };
};

const hostInstances = (page: Page): Promise<HostInstance[]> =>
  page.evaluate(() =>
    [...(window as unknown as HostWindow).devhost.instances.values()].map((i) => ({
      guid: i.guid,
      location: i.location,
      registered: i.registered,
      registrations: i.registrations,
      destroying: i.destroying,
      subscribed: [...i.subscriptions.keys()],
    })),
  );
const hostEvents = (page: Page): Promise<HostEvent[]> => page.evaluate(() => (window as unknown as HostWindow).devhost.events);

/** The background instance's guid, once its app has registered and listens for pings. */
async function backgroundReady(page: Page): Promise<string> {
  const listening = async () =>
    (await hostInstances(page)).filter((i) => i.location === 'background' && i.registered && i.subscribed.includes('ticket-qa:ping'));
  await expect.poll(async () => (await listening()).length, { timeout: 20_000 }).toBe(1);
  return (await listening())[0]!.guid;
}

/**
 * The app instance of a view once it is shown: `ticket:<id>` (its sidebar) or `nav_bar`. Ticket tabs and the nav
 * bar page stay in the page, hidden, when left.
 */
async function shownApp(
  page: Page,
  pane: string,
  ready = '#probe[data-registered], .qa-sidebar, .qa-state, [role=tablist]',
): Promise<{ guid: string; frame: Frame }> {
  const location = pane === 'nav_bar' ? 'nav_bar' : 'ticket_sidebar';
  const handle = await page.waitForSelector(`.view-pane[data-pane="${pane}"]:not([hidden]) iframe.app-${location}`);
  const frame = (await handle.contentFrame())!;
  await frame.waitForSelector(ready, { timeout: 20_000 });
  return { guid: (await handle.getAttribute('data-instance-guid'))!, frame };
}

describe.skipIf(!chromiumAvailable())('the local Zendesk (devhost) in Chromium', () => {
  beforeAll(async () => {
    [dh, browser] = await Promise.all([startDevhost({ quiet: true }), launchBrowser().then((b) => b!)]);
  });
  afterAll(async () => {
    await browser?.close();
    await dh?.stop();
  });

  it('serves the app from another origin with origin and app_guid, as Zendesk does', async () => {
    const { page, app } = await open(dh.ticketUrl(1, { probe: true }));
    const url = new URL(app.url());
    expect(url.origin).toBe(dh.appOrigin);
    expect(url.origin).not.toBe(dh.hostOrigin);
    expect(url.searchParams.get('origin')).toBe(dh.hostOrigin);
    expect(url.searchParams.get('app_guid')).toMatch(/^[0-9a-f-]{36}$/);
    await page.close();
  });

  it('registers the SDK with metadata (the non-secure settings) and the ticket context', async () => {
    const { page, app } = await open(dh.ticketUrl(1, { probe: true }));
    const registered = JSON.parse((await app.locator('#probe').textContent())!) as {
      metadata: { appId: number; installationId: number; settings: Record<string, unknown> };
      context: Record<string, unknown>;
    };
    expect(registered.metadata).toMatchObject({ appId: expect.any(Number), installationId: expect.any(Number), name: 'Ticket QA' });
    expect(registered.metadata.settings).toMatchObject({ writeBack: true });
    // the service's address, credential and groups are no app settings any more
    for (const gone of ['serviceUrl', 'serviceToken', 'reviewerGroupIds', 'leadGroupIds'])
      expect(registered.metadata.settings).not.toHaveProperty(gone);
    expect(JSON.stringify(registered)).not.toContain(dh.secrets.apiToken);
    expect(registered.context).toMatchObject({
      host: 'zendesk',
      product: 'support',
      location: 'ticket_sidebar',
      account: { subdomain: 'acme' },
      ticketId: 1,
    });
    await page.close();
  });

  it('answers get like Zendesk: a bad single path rejects, an array reports it under errors', async () => {
    const { page, app } = await open(dh.ticketUrl(1, { probe: true }));
    const many = await zaf(app, (c) =>
      c.get(['ticket.subject', 'ticket.assignee.user.name', 'currentUser.role', 'requirement:qa_score', 'ticket.nope']),
    );
    expect(many).toMatchObject({
      'ticket.subject': dh.state.ticket(1)!.subject,
      'ticket.assignee.user.name': 'Alex Agent',
      'currentUser.role': 'agent',
      'requirement:qa_score': { requirement_id: IDS.fields.qaScore },
      errors: { 'ticket.nope': { message: expect.any(String) } },
    });
    const single = await zaf(app, (c) =>
      c.get('ticket.nope').then(
        () => 'resolved',
        (e: Error) => `rejected: ${e.message}`,
      ),
    );
    expect(single).toMatch(/^rejected: .*ticket\.nope/);
    await page.close();
  });

  it('reports a protocol message it does not implement loudly: page log, console and terminal', async () => {
    const { page, app } = await open(dh.ticketUrl(1, { probe: true }));
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    const outcome = await zaf(app, (c) => {
      c.postMessage('mystery.message', { x: 1 });
      return c.invoke('teleport', 'ticket').then(
        () => 'resolved',
        (e: Error) => `rejected: ${e.message}`,
      );
    });
    expect(outcome).toMatch(/^rejected: .*teleport/);
    await page.locator('#log .log-unimplemented', { hasText: 'teleport' }).waitFor();
    await expect(page.locator('#log').innerText()).resolves.toContain('UNIMPLEMENTED message key "mystery.message"');
    expect(consoleErrors.join('\n')).toContain('UNIMPLEMENTED invoke "teleport"');
    await expect
      .poll(() =>
        dh
          .reports()
          .map((r) => r.message)
          .join('\n'),
      )
      .toContain('message key "mystery.message"');
    await page.close();
  });

  it("proxies client.request to the Zendesk API as the signed-in agent, without the service's credential", async () => {
    const { page, app } = await open(dh.ticketUrl(1, { user: USERS.sam, probe: true }));
    const me = await zaf(app, (c) => c.request({ url: '/api/v2/users/me.json' }));
    expect(me).toMatchObject({ user: { id: USERS.sam, name: 'Sam Support' } });
    // the same API over HTTP without the credential: Zendesk's 401, whoever the caller says it is
    const direct = await fetch(`${dh.hostOrigin}/api/v2/users/me.json`, { headers: { 'x-devhost-user': String(USERS.ada) } });
    expect(direct.status).toBe(401);
    expect(await direct.json()).toEqual({ error: "Couldn't authenticate you" });
    await page.close();
  });

  it('loads each app location with a POST of a token Zendesk signed; a GET of the page is refused', async () => {
    const page = await browser.context.newPage();
    const first: Array<{ method: string; url: string; body: string; type: string }> = [];
    page.on('request', (r) => {
      if (r.url().startsWith(`${dh.appOrigin}/app/ticket-sidebar.html`) && r.isNavigationRequest()) {
        first.push({ method: r.method(), url: r.url(), body: r.postData() ?? '', type: r.headers()['content-type'] ?? '' });
      }
    });
    await page.goto(dh.ticketUrl(2));
    const app = await appFrame(page);
    expect(first).toHaveLength(1);
    expect(first[0]!.method).toBe('POST');
    expect(first[0]!.type).toBe('application/x-www-form-urlencoded');
    const url = new URL(first[0]!.url);
    expect(url.searchParams.get('origin')).toBe(dh.hostOrigin);
    expect(url.searchParams.get('app_guid')).toMatch(/^[0-9a-f-]{36}$/);
    const token = new URLSearchParams(first[0]!.body).get('token')!;
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({
      iss: 'acme.zendesk.com',
      aud: `https://acme.zendesk.com/api/v2/apps/installations/${dh.state.installationId}.json`,
      sub: `https://acme.zendesk.com/api/v2/users/${USERS.rita}.json`,
      context: { product: 'support', location: 'ticket_sidebar' },
    });
    // the token is in the form body, never in the URL
    expect(first[0]!.url).not.toContain(token.slice(-40));
    // the page booted with the session the service made for this load
    const boot = JSON.parse((await app.locator('#ticket-qa-boot').textContent())!) as { user: { id: number; role: string } };
    expect(boot.user).toMatchObject({ id: USERS.rita, role: 'reviewer' });
    // the same page fetched without a signed token: refused
    const get = await fetch(first[0]!.url);
    expect(get.status).toBe(401);
    expect(await get.text()).not.toContain('ticket-qa-boot');
    const forged = await fetch(first[0]!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'token=e30.e30.',
    });
    expect(forged.status).toBe(401);
    await page.close();
  });

  it("never lets the service's API token or the app's private key reach the browser; the session never rides in a URL", async () => {
    const page = await browser.context.newPage();
    const secrets = { apiToken: dh.secrets.apiToken, privateKey: dh.secrets.privateKeyPem.split('\n')[1]! };
    const leaks: string[] = [];
    const urls: string[] = [];
    const check = (where: string, text: string) => {
      for (const [name, secret] of Object.entries(secrets)) if (text.includes(secret)) leaks.push(`${name} in ${where}`);
    };
    page.on('request', (r) => {
      urls.push(r.url());
      check(`request ${r.url()}`, `${r.url()} ${r.postData() ?? ''} ${JSON.stringify(r.headers())}`);
    });
    page.on('response', async (r) => {
      const body = await r.text().catch(() => '');
      check(`response ${r.url()}`, `${body} ${JSON.stringify(await r.allHeaders())}`);
    });
    const serviceCalls: string[] = [];
    page.on('response', (r) => {
      if (r.url().startsWith(`${dh.appOrigin}/api/v1/`)) serviceCalls.push(`${r.request().method()} ${r.status()}`);
    });
    await page.goto(dh.ticketUrl(2));
    const app = await appFrame(page);
    await app.locator('.qa-sidebar').waitFor();
    await expect.poll(() => serviceCalls.length).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    check('the host page', await page.content());
    check('the app page', await app.content());
    expect(leaks).toEqual([]);
    const { session } = JSON.parse((await app.locator('#ticket-qa-boot').textContent())!) as { session: string };
    expect(session).toMatch(/^s1\.acme\./);
    const secret = session.split('.')[2]!;
    expect(urls.filter((u) => u.includes(secret) || decodeURIComponent(u).includes(secret))).toEqual([]);
    expect(
      page
        .frames()
        .map((f) => f.url())
        .filter((u) => u.includes(secret)),
    ).toEqual([]);
    await page.close();
  });

  it('boots the real sidebar: the scorecard for the ticket, and ticket data it got through ZAF and the proxy', async () => {
    const email = await open(dh.ticketUrl(1));
    await expect.poll(() => email.app.locator('body').innerText()).toContain('Email support');
    const text = await email.app.locator('body').innerText();
    expect(text).toContain('Alex Agent'); // ticket.assignee via ZAF get
    // first reply from /api/v2/tickets/1/metrics via the proxy; the numbers load after the scorecard is usable
    await expect.poll(() => email.app.locator('body').innerText()).toMatch(/38\s?min/);
    await email.page.close();

    const chat = await open(dh.ticketUrl(2));
    await expect.poll(() => chat.app.locator('body').innerText()).toContain('Chat and messaging');
    await chat.page.close();
  });

  it('the user switcher changes who is signed in, and so what the sidebar shows', async () => {
    const { page, app } = await open(dh.ticketUrl(2, { user: USERS.rita }));
    await expect.poll(() => app.locator('body').innerText()).toContain('Reviewee');
    await Promise.all([page.waitForURL(new RegExp(`user=${USERS.alex}`)), page.locator('#user-switcher').selectOption(String(USERS.alex))]);
    const agentView = await appFrame(page);
    await expect.poll(() => agentView.locator('body').innerText()).not.toContain('Reviewee');
    // the agent sees the evaluation of their own work on this ticket (seeded), scored under its scorecard
    await expect.poll(() => agentView.locator('body').innerText()).toContain('Chat and messaging');
    await page.close();

    const probe = await open(dh.ticketUrl(2, { user: USERS.sam, probe: true }));
    expect(await zaf(probe.app, (c) => c.get('currentUser.name'))).toMatchObject({ 'currentUser.name': 'Sam Support' });
    await probe.page.close();
  });

  it('switching users shows each only what their Zendesk role allows, each through their own signed load', async () => {
    const page = await browser.context.newPage();
    const tokens: Array<{ page: string; token: string }> = [];
    page.on('request', (r) => {
      if (r.isNavigationRequest() && r.method() === 'POST' && r.url().startsWith(`${dh.appOrigin}/app/`)) {
        tokens.push({ page: new URL(r.url()).pathname, token: new URLSearchParams(r.postData() ?? '').get('token') ?? '' });
      }
    });
    const bootOfFrame = async (frame: Frame) =>
      JSON.parse((await frame.locator('#ticket-qa-boot').textContent())!) as { user: { id: number; role: string } };
    const switchTo = (user: number) =>
      Promise.all([page.waitForURL(new RegExp(`user=${user}`)), page.locator('#user-switcher').selectOption(String(user))]);

    // the sidebar: the reviewer scores, the agent only reads what was said about their work
    await page.goto(dh.ticketUrl(2, { user: USERS.rita }));
    let app = await appFrame(page);
    expect((await bootOfFrame(app)).user).toEqual(expect.objectContaining({ id: USERS.rita, role: 'reviewer' }));
    await app.locator('[data-crit] [role=radio]').first().waitFor();
    await switchTo(USERS.alex);
    app = await appFrame(page);
    expect((await bootOfFrame(app)).user).toEqual(expect.objectContaining({ id: USERS.alex, role: 'agent' }));
    await expect.poll(() => app.locator('body').innerText()).toContain('Chat and messaging');
    expect(await app.locator('[data-crit] [role=radio]').count()).toBe(0);

    // the nav bar: the admin gets the admin parts (API keys), the lead and the reviewer do not
    await page.goto(dh.navBarUrl({ user: USERS.ada }));
    app = await appFrame(page, 'nav_bar', '[role=tablist], .qa-state');
    expect((await bootOfFrame(app)).user.role).toBe('admin');
    await app.getByRole('tab', { name: 'API keys' }).waitFor();
    for (const [user, role] of [
      [USERS.lee, 'lead'],
      [USERS.rita, 'reviewer'],
    ] as const) {
      await switchTo(user);
      app = await appFrame(page, 'nav_bar', '[role=tablist], .qa-state');
      expect((await bootOfFrame(app)).user).toEqual(expect.objectContaining({ id: user, role }));
      await app.getByRole('tab', { name: 'Reports' }).waitFor();
      expect(await app.getByRole('tab', { name: 'API keys' }).count()).toBe(0);
    }
    // one signed load per page shown, each naming the user who was signed in; and one of the background per page
    // load (each is a new Zendesk session)
    const subjects = (pages: string[]) =>
      tokens
        .filter((t) => pages.includes(t.page))
        .map((t) =>
          Number(
            (JSON.parse(Buffer.from(t.token.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub.match(/users\/(\d+)/)![1],
          ),
        );
    expect(subjects(['/app/ticket-sidebar.html', '/app/nav-bar.html'])).toEqual([USERS.rita, USERS.alex, USERS.ada, USERS.lee, USERS.rita]);
    expect(subjects(['/app/background.html'])).toEqual([USERS.rita, USERS.alex, USERS.ada, USERS.lee, USERS.rita]);
    await page.close();
  });

  it('set fills the unsaved ticket form; the save hook can refuse; a save stores it', async () => {
    const { page, app } = await open(dh.ticketUrl(1, { probe: true }));
    const path = `ticket.customField:custom_field_${IDS.fields.qaResult}`;
    await zaf(app, (c, p: string) => c.set(p, 'qa_pass'), path);
    await expect(page.locator('#draft-list').innerText()).resolves.toContain('qa_pass');
    expect(dh.state.fieldValue(dh.state.ticket(1)!, IDS.fields.qaResult)).toBeNull();
    await zaf(app, (c) => {
      c.on('ticket.save', () => 'QA score missing');
      return null;
    });
    await page.locator('#submit-ticket').click();
    await page.locator('.toast', { hasText: 'QA score missing' }).waitFor();
    expect(dh.state.fieldValue(dh.state.ticket(1)!, IDS.fields.qaResult)).toBeNull();
    await page.reload();
    const again = await appFrame(page);
    await zaf(again, (c, p: string) => c.set(p, 'qa_pass'), path);
    await page.locator('#submit-ticket').click();
    await expect.poll(() => dh.state.fieldValue(dh.state.ticket(1)!, IDS.fields.qaResult)).toBe('qa_pass');
    await page.close();
  });

  it('opens a modal with instances.create; the modal registers and can close itself', async () => {
    const { page, app } = await open(dh.ticketUrl(1, { probe: true }));
    const created = await zaf(app, (c) =>
      c.invoke('instances.create', { location: 'modal', url: '/probe/probe.html', size: { width: '400px', height: '200px' } }),
    );
    const context = (created['instances.create'] as Array<{ instanceGuid: string; location: string }>)[0]!;
    expect(context.location).toBe('modal');
    const modal = await appFrame(page, 'modal');
    const registered = JSON.parse((await modal.locator('#probe').textContent())!) as { context: { location: string; ticketId: number } };
    expect(registered.context).toMatchObject({ location: 'modal', ticketId: 1 });
    // instance messaging: the sidebar triggers an event on the modal through the host
    await zaf(modal, (c) => {
      c.on('qa.hello', (d) => Object.assign(window, { hello: d }));
      return null;
    });
    await zaf(app, (c, guid: string) => c.instance(guid).trigger('qa.hello', { from: 'sidebar' }), context.instanceGuid);
    await expect.poll(() => modal.evaluate(() => (window as unknown as { hello?: unknown }).hello)).toEqual({ from: 'sidebar' });
    await zaf(modal, (c) => {
      void c.invoke('destroy'); // the frame goes away with its reply
      return null;
    });
    await page.locator('iframe.app-modal').waitFor({ state: 'detached' });
    await page.close();
  });

  it('runs one hidden background instance per Zendesk session: signed, registered once, listed in instances, answering pings', async () => {
    const page = await browser.context.newPage();
    const loads: Array<{ location: unknown; sub: unknown }> = [];
    page.on('request', (r) => {
      if (!r.isNavigationRequest() || r.method() !== 'POST' || !r.url().startsWith(`${dh.appOrigin}/app/background.html`)) return;
      const token = new URLSearchParams(r.postData() ?? '').get('token')!;
      const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
        context: { location: unknown };
        sub: unknown;
      };
      loads.push({ location: claims.context.location, sub: claims.sub });
    });
    // the sidebar is the protocol probe (its SDK client is reachable); the background is the real app
    await page.goto(dh.ticketUrl(1, { probe: 'ticket_sidebar' }));
    const sidebar = await shownApp(page, 'ticket:1');
    const background = await backgroundReady(page);
    expect(loads).toEqual([{ location: 'background', sub: `https://acme.zendesk.com/api/v2/users/${USERS.rita}.json` }]);
    expect((await hostInstances(page)).filter((i) => i.location === 'background')).toEqual([
      expect.objectContaining({ guid: background, registrations: 1 }),
    ]);
    expect(await page.locator('iframe.app-background').isVisible()).toBe(false);
    expect(await page.locator('iframe.app-background').count()).toBe(1);

    const answer = await zaf(sidebar.frame, async (c) => {
      const { instances } = (await c.get('instances')) as unknown as {
        instances: Record<string, { location: string; instanceGuid: string; ticketId?: number }>;
      };
      const me = (await c.context()).instanceGuid;
      const found = Object.values(instances).filter((i) => i.location === 'background');
      const pong = await new Promise((resolve) => {
        c.on('ticket-qa:pong', (d) => resolve(d));
        c.instance(found[0]!.instanceGuid).trigger('ticket-qa:ping', { from: me, id: 'p1' });
      });
      return { found, pong };
    });
    expect(answer.found).toEqual([
      { host: 'zendesk', product: 'support', location: 'background', account: { subdomain: 'acme' }, instanceGuid: background },
    ]);
    // the background answered the instance that pinged, and has a service session of its own (its signed load)
    expect(answer.pong).toEqual({ id: 'p1', from: background, signedIn: true });
    await page.close();
  });

  it('changes views in-page as Zendesk does: the background stays, a ticket keeps its sidebar until its tab is closed, a new ticket gets a new one', async () => {
    const page = await browser.context.newPage();
    const signedLoads: string[] = [];
    page.on('request', (r) => {
      if (r.isNavigationRequest() && r.method() === 'POST' && r.url().startsWith(`${dh.appOrigin}/app/`))
        signedLoads.push(new URL(r.url()).pathname);
    });
    const before = dh.reports().length;
    let hostLoads = 0;
    page.on('load', () => (hostLoads += 1));
    await page.goto(dh.ticketUrl(1));
    const first = await shownApp(page, 'ticket:1');
    const background = await backgroundReady(page);
    const backgroundFrame = (await (await page.$('iframe.app-background'))!.contentFrame())!;
    await page.evaluate(() => Object.assign(window, { marker: 'the same page' }));
    await backgroundFrame.evaluate(() => Object.assign(window, { marker: 'the same document' }));

    // the Views tab: the list, and ticket 1 still open in its tab (its sidebar hidden, told it is no longer active)
    await page.locator('#tabs [data-tab="list"]').click();
    await page.waitForURL((u) => !u.searchParams.has('ticket'));
    await page.locator('.view-pane:not([hidden]) .ticket-list').waitFor();
    expect(await page.locator('#tabs [data-tab="ticket:1"]').count()).toBe(1);
    await expect.poll(() => hostEvents(page)).toContainEqual({ guid: first.guid, location: 'ticket_sidebar', name: 'app.deactivated' });

    // another ticket from the list: a new sidebar instance with its own signed load
    await page.locator('.view-pane:not([hidden]) tr[data-ticket-id="2"] a').click();
    await page.waitForURL((u) => u.searchParams.get('ticket') === '2');
    const second = await shownApp(page, 'ticket:2');
    expect(second.guid).not.toBe(first.guid);
    expect(await page.locator('#tabs [data-tab]').evaluateAll((tabs) => tabs.map((t) => (t as HTMLElement).dataset.tab))).toEqual([
      'list',
      'ticket:1',
      'ticket:2',
    ]);

    // back to ticket 1's tab: the same instance, active again
    await page.locator('#tabs [data-tab="ticket:1"]').click();
    await page.waitForURL((u) => u.searchParams.get('ticket') === '1');
    expect((await shownApp(page, 'ticket:1')).guid).toBe(first.guid);
    await expect
      .poll(() => hostEvents(page))
      .toContainEqual({ guid: first.guid, location: 'ticket_sidebar', name: 'app.activated', data: { firstLoad: false } });

    // the nav bar page: loaded once, then kept
    await page.locator('#nav-app-link').click();
    const navBar = await shownApp(page, 'nav_bar');
    await page.locator('#tabs [data-tab="list"]').click();
    await page.locator('.view-pane:not([hidden]) .ticket-list').waitFor();
    await page.locator('#nav-app-link').click();
    expect((await shownApp(page, 'nav_bar')).guid).toBe(navBar.guid);

    // all the while one page and one background: the same instance, frame and document
    expect(hostLoads).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('the same page');
    expect(await backgroundFrame.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('the same document');
    expect((await hostInstances(page)).filter((i) => i.location === 'background')).toEqual([
      expect.objectContaining({ guid: background, registrations: 1 }),
    ]);
    expect(signedLoads.sort()).toEqual([
      '/app/background.html',
      '/app/nav-bar.html',
      '/app/ticket-sidebar.html',
      '/app/ticket-sidebar.html',
    ]);
    expect(dh.reports().slice(before)).toEqual([]);
    await page.close();
  });

  it('a closed ticket tab destroys its sidebar: app.willDestroy (time to hand work to the background), then gone from instances', async () => {
    const page = await browser.context.newPage();
    const before = dh.reports().length;
    await page.goto(dh.ticketUrl(1, { probe: 'ticket_sidebar' }));
    const first = await shownApp(page, 'ticket:1');
    const background = await backgroundReady(page);
    // routeTo opens a ticket in-page too
    await zaf(first.frame, (c) => c.invoke('routeTo', 'ticket', 2));
    const second = await shownApp(page, 'ticket:2');
    // what the sidebar will do with evaluations not yet delivered: give them to the background as it goes
    await zaf(
      second.frame,
      (c, bg: string) => {
        c.on(
          'app.willDestroy',
          () =>
            void c.context().then(({ instanceGuid }) => c.instance(bg).trigger('ticket-qa:ping', { from: instanceGuid, id: 'farewell' })),
        );
        return null;
      },
      background,
    );

    await page.getByRole('button', { name: 'Close tab #2' }).click();
    await page.waitForURL((u) => !u.searchParams.has('ticket'));
    await page.locator('.view-pane:not([hidden]) .ticket-list').waitFor();
    await expect
      .poll(() => hostEvents(page))
      .toEqual(
        expect.arrayContaining([
          { guid: second.guid, location: 'ticket_sidebar', name: 'app.willDestroy' },
          { guid: background, location: 'background', name: 'ticket-qa:ping', data: { from: second.guid, id: 'farewell' } },
          {
            guid: second.guid,
            location: 'ticket_sidebar',
            name: 'ticket-qa:pong',
            data: { id: 'farewell', from: background, signedIn: true },
          },
        ]),
      );
    await page.locator(`iframe[data-instance-guid="${second.guid}"]`).waitFor({ state: 'detached' });
    // ticket 1's sidebar, still open in its tab, no longer sees it
    const listed = (await zaf(first.frame, (c) => c.get('instances'))) as unknown as { instances: Record<string, unknown> };
    expect(Object.keys(listed.instances).sort()).toEqual([first.guid, background].sort());
    expect(await page.locator('#tabs [data-tab]').evaluateAll((tabs) => tabs.map((t) => (t as HTMLElement).dataset.tab))).toEqual([
      'list',
      'ticket:1',
    ]);
    expect(first.guid).not.toBe(second.guid);
    expect(dh.reports().slice(before)).toEqual([]);
    await page.close();
  });

  it('the "Zendesk failures" panel switches the same faults as the HTTP hook', async () => {
    const page = await browser.context.newPage();
    await page.goto(dh.url);
    await page.locator('#failures-toggle').click();
    await page.locator('[data-fault="closedTicket"]').check();
    await expect.poll(() => dh.state.faults().closedTicket).toBe(true);
    await dh.setFaults({ closedTicket: false });
    expect(dh.state.faults().closedTicket).toBe(false);
    await page.close();
  });
});

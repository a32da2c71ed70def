/**
 * The host side of ZAF's postMessage protocol, in the host page (browser). It speaks to the real SDK inside the
 * app's iframes (other origin) and relays data calls to the devhost backend, which owns the Zendesk state.
 * Anything it does not implement is reported loudly: console, the page's log panel, and the devhost terminal.
 *
 * One page load is one Zendesk session, as in Zendesk's single-page agent interface: the background instance lives
 * as long as the page; the views (ticket tabs, the ticket list, the nav bar page) change in-page. An open ticket
 * keeps its tab and its sidebar instance until the tab is closed; the nav bar page, once opened, stays loaded.
 */
import type { HostBoot } from '../zendesk-types.ts';

/** What the main area shows: a ticket tab, the nav bar page, or a list (`view`: replaced each time it is shown). */
interface Pane {
  key: string;
  kind: 'ticket' | 'nav_bar' | 'view';
  ticketId: number | null;
  element: HTMLElement;
  title: string;
  tabLabel: string;
  /** The host URL that shows it. */
  url: string;
  /** What `set` changed on this ticket, not yet saved (Zendesk keeps such edits in the ticket's form). */
  draft: Record<string, unknown>;
}

interface Instance {
  guid: string;
  location: string;
  frame: HTMLIFrameElement;
  /** Events the app subscribed to (`iframe.on:<event>`), with subscriber counts. */
  subscriptions: Map<string, number>;
  registered: boolean;
  /** Handshakes seen (a second one would mean the app registered twice). */
  registrations: number;
  /** The view it lives in (none for the background); a sidebar's or modal's ticket. */
  pane: Pane | null;
  ticketId: number | null;
  /** Told `app.willDestroy`; its frame goes after DESTROY_GRACE_MS, and `instances` no longer lists it. */
  destroying: boolean;
  /** For a modal: the instance that opened it, and its overlay. */
  parent?: string;
  overlay?: HTMLElement;
}

interface RpcMessage {
  id: number;
  request: 'get' | 'set' | 'invoke' | string;
  params: unknown;
  instanceGuid?: string;
}

interface KeyMessage {
  key: string;
  message?: unknown;
  instanceGuid?: string;
  appGuid?: string;
  error?: { msg?: string };
}

const boot = JSON.parse(document.getElementById('devhost-boot')!.textContent!) as HostBoot;
const instances = new Map<string, Instance>();
// guids of instances already removed: a late message from one is dropped quietly
const destroyed = new Set<string>();
// the open ticket tabs and the nav bar page, by pane key; the pane shown
const panes = new Map<string, Pane>();
let current: Pane | null = null;
// lifecycle events and instance messages delivered, newest last (for tests and the curious: window.devhost.events)
const events: Array<{ guid: string; location: string; name: string; data?: unknown }> = [];
const pendingHooks = new Map<string, { waiting: Set<string>; errors: string[]; done: () => void }>();
// telemetry the SDK or app may send; answered quietly (docs/decisions/006-devhost.md, *Never swallowed*)
const QUIET_KEYS = new Set(['__track__', 'session.live', 'iframe.track']);
const QUIET_INVOKES = new Set(['track', '__track__']);
const HOOK_TIMEOUT_MS = 15_000;
// how long a destroyed instance's frame stays after `app.willDestroy` (Zendesk documents no figure): time for the
// app to hand work over, e.g. to its background instance
const DESTROY_GRACE_MS = 1000;
// the probe choice of this session's URL, kept on in-page navigation so that a reload shows the same
const probeParam = new URLSearchParams(location.search).get('probe');

// ---------- logging ----------
const logList = document.getElementById('log')!;
const logCount = document.getElementById('log-count')!;
const verbose = document.getElementById('log-verbose') as HTMLInputElement;
let unimplementedCount = 0;

function log(kind: 'in' | 'out' | 'info' | 'unimplemented' | 'error', text: string): void {
  const li = document.createElement('li');
  li.className = `log-${kind}`;
  li.textContent = `${new Date().toISOString().slice(11, 23)} ${kind === 'in' ? '←' : kind === 'out' ? '→' : '•'} ${text}`;
  logList.prepend(li);
  while (logList.children.length > 400) logList.lastElementChild?.remove();
  logCount.textContent = unimplementedCount > 0 ? `${unimplementedCount} not implemented` : '';
}

/** A protocol message the host does not handle: never swallowed. */
function unimplemented(what: string): void {
  unimplementedCount += 1;
  const message = `UNIMPLEMENTED ${what}`;
  console.error(`[devhost] ${message}`);
  log('unimplemented', message);
  document.body.dataset.unimplemented = String(unimplementedCount);
  void fetch('/__devhost/log', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'unimplemented', message: what }),
  }).catch(() => {});
}

function hostError(what: string): void {
  console.error(`[devhost] ${what}`);
  log('error', what);
  void fetch('/__devhost/log', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'error', message: what }),
  }).catch(() => {});
}

// ---------- posting to the app ----------
function post(instance: Instance, data: Record<string, unknown>): void {
  const text = JSON.stringify(data);
  if (verbose.checked) log('out', `${instance.location} ${text.slice(0, 300)}`);
  instance.frame.contentWindow?.postMessage(text, boot.appOrigin);
}

/** Host -> app event; like Zendesk, only to instances that subscribed to it (lifecycle events always). */
function emit(instance: Instance, name: string, data?: unknown, always = false): void {
  if (!always && !instance.subscriptions.has(name)) return;
  post(instance, { key: `zaf.${name}`, message: data });
  if (always || name.includes(':')) {
    events.push({ guid: instance.guid, location: instance.location, name, ...(data === undefined ? {} : { data }) });
    if (events.length > 500) events.shift();
  }
}

const live = (i: Instance) => i.registered && !i.destroying;

/** A ticket's events go to the instances on that ticket (its sidebar and the modals it opened). */
function emitTicket(ticketId: number | null, name: string, data?: unknown): void {
  if (ticketId === null) return;
  for (const instance of instances.values()) if (live(instance) && instance.ticketId === ticketId) emit(instance, name, data);
}

// ---------- instances ----------
function contextOf(instance: Instance): Record<string, unknown> {
  return {
    host: 'zendesk',
    product: 'support',
    location: instance.location,
    account: { subdomain: boot.subdomain },
    instanceGuid: instance.guid,
    ...(instance.ticketId !== null ? { ticketId: instance.ticketId } : {}),
  };
}

function appUrl(path: string, guid: string): string {
  const url = new URL(path.startsWith('/') ? path : `/app/${path}`, boot.appOrigin);
  url.searchParams.set('origin', boot.hostOrigin);
  url.searchParams.set('app_guid', guid);
  return url.toString();
}

function createInstance(
  location: string,
  path: string,
  slot: HTMLElement,
  owner: { pane: Pane | null; ticketId: number | null; parent?: string },
): Instance {
  const parent = owner.parent;
  const guid = crypto.randomUUID();
  const frame = document.createElement('iframe');
  frame.className = `app-frame app-${location}`;
  frame.title = `Ticket QA (${location})`;
  frame.name = `app_${location}_${guid}`;
  frame.dataset.location = location;
  frame.dataset.instanceGuid = guid;
  // when the host started loading the app (epoch ms): the signed load's token is part of the app's start-up
  frame.dataset.loadStart = String(performance.timeOrigin + performance.now());
  const instance: Instance = {
    guid,
    location,
    frame,
    subscriptions: new Map(),
    registered: false,
    registrations: 0,
    pane: owner.pane,
    ticketId: owner.ticketId,
    destroying: false,
    ...(parent ? { parent } : {}),
  };
  instances.set(guid, instance);
  // the listener is installed before the frame exists, so the SDK's one handshake cannot be missed
  const signed = boot.signedUrls && location !== 'modal' && !boot.probeLocations.includes(location);
  if (!signed) frame.src = appUrl(path, guid);
  slot.append(frame);
  if (signed) void signedLoad(instance, path);
  setTimeout(() => {
    if (!instance.registered && !instance.destroying && instances.has(guid)) {
      hostError(`the app at ${location} (${path}) did not register within 15 s: is it built, and does it call ZAFClient.init()?`);
    }
  }, 15_000);
  return instance;
}

/**
 * What Zendesk does for a location with `signedUrls`: the iframe's first request is a form POST of a token it
 * signed for this user, location and installation, to the location URL with `origin` and `app_guid`.
 */
async function signedLoad(instance: Instance, path: string): Promise<void> {
  let token: string;
  try {
    ({ token } = await backend<{ token: string }>('/__devhost/app-token', { userId: boot.userId, location: instance.location }));
  } catch (err) {
    hostError(`could not sign the load of ${instance.location}: ${String(err)}`);
    return;
  }
  const form = document.createElement('form');
  form.method = 'post';
  form.enctype = 'application/x-www-form-urlencoded';
  form.action = appUrl(path, instance.guid);
  form.target = instance.frame.name;
  form.hidden = true;
  const field = document.createElement('input');
  field.type = 'hidden';
  field.name = 'token';
  field.value = token;
  form.append(field);
  document.body.append(form);
  form.submit();
  form.remove();
  log('info', `${instance.location}: signed load POSTed to ${form.action.split('?')[0]}`);
}

/** What `instances` answers: the app's instances in this session, not those being destroyed. */
function instanceContexts(): Record<string, unknown> {
  return Object.fromEntries([...instances.values()].filter((i) => !i.destroying).map((i) => [i.guid, contextOf(i)]));
}

/**
 * What Zendesk does when it removes an app instance (a ticket tab closed): `app.willDestroy`, then the frame goes.
 * The instance can still send messages during the grace (e.g. hand work to the background instance).
 */
function destroyInstance(instance: Instance): void {
  if (instance.destroying) return;
  instance.destroying = true;
  emit(instance, 'app.willDestroy', undefined, true);
  log('info', `${instance.location} ${instance.guid.slice(0, 8)}: app.willDestroy`);
  for (const child of instances.values()) if (child.parent === instance.guid) destroyInstance(child);
  setTimeout(() => {
    instance.overlay?.remove();
    instance.frame.remove();
    instances.delete(instance.guid);
    destroyed.add(instance.guid);
  }, DESTROY_GRACE_MS);
}

// ---------- backend relays ----------
async function backend<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

function callContext(instance: Instance) {
  return {
    userId: boot.userId,
    location: instance.location,
    ...(instance.ticketId !== null ? { ticketId: instance.ticketId } : {}),
    draft: instance.pane?.draft ?? {},
    instances: instanceContexts(),
  };
}

// ---------- message handling ----------
window.addEventListener('message', (event) => {
  if (event.origin !== boot.appOrigin) return; // not from an app frame (e.g. browser extensions)
  const sender = [...instances.values()].find((i) => i.frame.contentWindow === event.source);
  let data: unknown = event.data;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      unimplemented(`non-JSON message: ${String(event.data).slice(0, 200)}`);
      return;
    }
  }
  if (!sender) {
    const from = data as { instanceGuid?: unknown; appGuid?: unknown } | null;
    if (destroyed.has(String(from?.instanceGuid)) || destroyed.has(String(from?.appGuid))) {
      log('info', `message from a destroyed instance dropped: ${JSON.stringify(data).slice(0, 120)}`);
      return;
    }
    unimplemented(`message from an unknown frame: ${JSON.stringify(data).slice(0, 200)}`);
    return;
  }
  if (verbose.checked) log('in', `${sender.location} ${JSON.stringify(data).slice(0, 300)}`);
  const msg = data as Partial<RpcMessage & KeyMessage>;
  if (typeof msg.id === 'number' && typeof msg.request === 'string') {
    void handleRpc(sender, msg as RpcMessage);
  } else if (typeof msg.key === 'string') {
    void handleKey(sender, msg as KeyMessage);
  } else {
    unimplemented(`message without id/request or key: ${JSON.stringify(data).slice(0, 200)}`);
  }
});

async function handleKey(sender: Instance, msg: KeyMessage): Promise<void> {
  const key = msg.key;
  let m: RegExpMatchArray | null;
  if (key === 'iframe.handshake') {
    sender.registered = true;
    sender.registrations += 1;
    post(sender, { key: 'zaf.app.registered', message: { metadata: boot.metadata, context: contextOf(sender) } });
    log('info', `${sender.location} registered (SDK ${String((msg.message as { version?: string } | undefined)?.version ?? '?')})`);
    emit(sender, 'app.activated', { firstLoad: true }, true);
  } else if ((m = key.match(/^iframe\.on:(.+)$/))) {
    sender.subscriptions.set(m[1]!, Number((msg.message as { subscriberCount?: number } | undefined)?.subscriberCount ?? 1));
  } else if ((m = key.match(/^iframe\.off:(.+)$/))) {
    const count = Number((msg.message as { subscriberCount?: number } | undefined)?.subscriberCount ?? 0);
    if (count > 0) sender.subscriptions.set(m[1]!, count);
    else sender.subscriptions.delete(m[1]!);
  } else if ((m = key.match(/^request:(\d+)$/))) {
    await handleRequest(sender, key, msg.message);
  } else if ((m = key.match(/^iframe\.reply:(.+)$/))) {
    const hook = pendingHooks.get(m[1]!);
    if (!hook) return unimplemented(`reply to a hook that was not asked: ${key}`);
    if (msg.error) hook.errors.push(String(msg.error.msg ?? 'cancelled'));
    hook.waiting.delete(sender.guid);
    if (hook.waiting.size === 0) hook.done();
  } else if ((m = key.match(/^iframe\.trigger:(.+)$/))) {
    // client.trigger / client.instance(guid).trigger: deliver to the named instance
    const guid = msg.instanceGuid ?? sender.guid;
    const target = instances.get(guid);
    if (!target) {
      if (destroyed.has(guid)) return log('info', `trigger ${m[1]} for a destroyed instance dropped`);
      return unimplemented(`trigger for unknown instance ${msg.instanceGuid}`);
    }
    if (target !== sender) log('info', `trigger ${m[1]}: ${sender.location} → ${target.location}`);
    emit(target, m[1]!, msg.message, true);
  } else if (QUIET_KEYS.has(key)) {
    log('info', `telemetry ${key} ignored`);
  } else {
    unimplemented(`message key "${key}" from ${sender.location}: ${JSON.stringify(msg.message ?? null).slice(0, 200)}`);
  }
}

interface ProxyAnswer {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  responseText: string;
}

async function handleRequest(sender: Instance, key: string, options: unknown): Promise<void> {
  const opts = (typeof options === 'string' ? { url: options } : (options ?? {})) as Record<string, unknown>;
  let answer: ProxyAnswer;
  try {
    answer = await backend<ProxyAnswer>('/__devhost/proxy', { options: opts, userId: boot.userId });
  } catch (err) {
    hostError(`proxy failed for ${String(opts.url)}: ${String(err)}`);
    answer = { status: 500, statusText: 'error', headers: {}, responseText: String(err) };
  }
  let responseJSON: unknown;
  const type = Object.entries(answer.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  if (type.includes('json') || opts.dataType === 'json') {
    try {
      responseJSON = answer.responseText === '' ? undefined : JSON.parse(answer.responseText);
    } catch {
      responseJSON = undefined;
    }
  }
  const ok = answer.status >= 200 && answer.status < 300;
  // jqXHR-like: what Zendesk passes to the promise (as plain data: functions do not cross postMessage)
  const xhr = {
    status: answer.status,
    statusText: answer.statusText,
    headers: answer.headers,
    responseText: answer.responseText,
    responseJSON,
  };
  log(ok ? 'info' : 'error', `${String(opts.type ?? 'GET')} ${String(opts.url)} → ${answer.status}`);
  if (ok) {
    const args = opts.httpCompleteResponse ? [xhr] : [responseJSON ?? answer.responseText, 'success', xhr];
    post(sender, { key: `zaf.${key}.done`, message: { responseArgs: args } });
    const put = String(opts.type ?? 'GET').toUpperCase() === 'PUT' && String(opts.url).match(/^\/api\/v2\/tickets\/(\d+)(\.json)?/);
    if (put) await refreshTicket(Number(put[1]));
  } else {
    post(sender, { key: `zaf.${key}.fail`, message: { responseArgs: [xhr, 'error', answer.statusText] } });
  }
}

async function handleRpc(sender: Instance, msg: RpcMessage): Promise<void> {
  const target = instances.get(msg.instanceGuid ?? sender.guid) ?? sender;
  const reply = (body: Record<string, unknown>) => post(sender, { id: msg.id, ...body });
  try {
    if (msg.request === 'get') {
      const { result, unknown } = await backend<{ result: Record<string, unknown>; unknown: string[] }>('/__devhost/zaf', {
        request: 'get',
        params: msg.params,
        context: callContext(target),
      });
      for (const path of unknown) unimplemented(`get "${path}" (${target.location})`);
      reply({ result });
    } else if (msg.request === 'set') {
      const outcome = await backend<{
        result: Record<string, unknown>;
        draft: Record<string, unknown>;
        events: Array<{ name: string; data: unknown }>;
        unknown: string[];
      }>('/__devhost/zaf', { request: 'set', params: msg.params, context: callContext(target) });
      for (const path of outcome.unknown) unimplemented(`set "${path}" (${target.location})`);
      if (target.pane) {
        Object.assign(target.pane.draft, outcome.draft);
        renderDraft(target.pane);
      }
      reply({ result: outcome.result });
      for (const e of outcome.events) emitTicket(target.ticketId, e.name, e.data);
    } else if (msg.request === 'invoke') {
      reply({ result: await invoke(target, (msg.params ?? {}) as Record<string, unknown[]>) });
    } else {
      unimplemented(`RPC request "${msg.request}"`);
      reply({ error: { name: 'UnsupportedRequest', message: `devhost does not implement ${msg.request}` } });
    }
  } catch (err) {
    hostError(`RPC ${msg.request} failed: ${String(err)}`);
    reply({ error: { name: 'HostError', message: String(err) } });
  }
}

async function invoke(target: Instance, calls: Record<string, unknown[]>): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = { errors: {} };
  const errors = result.errors as Record<string, { message: string }>;
  for (const [name, args] of Object.entries(calls)) {
    const a = Array.isArray(args) ? args : [args];
    switch (name) {
      case 'resize': {
        const size = (a[0] ?? {}) as { width?: string | number; height?: string | number };
        const css = (v: string | number | undefined) => (typeof v === 'number' ? `${v}px` : v);
        if (size.height !== undefined) target.frame.style.height = css(size.height) ?? '';
        // the sidebar's width is Zendesk's to decide; a modal may choose its own
        if (size.width !== undefined && target.location === 'modal') target.frame.style.width = css(size.width) ?? '';
        break;
      }
      case 'notify':
        toast(String(a[0] ?? ''), String(a[1] ?? 'notice'));
        break;
      case 'routeTo':
        route(a.map(String));
        break;
      case 'instances.create':
        result['instances.create'] = [openModal(target, (a[0] ?? {}) as ModalOptions)];
        break;
      case 'destroy':
      case 'app.close':
        // after the reply is posted: the frame that asked is about to go
        if (target.location === 'modal') setTimeout(() => closeModal(target), 0);
        else target.frame.closest<HTMLElement>('.app-slot')?.setAttribute('hidden', '');
        break;
      case 'hide':
        target.frame.style.display = 'none';
        break;
      case 'show':
        target.frame.style.display = '';
        break;
      default:
        if (QUIET_INVOKES.has(name)) break;
        unimplemented(`invoke "${name}" (${target.location})`);
        errors[name] = { message: `${name} is not implemented by the devhost` };
    }
  }
  return result;
}

// ---------- UI actions ----------
function toast(message: string, kind: string): void {
  const el = document.createElement('div');
  el.className = `toast toast-${kind}`;
  el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  el.textContent = message;
  document.getElementById('toasts')!.append(el);
  setTimeout(() => el.remove(), 6000);
}

/** `routeTo`: changes the view in-page, as Zendesk's agent interface does. */
function route(args: string[]): void {
  const [where, id] = args;
  const q = new URLSearchParams({ user: String(boot.userId) });
  if (where === 'ticket' && id) q.set('ticket', id);
  else if (where === 'nav_bar') q.set('app', 'nav_bar');
  else if (where === 'views' || where === 'home') q.delete('ticket');
  else {
    unimplemented(`routeTo ${JSON.stringify(args)}`);
    return;
  }
  void navigate(`/?${q}`, true);
}

interface ModalOptions {
  location?: string;
  url?: string;
  size?: { width?: string; height?: string };
}

function openModal(parent: Instance, options: ModalOptions): Record<string, unknown> {
  if (options.location !== 'modal' || !options.url) {
    unimplemented(`instances.create ${JSON.stringify(options)}`);
    return {};
  }
  const overlay = document.createElement('div');
  overlay.className = 'modal-overlay';
  const box = document.createElement('div');
  box.className = 'modal-box';
  box.style.width = options.size?.width ?? '480px';
  const close = document.createElement('button');
  close.className = 'modal-close c-btn c-btn--sm c-btn--basic';
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', 'Close modal');
  box.append(close);
  overlay.append(box);
  document.getElementById('modal-root')!.append(overlay);
  const modal = createInstance('modal', options.url, box, { pane: parent.pane, ticketId: parent.ticketId, parent: parent.guid });
  modal.overlay = overlay;
  modal.frame.style.height = options.size?.height ?? '320px';
  close.addEventListener('click', () => closeModal(modal));
  emit(parent, 'instance.created', contextOf(modal));
  return contextOf(modal);
}

function closeModal(modal: Instance): void {
  modal.overlay?.remove();
  instances.delete(modal.guid);
  destroyed.add(modal.guid);
  const parent = modal.parent ? instances.get(modal.parent) : undefined;
  if (parent) emit(parent, 'modal.close', undefined);
}

// ---------- an open ticket: draft, save hook, refresh ----------
function renderDraft(pane: Pane): void {
  const { draft } = pane;
  const box = pane.element.querySelector<HTMLElement>('#draft');
  const list = pane.element.querySelector('#draft-list');
  if (!box || !list) return;
  list.replaceChildren(
    ...Object.entries(draft).map(([path, value]) => {
      const li = document.createElement('li');
      li.textContent = `${path} = ${JSON.stringify(value)}`;
      return li;
    }),
  );
  box.hidden = Object.keys(draft).length === 0;
}

/** Runs the `ticket.save` hook on every app on the ticket that subscribed; resolves with the apps' refusals. */
function runSaveHook(pane: Pane): Promise<string[]> {
  const subscribed = [...instances.values()].filter((i) => live(i) && i.ticketId === pane.ticketId && i.subscriptions.has('ticket.save'));
  if (subscribed.length === 0) return Promise.resolve([]);
  return new Promise((resolve) => {
    const hook = { waiting: new Set(subscribed.map((i) => i.guid)), errors: [] as string[], done: () => {} };
    const timer = setTimeout(() => {
      hostError(`ticket.save hook: no reply within ${HOOK_TIMEOUT_MS / 1000} s from ${hook.waiting.size} app(s); saving anyway`);
      hook.done();
    }, HOOK_TIMEOUT_MS);
    hook.done = () => {
      clearTimeout(timer);
      pendingHooks.delete('ticket.save');
      resolve(hook.errors);
    };
    pendingHooks.set('ticket.save', hook);
    for (const i of subscribed) post(i, { key: 'zaf.ticket.save', needsReply: true });
  });
}

async function submitTicket(pane: Pane): Promise<void> {
  const refusals = await runSaveHook(pane);
  if (refusals.length > 0) {
    toast(refusals.join('; '), 'error');
    return;
  }
  const { draft } = pane;
  const answer = await backend<{ status: number; body: string }>('/__devhost/save', {
    ticketId: pane.ticketId,
    userId: boot.userId,
    draft,
  });
  if (answer.status >= 300) {
    toast(`Zendesk refused the update (${answer.status}): ${answer.body.slice(0, 200)}`, 'error');
    emitTicket(pane.ticketId, 'ticket.save.failed', answer.body);
    return;
  }
  for (const key of Object.keys(draft)) delete draft[key];
  renderDraft(pane);
  emitTicket(pane.ticketId, 'ticket.submit.done');
  await refreshTicket(pane.ticketId);
}

/** Shows a ticket's stored fields in its open tab, if it has one. */
async function refreshTicket(ticketId: number | null): Promise<void> {
  const pane = panes.get(`ticket:${ticketId}`);
  if (ticketId === null || !pane) return;
  // the page's own read does not spend the account's API budget
  const res = await fetch(`/__devhost/tickets/${ticketId}`);
  if (!res.ok) return;
  const { ticket } = (await res.json()) as {
    ticket: { updated_at: string; tags: string[]; custom_fields: Array<{ id: number; value: unknown }> };
  };
  for (const f of ticket.custom_fields) {
    const dd = pane.element.querySelector(`[data-field-id="${f.id}"]`);
    if (dd) dd.textContent = f.value === null || f.value === '' ? '—' : String(f.value);
  }
  const tags = pane.element.querySelector('#ticket-tags');
  tags?.replaceChildren(...ticket.tags.map((t) => Object.assign(document.createElement('span'), { className: 'tag', textContent: t })));
  pane.element.querySelector('#ticket-updated')?.setAttribute('datetime', ticket.updated_at);
  emitTicket(ticketId, 'ticket.updated', { updatedAt: ticket.updated_at });
}

// ---------- views: in-page navigation, as in Zendesk's single-page agent interface ----------
const views = document.getElementById('views')!;
let navigations = 0;

/** The host URL for `params` as this session's user (and its probe choice). */
function hostUrl(params: Record<string, string | number> = {}): string {
  const q = new URLSearchParams({
    user: String(boot.userId),
    ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
  });
  if (probeParam !== null) q.set('probe', probeParam);
  return `/?${q}`;
}

/** A pane from a `.view-pane` the server rendered, and the boot it came with. */
function paneOf(element: HTMLElement, view: Pick<HostBoot, 'location' | 'ticketId'>, url: string): Pane {
  const key = element.dataset.pane ?? 'list';
  const kind = view.location === 'ticket_sidebar' ? 'ticket' : view.location === 'nav_bar' ? 'nav_bar' : 'view';
  return {
    key,
    kind,
    element,
    url,
    draft: {},
    ticketId: kind === 'ticket' ? view.ticketId : null,
    title: element.dataset.title ?? document.title,
    tabLabel: element.dataset.tabLabel ?? key,
  };
}

/** Loads the apps of a new pane: one instance per location slot in it, each with its own signed load. */
function startPane(pane: Pane): void {
  for (const slot of pane.element.querySelectorAll<HTMLElement>('[data-app-location]')) {
    const location = slot.dataset.appLocation!;
    const path = boot.appUrls[location];
    if (!path) {
      hostError(`the app has no ${location} location in manifest.json`);
      continue;
    }
    createInstance(location, path, slot, { pane, ticketId: pane.ticketId });
  }
  pane.element.querySelector('#submit-ticket')?.addEventListener('click', () => void submitTicket(pane));
}

const inPane = (pane: Pane) => [...instances.values()].filter((i) => i.pane === pane && live(i));

function show(pane: Pane): void {
  const previous = current;
  if (previous === pane) return;
  current = pane;
  if (previous) {
    previous.element.hidden = true;
    for (const i of inPane(previous)) {
      emit(i, 'app.deactivated', undefined, true);
      if (i.location === 'nav_bar') emit(i, 'pane.deactivated');
    }
    // a list is rendered afresh each time it is shown; tabs and the nav bar page stay
    if (previous.kind === 'view') previous.element.remove();
  }
  pane.element.hidden = false;
  for (const i of inPane(pane)) {
    emit(i, 'app.activated', { firstLoad: false }, true);
    if (i.location === 'nav_bar') emit(i, 'pane.activated');
  }
  document.title = pane.title;
  renderTabs();
}

function renderTabs(): void {
  const link = (href: string, text: string, tab: string) => {
    const a = Object.assign(document.createElement('a'), { href, textContent: text });
    a.dataset.tab = tab;
    return a;
  };
  const listTab = link(hostUrl(), 'Views', 'list');
  listTab.classList.toggle('is-current', current?.kind === 'view');
  const tickets = [...panes.values()]
    .filter((p) => p.kind === 'ticket')
    .map((p) => {
      const tab = document.createElement('span');
      tab.className = 'tab';
      const a = link(p.url, p.tabLabel, p.key);
      a.classList.toggle('is-current', p === current);
      const close = Object.assign(document.createElement('button'), { type: 'button', className: 'tab-close', textContent: '×' });
      close.dataset.close = p.key;
      close.setAttribute('aria-label', `Close tab #${p.ticketId}`);
      tab.append(a, close);
      return tab;
    });
  document.getElementById('tabs')!.replaceChildren(listTab, ...tickets);
  const navApp = document.getElementById('nav-app-link');
  navApp?.classList.toggle('is-current', current?.kind === 'nav_bar');
  navApp?.previousElementSibling?.classList.toggle('is-current', current?.kind !== 'nav_bar');
}

/**
 * Shows the view at `url` without reloading the page: an open tab or the nav bar page again, else the view's HTML
 * from the server (its pane and boot) with new app instances. Another user is a new Zendesk session: a full load.
 */
async function navigate(url: string, push: boolean): Promise<void> {
  const target = new URL(url, location.href);
  const user = target.searchParams.get('user');
  if (target.origin !== location.origin || target.pathname !== '/' || (user !== null && Number(user) !== boot.userId)) {
    location.href = target.href;
    return;
  }
  if (probeParam !== null) target.searchParams.set('probe', probeParam);
  if (push && target.href !== location.href) history.pushState(null, '', target.href);
  const seq = ++navigations;
  const ticket = target.searchParams.get('ticket');
  const known = panes.get(ticket !== null ? `ticket:${Number(ticket)}` : target.searchParams.get('app') === 'nav_bar' ? 'nav_bar' : '');
  if (known) return show(known);
  let doc: Document;
  try {
    const res = await fetch(target.href);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    doc = new DOMParser().parseFromString(await res.text(), 'text/html');
  } catch (err) {
    hostError(`could not load the view ${target.search}: ${String(err)}`);
    return;
  }
  if (seq !== navigations) return; // another navigation came after this one
  const element = doc.querySelector<HTMLElement>('.view-pane');
  const view = JSON.parse(doc.getElementById('devhost-boot')?.textContent ?? 'null') as HostBoot | null;
  if (!element || !view) return hostError(`the view ${target.search} has no pane or boot`);
  const pane = paneOf(document.adoptNode(element), view, target.pathname + target.search);
  const open = panes.get(pane.key);
  if (open) return show(open);
  pane.element.hidden = true;
  views.append(pane.element);
  if (pane.kind !== 'view') panes.set(pane.key, pane);
  startPane(pane);
  show(pane);
}

/** Closes a ticket tab: its apps get `app.willDestroy` and go; the list is shown if it was the current tab. */
function closeTab(key: string): void {
  const pane = panes.get(key);
  if (!pane) return;
  panes.delete(key);
  for (const i of instances.values()) if (i.pane === pane) destroyInstance(i);
  if (current === pane) {
    current = null;
    pane.element.hidden = true;
    void navigate(hostUrl(), true);
  } else {
    renderTabs();
  }
  setTimeout(() => pane.element.remove(), DESTROY_GRACE_MS);
}

// ---------- controls ----------
function wireControls(): void {
  const switcher = document.getElementById('user-switcher') as HTMLSelectElement | null;
  switcher?.addEventListener('change', () => {
    const q = new URLSearchParams(location.search);
    q.set('user', switcher.value);
    location.search = q.toString();
  });
  // links to host views change the view in-page; another user's link reloads (a new session)
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const target = event.target instanceof Element ? event.target : null;
    const close = target?.closest<HTMLElement>('[data-close]');
    if (close) {
      event.preventDefault();
      closeTab(close.dataset.close!);
      return;
    }
    const a = target?.closest<HTMLAnchorElement>('a[href]');
    if (!a || a.target || a.hasAttribute('download')) return;
    const url = new URL(a.href);
    const user = url.searchParams.get('user');
    if (url.origin !== location.origin || url.pathname !== '/' || (user !== null && Number(user) !== boot.userId)) return;
    event.preventDefault();
    void navigate(url.href, true);
  });
  window.addEventListener('popstate', () => void navigate(location.href, false));

  const panel = document.getElementById('failures')!;
  const toggle = document.getElementById('failures-toggle')!;
  toggle.addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    toggle.setAttribute('aria-expanded', String(!panel.hidden));
  });
  const box = (name: string) => panel.querySelector<HTMLInputElement>(`[data-fault="${name}"]`)!;
  const retryAfter = document.getElementById('retry-after') as HTMLInputElement;
  const budget = document.getElementById('budget') as HTMLInputElement;
  const show = (f: HostBoot['faults']) => {
    box('closedTicket').checked = f.closedTicket;
    box('staleSafeUpdates').checked = f.staleSafeUpdates > 0;
    box('rateLimited').checked = f.rateLimitedFor !== null;
    if (f.rateLimitedFor !== null) retryAfter.value = String(f.rateLimitedFor);
    box('serviceDown').checked = f.serviceDown;
    budget.value = String(f.budgetPerMinute);
    const on = f.closedTicket || f.staleSafeUpdates > 0 || f.rateLimitedFor !== null || f.serviceDown;
    toggle.classList.toggle('is-active', on);
    toggle.textContent = on ? 'Zendesk failures (on)' : 'Zendesk failures';
  };
  show(boot.faults);
  const send = async () => {
    const faults = await backend<HostBoot['faults']>('/__devhost/faults', {
      closedTicket: box('closedTicket').checked,
      staleSafeUpdates: box('staleSafeUpdates').checked ? 1 : 0,
      rateLimitedFor: box('rateLimited').checked ? Math.max(1, Number(retryAfter.value) || 30) : null,
      serviceDown: box('serviceDown').checked,
      budgetPerMinute: Math.max(1, Number(budget.value) || 700),
    });
    show(faults);
    log('info', `faults: ${JSON.stringify(faults)}`);
  };
  panel.addEventListener('change', () => void send());
  // tests and other tabs change faults too (and a 409 is used up): keep the panel true
  setInterval(() => {
    if (panel.contains(document.activeElement)) return;
    void fetch('/__devhost/faults')
      .then((r) => (r.ok ? r.json() : null))
      .then((f) => f && show(f as HostBoot['faults']))
      .catch(() => {});
  }, 3000);
}

// ---------- start ----------
wireControls();
// the background location: one hidden instance for the whole session (this page load)
const backgroundPath = boot.appUrls.background;
if (backgroundPath)
  createInstance('background', backgroundPath, document.getElementById('background-apps')!, { pane: null, ticketId: null });
const first = paneOf(views.querySelector<HTMLElement>('.view-pane')!, boot, location.pathname + location.search);
if (first.kind !== 'view') panes.set(first.key, first);
startPane(first);
show(first);
log('info', `host ready: signed in as user ${boot.userId}; app origin ${boot.appOrigin}`);
Object.assign(window, {
  devhost: { instances, panes, events, navigate, closeTab, submitTicket: () => current && submitTicket(current) },
});

/** The host page (agent workspace look): server-rendered HTML; host/main.ts adds the ZAF protocol and the controls. */
import { html, raw } from 'hono/html';
import type { ZendeskState } from './zendesk-state.ts';
import type { HostBoot, TicketStatus, ZdTicket } from './zendesk-types.ts';

export type View = 'all' | 'open' | 'done';

export interface PageRequest {
  userId: number;
  view: View;
  /** The list's page (1 and on), most recently updated first. */
  page?: number;
  ticketId?: number;
  /** `nav_bar` shows the app's nav bar page full width. */
  app?: 'nav_bar';
}

const VIEWS: Array<{ id: View; title: string; statuses: TicketStatus[] }> = [
  { id: 'all', title: 'All tickets', statuses: ['new', 'open', 'pending', 'hold', 'solved', 'closed'] },
  { id: 'open', title: 'Open and pending', statuses: ['new', 'open', 'pending', 'hold'] },
  { id: 'done', title: 'Solved and closed', statuses: ['solved', 'closed'] },
];

/** Tickets a list page shows, as in Zendesk's views. */
export const TICKETS_PER_PAGE = 30;

const CHANNEL_LABEL: Record<string, string> = {
  email: 'Email',
  web: 'Web form',
  chat: 'Chat',
  voice: 'Phone',
  api: 'API',
  native_messaging: 'Messaging',
};

function ago(iso: string, now: Date): string {
  const min = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 60_000));
  if (min < 60) return `${min} min ago`;
  if (min < 60 * 24) return `${Math.round(min / 60)} h ago`;
  return `${Math.round(min / 1440)} d ago`;
}

export function renderPage(state: ZendeskState, req: PageRequest, boot: HostBoot) {
  const now = state.now();
  const q = (extra: Record<string, string | number>) =>
    '?' +
    new URLSearchParams({
      user: String(req.userId),
      ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)])),
    }).toString();
  const name = (id: number | null) => (id === null ? '—' : (state.user(id)?.name ?? `#${id}`));
  const groupName = (id: number | null) => state.data.groups.find((g) => g.id === id)?.name ?? '—';
  const ticket = req.ticketId === undefined ? undefined : state.ticket(req.ticketId);

  const userSwitcher = html`<label class="switcher">Signed in as
    <select id="user-switcher" class="c-field__input c-field__input--select c-field--compact" aria-label="Signed-in user">
      ${state.staff().map((u) => html`<option value="${u.id}" ${u.id === req.userId ? 'selected' : ''}>${u.name} (${roleLabel(state, u.id)})</option>`)}
    </select></label>`;

  const list = (view: View) => {
    const v = VIEWS.find((x) => x.id === view) ?? VIEWS[0]!;
    const all = state
      .tickets()
      .filter((t) => v.statuses.includes(t.status))
      .sort((a, b) => b.updated_at.localeCompare(a.updated_at) || b.id - a.id);
    const pages = Math.max(1, Math.ceil(all.length / TICKETS_PER_PAGE));
    const page = Math.min(pages, Math.max(1, Math.trunc(req.page ?? 1)));
    const rows = all.slice((page - 1) * TICKETS_PER_PAGE, page * TICKETS_PER_PAGE);
    const first = (page - 1) * TICKETS_PER_PAGE + 1;
    const pager = html`<nav class="pager" aria-label="Pages">
      <span>${all.length === 0 ? 'No tickets' : `${first}–${first + rows.length - 1} of ${all.length}`}</span>
      ${page > 1 ? html`<a href="${q({ view: v.id, page: page - 1 })}" rel="prev">Previous</a>` : ''}
      ${page < pages ? html`<a href="${q({ view: v.id, page: page + 1 })}" rel="next">Next</a>` : ''}
    </nav>`;
    return html`<div class="workspace">
      <aside class="views" aria-label="Views">
        <h2>Views</h2>
        ${VIEWS.map(
          (x) => html`<a class="view ${x.id === v.id ? 'is-current' : ''}" href="${q({ view: x.id })}">${x.title}
          <span class="count">${state.tickets().filter((t) => x.statuses.includes(t.status)).length}</span></a>`,
        )}
      </aside>
      <section class="ticket-list">
        <h1>${v.title}</h1>
        <table>
          <thead><tr><th>ID</th><th>Subject</th><th>Status</th><th>Channel</th><th>Requester</th><th>Group</th><th>Assignee</th><th>Updated</th></tr></thead>
          <tbody>${rows.map(
            (t) => html`<tr data-ticket-id="${t.id}">
            <td>#${t.id}</td><td><a href="${q({ ticket: t.id })}">${t.subject}</a></td>
            <td>${statusBadge(t.status)}</td><td>${CHANNEL_LABEL[t.channel] ?? t.channel}</td>
            <td>${name(t.requester_id)}</td><td>${groupName(t.group_id)}</td><td>${name(t.assignee_id)}</td><td>${ago(t.updated_at, now)}</td></tr>`,
          )}
          </tbody>
        </table>
        ${pager}
      </section>
    </div>`;
  };

  const ticketView = (t: ZdTicket) => {
    const brand = state.data.brands.find((b) => b.id === t.brand_id);
    const form = state.data.forms.find((f) => f.id === t.ticket_form_id);
    const qaFields = state.data.fields.filter((f) => f.removable);
    return html`<div class="workspace ticket-open">
      <section class="ticket-props" aria-label="Ticket properties">
        <dl>
          <dt>Requester</dt><dd>${name(t.requester_id)}</dd>
          <dt>Assignee</dt><dd>${name(t.assignee_id)}</dd>
          <dt>Group</dt><dd>${groupName(t.group_id)}</dd>
          <dt>Brand</dt><dd>${brand?.name ?? '—'}</dd>
          <dt>Form</dt><dd>${form?.name ?? '—'}</dd>
          <dt>Channel</dt><dd>${CHANNEL_LABEL[t.channel] ?? t.channel}</dd>
          <dt>Priority</dt><dd>${t.priority ?? '—'}</dd>
          <dt>Tags</dt><dd id="ticket-tags">${t.tags.map((tag) => html`<span class="tag">${tag}</span>`)}</dd>
          <dt>CSAT</dt><dd>${t.satisfaction ? t.satisfaction.score : '—'}</dd>
          ${qaFields.map((f) => html`<dt>${f.title}</dt><dd data-field-id="${f.id}">${fieldText(state.fieldValue(t, f.id))}</dd>`)}
        </dl>
        <div id="draft" class="draft" hidden>
          <p>Unsaved changes from the app:</p>
          <ul id="draft-list"></ul>
          <button id="submit-ticket" class="c-btn c-btn--primary c-btn--sm" type="button">Submit as ${t.status}</button>
        </div>
      </section>
      <section class="conversation" aria-label="Conversation">
        <header>
          <h1><span class="ticket-id">#${t.id}</span> <span id="ticket-subject">${t.subject}</span></h1>
          <p>${statusBadge(t.status)} via ${CHANNEL_LABEL[t.channel] ?? t.channel} · created ${ago(t.created_at, now)} ·
            updated <time id="ticket-updated" datetime="${t.updated_at}">${ago(t.updated_at, now)}</time></p>
        </header>
        <ol class="comments">
          ${t.comments.map(
            (c) => html`<li class="comment ${c.author_id === t.requester_id ? 'from-customer' : 'from-agent'}">
            <div class="who">${name(c.author_id)} <span class="when">${ago(c.created_at, now)}</span></div>
            <p>${c.body}</p></li>`,
          )}
        </ol>
      </section>
      <aside class="apps" aria-label="Apps">
        <div class="apps-head">Apps</div>
        <div class="app-slot" data-app-location="ticket_sidebar"></div>
      </aside>
    </div>`;
  };

  const pane = req.app === 'nav_bar' ? 'nav_bar' : ticket ? `ticket:${ticket.id}` : req.ticketId !== undefined ? 'other' : 'list';
  const title = `${ticket ? `#${ticket.id} ${ticket.subject}` : req.app === 'nav_bar' ? 'Ticket QA' : 'Views'} – acme (local Zendesk)`;
  const main =
    req.app === 'nav_bar'
      ? html`<div class="workspace navbar-app"><div class="app-slot full" data-app-location="nav_bar"></div></div>`
      : ticket
        ? ticketView(ticket)
        : req.ticketId !== undefined
          ? html`<div class="workspace"><p class="empty">Ticket #${req.ticketId} does not exist.</p></div>`
          : list(req.view);

  return html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${title}</title>
  <link rel="stylesheet" href="/host/garden.css">
  <link rel="stylesheet" href="/host/host.css">
</head>
<body>
  <header class="topbar">
    <a class="brand" href="${q({})}">acme <span>Support · local Zendesk</span></a>
    <nav class="tabs" id="tabs" aria-label="Tabs">
      <a href="${q({})}" data-tab="list" class="${!ticket && req.app !== 'nav_bar' ? 'is-current' : ''}">Views</a>
    </nav>
    <span class="spacer"></span>
    <button id="failures-toggle" class="c-btn c-btn--sm c-btn--basic failures-toggle" type="button" aria-expanded="false">Zendesk failures</button>
    ${userSwitcher}
  </header>
  <div class="frame">
    <nav class="rail" aria-label="Products">
      <a href="${q({})}" title="Views" class="${req.app !== 'nav_bar' ? 'is-current' : ''}">☰</a>
      <a href="${q({ app: 'nav_bar' })}" title="Ticket QA (nav bar app)" id="nav-app-link" class="${req.app === 'nav_bar' ? 'is-current' : ''}">
        <img src="/host/icon.svg" alt="Ticket QA" width="22" height="22"></a>
    </nav>
    <main id="views"><div class="view-pane" data-pane="${pane}" data-title="${title}"
      ${ticket ? html`data-tab-label="#${ticket.id} ${ticket.subject}"` : ''}>${main}</div></main>
  </div>
  <section id="failures" class="failures" hidden aria-label="Zendesk failures">
    <h2>Zendesk failures</h2>
    <label class="c-field__label"><input type="checkbox" data-fault="closedTicket"> Ticket updates answer 422 (closed ticket)</label>
    <label class="c-field__label"><input type="checkbox" data-fault="staleSafeUpdates"> Next safe_update answers 409 (someone else saved)</label>
    <label class="c-field__label"><input type="checkbox" data-fault="rateLimited"> API answers 429 with Retry-After
      <input type="number" min="1" max="3600" value="30" id="retry-after" class="c-field__input c-field--compact small"> s</label>
    <label class="c-field__label"><input type="checkbox" data-fault="serviceDown"> QA service unreachable</label>
    <label class="c-field__label">API budget per minute
      <input type="number" min="1" max="10000" id="budget" class="c-field__input c-field--compact small" value="${boot.faults.budgetPerMinute}"></label>
  </section>
  <section class="log" aria-label="Host log">
    <header><strong>Host log</strong> <span id="log-count" class="muted"></span>
      <label class="muted"><input type="checkbox" id="log-verbose"> show every message</label></header>
    <ol id="log"></ol>
  </section>
  <div id="toasts" aria-live="polite"></div>
  <div id="modal-root"></div>
  <div id="background-apps" data-app-location="background" hidden></div>
  <script type="application/json" id="devhost-boot">${raw(JSON.stringify(boot).replace(/</g, '\\u003c'))}</script>
  <script type="module" src="/host/host.js"></script>
</body>
</html>`;
}

function statusBadge(status: TicketStatus) {
  return html`<span class="status status-${status}">${status}</span>`;
}

function fieldText(value: unknown): string {
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

/** What Zendesk knows of the person: their role, and their QA groups (the service's policy names those groups). */
function roleLabel(state: ZendeskState, userId: number): string {
  const user = state.user(userId);
  if (user?.role === 'admin') return 'admin';
  const qaGroups = state
    .groupsOf(userId)
    .filter((g) => /^QA\b/.test(g.name))
    .map((g) => g.name);
  return ['agent', ...qaGroups].join(', ');
}

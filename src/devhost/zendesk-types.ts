/** The in-memory Zendesk's records, in the REST API's own field names and types (snake_case, as Zendesk sends them), and the host page's boot data: types only, importing nothing, so the browser side (host/) can use them. */

export type TicketStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
export type Channel = 'email' | 'web' | 'chat' | 'voice' | 'api' | 'native_messaging';

export interface ZdUser {
  id: number;
  name: string;
  email: string;
  role: 'admin' | 'agent' | 'end-user';
  locale: string;
  time_zone: string;
  default_group_id: number | null;
  created_at: string;
}

export interface ZdGroup {
  id: number;
  name: string;
  created_at: string;
}

export interface ZdBrand {
  id: number;
  name: string;
  subdomain: string;
  default: boolean;
  created_at: string;
}

export interface ZdForm {
  id: number;
  name: string;
  default: boolean;
  ticket_field_ids: number[];
  created_at: string;
}

export interface ZdFieldOption {
  id: number;
  name: string;
  value: string;
}

export interface ZdField {
  id: number;
  type:
    | 'subject'
    | 'description'
    | 'status'
    | 'tickettype'
    | 'priority'
    | 'group'
    | 'assignee'
    | 'tagger'
    | 'decimal'
    | 'text'
    | 'checkbox'
    | 'integer';
  title: string;
  description: string;
  position: number;
  removable: boolean;
  regexp_for_validation: string | null;
  custom_field_options?: ZdFieldOption[];
  /** The requirements.json key that created it (`qa_score`), if any: what `requirement:<key>` answers with. */
  requirement?: string;
  created_at: string;
}

export interface ZdComment {
  id: number;
  author_id: number;
  body: string;
  public: boolean;
  created_at: string;
}

export type CustomFieldValue = string | number | boolean | string[] | null;

export interface ZdTicket {
  id: number;
  subject: string;
  description: string;
  status: TicketStatus;
  priority: 'low' | 'normal' | 'high' | 'urgent' | null;
  type: 'question' | 'incident' | 'problem' | 'task' | null;
  channel: Channel;
  requester_id: number;
  assignee_id: number | null;
  group_id: number | null;
  brand_id: number;
  ticket_form_id: number;
  tags: string[];
  custom_fields: Array<{ id: number; value: CustomFieldValue }>;
  created_at: string;
  updated_at: string;
  comments: ZdComment[];
  metrics: TicketMetricsRecord;
  satisfaction: { id: number; score: 'offered' | 'unoffered' | 'good' | 'bad'; comment: string | null; created_at: string } | null;
}

export interface MinutePair {
  business: number;
  calendar: number;
}

/** The numbers of `GET /api/v2/tickets/{id}/metrics` that vary per ticket (the rest is derived). */
export interface TicketMetricsRecord {
  id: number;
  reply_time_in_minutes: MinutePair | null;
  first_resolution_time_in_minutes: MinutePair | null;
  full_resolution_time_in_minutes: MinutePair | null;
  agent_wait_time_in_minutes: MinutePair | null;
  requester_wait_time_in_minutes: MinutePair | null;
  on_hold_time_in_minutes: MinutePair | null;
  reopens: number;
  replies: number;
  group_stations: number;
  assignee_stations: number;
  solved_at: string | null;
}

/** What the host page (host/main.ts, browser) needs to run the protocol (embedded as JSON; never holds a secure setting). */
export interface HostBoot {
  hostOrigin: string;
  appOrigin: string;
  userId: number;
  location: 'ticket_sidebar' | 'nav_bar' | null;
  ticketId: number | null;
  /** Path on the app origin per location, e.g. `{ ticket_sidebar: '/app/ticket-sidebar.html' }`. */
  appUrls: Record<string, string>;
  /** The manifest's `signedUrls`: each location's first request is a POST of a token Zendesk signed (not for the probe). */
  signedUrls: boolean;
  /** Locations that load the protocol probe instead of the app (`?probe=1`: all; `?probe=ticket_sidebar,nav_bar`: those). */
  probeLocations: string[];
  metadata: { appId: number; installationId: number; name: string; version: string; settings: Record<string, unknown> };
  subdomain: string;
  faults: Faults;
  qaFieldIds: number[];
}

/** Switchable failures, for people (the page's panel) and tests (`POST /__devhost/faults`). */
export interface Faults {
  /** Every ticket update answers 422 as if the ticket were closed. */
  closedTicket: boolean;
  /** How many coming `safe_update` writes meet a concurrent change (409). */
  staleSafeUpdates: number;
  /** When set, every `/api/v2` call answers 429 with `retry-after` of this many seconds. */
  rateLimitedFor: number | null;
  /** The QA service cannot be reached through the proxy. */
  serviceDown: boolean;
  /** The account's API budget per minute (Zendesk: 200 to 2,500 by plan). */
  budgetPerMinute: number;
  /** Requests per minute to the incremental export endpoints, on top of the budget (Zendesk: 10; 30 with the High Volume add-on). */
  exportsPerMinute: number;
  /** How many coming API calls (not the agent's own UI) answer 503, as during an outage or a deploy. */
  serverErrors: number;
}

export const DEFAULT_FAULTS: Faults = {
  closedTicket: false,
  staleSafeUpdates: 0,
  rateLimitedFor: null,
  serviceDown: false,
  budgetPerMinute: 700,
  exportsPerMinute: 10,
  serverErrors: 0,
};

/** The installed app's settings; which ones are secure comes from manifest.json. */
export type InstallationSettings = Record<string, string | number | boolean | null>;

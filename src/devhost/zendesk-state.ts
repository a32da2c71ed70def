/** The local Zendesk's state: one stateful fake shared by the host page, the REST emulation and the tests. */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { newAppKeyPair, signAppToken, type AppKeyPair } from './app-token.ts';
import { addLargeAccount, type LargeAccountOptions } from './large-account.ts';
import { IDS, SUBDOMAIN, sampleData, type SampleData } from './sample-data.ts';
import { createStateFile } from './state-file.ts';
import {
  DEFAULT_FAULTS,
  type CustomFieldValue,
  type Faults,
  type InstallationSettings,
  type ZdField,
  type ZdTicket,
  type ZdUser,
} from './zendesk-types.ts';

export interface HostReport {
  at: string;
  /** `unimplemented` for a protocol message the host does not handle; `error` for a failure. */
  kind: 'unimplemented' | 'error';
  message: string;
}

export interface ZendeskStateOptions {
  now?: () => Date;
  /** The installation's settings (secure ones included: they stay on the server). */
  settings?: InstallationSettings;
  /** Whether requirements.json was installed (then `requirement:<key>` answers); like zcli, the fields exist either way. */
  requirementsInstalled?: boolean;
  /** Called for every report (the devhost prints them to the terminal). */
  onReport?: (report: HostReport) => void;
  /** The app's RSA key pair (default: a fresh one, made on first use). */
  appKeys?: AppKeyPair;
  /** The API credential the service is given (default: Ada's email and a random token). */
  apiCredential?: ApiCredential;
  /**
   * A JSON file that keeps the tickets (fields, tags, status, comments, stamps: everything the app and tests change)
   * between runs: read at creation, written a moment after each change. Without it the state lives in memory only.
   */
  stateFile?: string;
  /** Milliseconds after the last change before the file is written (default 250). */
  saveDelayMs?: number;
  /** A large generated account on top of the sample one (large-account.ts), for tests and benchmarks of the sync. */
  largeAccount?: Omit<LargeAccountOptions, 'now'>;
}

/** An API token as an admin creates it in Admin Center: `Basic base64("<apiUser>/token:<apiToken>")`. */
export interface ApiCredential {
  apiUser: string;
  apiToken: string;
}

/** The app and its one installation in this account (ids as Zendesk would give them). */
export const APP_ID = 1001;
export const INSTALLATION_ID = 2001;

export type ZendeskState = ReturnType<typeof createZendeskState>;

/** A call counted against a per-minute limit, or refused with how many seconds to wait. */
export type Spent = { ok: true; limit: number; remaining: number } | { ok: false; limit: number; retryAfter: number };

function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The state file's contents: the tickets as they are now (people, groups, forms and fields never change at run time). */
const Snapshot = z.object({
  format: z.literal(1),
  savedAt: z.string(),
  tickets: z.array(
    z.looseObject({
      id: z.number().int().positive(),
      status: z.string(),
      tags: z.array(z.string()),
      custom_fields: z.array(z.object({ id: z.number(), value: z.unknown() })),
      comments: z.array(z.looseObject({ id: z.number() })),
      updated_at: z.string(),
    }),
  ),
});

/** The sample tickets, with those of a saved snapshot in their place (and any it holds that the sample has not). */
function withSaved(sample: ZdTicket[], saved: unknown, onError: (message: string) => void): Map<number, ZdTicket> {
  const tickets = new Map(sample.map((t) => [t.id, t]));
  if (saved === null) return tickets;
  const parsed = Snapshot.safeParse(saved);
  if (!parsed.success) {
    onError(
      `the local Zendesk's saved state is not in the expected format (${parsed.error.issues[0]?.message ?? 'invalid'}); starting from the sample data`,
    );
    return tickets;
  }
  for (const t of parsed.data.tickets) tickets.set(t.id, t as unknown as ZdTicket);
  return tickets;
}

export function createZendeskState(options: ZendeskStateOptions = {}) {
  const now = options.now ?? (() => new Date());
  const reports: HostReport[] = [];
  const report = (kind: HostReport['kind'], message: string): HostReport => {
    const entry = { at: now().toISOString(), kind, message };
    reports.push(entry);
    options.onReport?.(entry);
    return entry;
  };
  const file = options.stateFile
    ? createStateFile(options.stateFile, { delayMs: options.saveDelayMs ?? 250, onError: (m) => report('error', m) })
    : null;
  const accountData = (): SampleData => {
    const at = now();
    const sample = sampleData(at);
    if (options.largeAccount) addLargeAccount(sample, { ...options.largeAccount, now: at });
    return sample;
  };
  const data: SampleData = accountData();
  let tickets = withSaved(data.tickets, file ? file.load() : null, (m) => report('error', m));
  data.tickets = [...tickets.values()];
  // faults, the request budget and the update limiter are the session's, not the account's: they start afresh
  let faults: Faults = { ...DEFAULT_FAULTS };
  // the account's request budget, and the incremental exports' own limit: counts per wall-clock minute, as Zendesk's
  // limits reset each minute
  let budget = { minute: -1, used: 0 };
  let exports = { minute: -1, used: 0 };
  // counts every change to the tickets, so the incremental exports rebuild their order only after one
  let version = 0;
  // Zendesk's own limit on ticket updates: 30 per 10 minutes per user per ticket
  let ticketUpdates = new Map<string, number[]>();
  const settings: InstallationSettings = {
    writeBack: true,
    scoreFieldId: null,
    resultFieldId: null,
    ...options.settings,
  };

  let appKeys = options.appKeys;
  const apiCredential: ApiCredential = options.apiCredential ?? {
    apiUser: data.users.find((u) => u.id === IDS.users.ada)!.email,
    apiToken: randomBytes(30).toString('base64url'),
  };
  /** Saves the tickets soon (with a state file); every change to a ticket ends here, through touch() or reset(). */
  const changed = () => {
    version += 1;
    file?.schedule(() => ({ format: 1, savedAt: iso(now()), tickets: [...tickets.values()] }));
  };
  /** Counts one call in `window` (replaced each minute) against `limit`; says how long to wait when it is spent. */
  const spendIn = (window: { minute: number; used: number }, limit: number): Spent & { window: { minute: number; used: number } } => {
    const at = now().getTime();
    const minute = Math.floor(at / 60_000);
    const current = window.minute === minute ? window : { minute, used: 0 };
    if (faults.rateLimitedFor !== null) return { ok: false, limit, retryAfter: faults.rateLimitedFor, window: current };
    if (current.used >= limit) {
      return { ok: false, limit, retryAfter: Math.max(1, Math.ceil(((minute + 1) * 60_000 - at) / 1000)), window: current };
    }
    const next = { minute, used: current.used + 1 };
    return { ok: true, limit, remaining: limit - next.used, window: next };
  };

  return {
    subdomain: SUBDOMAIN,
    now,
    settings,
    appId: APP_ID,
    installationId: INSTALLATION_ID,
    /** The app's key pair: Zendesk signs location loads with the private key and publishes the public one. */
    appKeys(): AppKeyPair {
      return (appKeys ??= newAppKeyPair());
    },
    /** A location load token for the user, signed as Zendesk signs it for this installation. */
    signLoad(userId: number, location: string): Promise<string> {
      return signAppToken((appKeys ??= newAppKeyPair()).privateKey, {
        subdomain: SUBDOMAIN,
        appId: APP_ID,
        installationId: INSTALLATION_ID,
        userId,
        location,
      });
    },
    /** The one API credential that the HTTP API accepts (the service's). */
    apiCredential,
    requirementsInstalled: options.requirementsInstalled ?? true,
    data,

    user(id: number): ZdUser | undefined {
      return data.users.find((u) => u.id === id);
    },
    /** The people of the user switcher: the reviewer, two agents, the admin and the lead. */
    staff(): ZdUser[] {
      const ids: number[] = Object.values(IDS.users);
      return data.users.filter((u) => ids.includes(u.id));
    },
    groupsOf(userId: number) {
      const ids = data.memberships[userId] ?? [];
      return data.groups.filter((g) => ids.includes(g.id));
    },
    ticket(id: number): ZdTicket | undefined {
      return tickets.get(id);
    },
    tickets(): ZdTicket[] {
      return [...tickets.values()];
    },
    /** Marks a ticket as changed now (`updated_at` is what `safe_update` compares) and saves it soon. */
    touch(ticket: ZdTicket): void {
      const stamp = iso(now());
      // two writes within one second still get distinct stamps, as they would on a real account
      ticket.updated_at = stamp > ticket.updated_at ? stamp : iso(new Date(Date.parse(ticket.updated_at) + 1000));
      changed();
    },
    /** Saves the tickets soon, for a change made without touch() (the seed's field values). */
    changed,
    /** Writes a pending save now (before the process ends). */
    async flush(): Promise<void> {
      await file?.flush();
    },
    fieldValue(ticket: ZdTicket, fieldId: number) {
      return ticket.custom_fields.find((f) => f.id === fieldId)?.value;
    },
    /** Sets a custom field's value, and for a drop-down its option's tag, as Zendesk does; returns the previous value. */
    setFieldValue(ticket: ZdTicket, field: ZdField, value: CustomFieldValue): CustomFieldValue {
      const slot = ticket.custom_fields.find((f) => f.id === field.id);
      const previous = slot?.value ?? null;
      if (slot) slot.value = value;
      else ticket.custom_fields.push({ id: field.id, value });
      if (field.type === 'tagger') {
        // a drop-down field's value is also a tag on the ticket, which views and triggers use
        const optionTags = new Set(field.custom_field_options?.map((o) => o.value));
        ticket.tags = [...ticket.tags.filter((tag) => !optionTags.has(tag)), ...(typeof value === 'string' ? [value] : [])];
      }
      return previous;
    },
    /** An id for a new comment, above every comment id of the account. */
    nextCommentId(): number {
      let max = 70000;
      for (const t of tickets.values()) for (const c of t.comments) max = Math.max(max, c.id);
      return max + 1;
    },

    faults(): Faults {
      return { ...faults };
    },
    setFaults(change: Partial<Faults>): Faults {
      faults = { ...faults, ...change };
      return { ...faults };
    },
    /** Counts one API call against the minute's budget; says how long to wait when it is spent. */
    spend(): Spent {
      const { window, ...spent } = spendIn(budget, faults.budgetPerMinute);
      budget = window;
      return spent;
    },
    /** Counts one call to an incremental export endpoint against their own per-minute limit (after `spend`). */
    spendExport(): Spent {
      const { window, ...spent } = spendIn(exports, faults.exportsPerMinute);
      exports = window;
      return spent;
    },
    /** Goes up with every change to the tickets (what the incremental exports' order is built from). */
    version(): number {
      return version;
    },

    /** Back to the sample data with no faults (settings and reports stay), e.g. between tests. */
    reset(): void {
      Object.assign(data, accountData());
      tickets = new Map(data.tickets.map((t) => [t.id, t]));
      faults = { ...DEFAULT_FAULTS };
      budget = { minute: -1, used: 0 };
      exports = { minute: -1, used: 0 };
      ticketUpdates = new Map();
      changed();
    },

    /** Counts one update of a ticket by a user; says how long to wait when 30 were made in 10 minutes. */
    spendTicketUpdate(userId: number, ticketId: number): { ok: true } | { ok: false; retryAfter: number } {
      const at = now().getTime();
      const key = `${userId}:${ticketId}`;
      const recent = (ticketUpdates.get(key) ?? []).filter((t) => at - t < 600_000);
      if (recent.length >= 30) return { ok: false, retryAfter: Math.max(1, Math.ceil((recent[0]! + 600_000 - at) / 1000)) };
      ticketUpdates.set(key, [...recent, at]);
      return { ok: true };
    },

    report,
    reports(): HostReport[] {
      return [...reports];
    },
  };
}

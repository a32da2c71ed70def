import type { z } from 'zod';
import type { AccountEntry } from './config.ts';
import type { Db } from './db/db.ts';
import type { HeavyLimits } from './limits/heavy.ts';
import type { HealthOptions } from './limits/health.ts';
import type { Logger } from './log.ts';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** One Zendesk account the service serves (QA_ACCOUNTS), with the credential only the service holds. */
export type AccountConfig = z.output<typeof AccountEntry>;

/** `fetch` as the service uses it for Zendesk's API (tests and the local Zendesk pass their own). */
export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

/** A file of the built app (`dist/assets/...`): the location pages and their scripts. */
export type AppFiles = (path: string) => Promise<{ body: Uint8Array; type: string } | null>;

/** Sessions and throttling; every figure has a default (identity/limits.ts). */
export interface AuthLimits {
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** How long a resolved Zendesk role and group list is trusted before Zendesk is asked again. */
  roleTtlSeconds: number;
  /** Failed authentications per minute before 429: per client address and per account. */
  failuresPerClient: number;
  failuresPerAccount: number;
}

/** Everything a router needs; built once in the composition root (main.ts or a test). */
export interface AppDeps {
  db: Db;
  clock: Clock;
  accounts: readonly AccountConfig[];
  /** Structured log lines: request id, route, status, error class; never SQL, parameters, bodies or names (default: stderr). */
  logger?: Logger;
  /** How the service reaches Zendesk's API (default: global fetch). */
  zendeskFetch?: Fetch;
  /** The built app's files; without them location pages answer 404. */
  appFiles?: AppFiles;
  /** Take the client address from X-Forwarded-For (behind a load balancer). */
  trustProxy?: boolean;
  limits?: Partial<AuthLimits>;
  /** The clock of sign-ins, sessions and throttling (default `clock`; tests that move `clock` keep this one real). */
  authClock?: Clock;
  /** Bounds on heavy requests (reports, exports, what-if, coverage, suggestions); defaults by storage in limits/heavy.ts. */
  heavy?: Partial<HeavyLimits>;
  /** The database heavy routes read (default `db`); on PostgreSQL a pool of its own with its own statement timeout. */
  heavyDb?: Db;
  /** How often /healthz checks the database, and how old a good check may be (limits/health.ts). */
  health?: Partial<HealthOptions>;
}

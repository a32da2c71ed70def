import type { Db } from './db/db.ts';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Zendesk account subdomain -> the installation's bearer token. */
export type Accounts = Readonly<Record<string, string>>;

export type Log = (message: string, error?: unknown) => void;

/** Everything a router needs; built once in the composition root (main.ts or a test). */
export interface AppDeps {
  db: Db;
  clock: Clock;
  accounts: Accounts;
  /** Server-side errors go here with their request id (default: stderr). */
  log?: Log;
}

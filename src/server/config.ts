import { z } from 'zod';
import { formatIssues } from '../core/issues.ts';
import type { Accounts } from './deps.ts';

/** Used when QA_ACCOUNTS is unset outside production: documented in docs/decisions (service-config). */
export const DEV_ACCOUNTS: Accounts = { acme: 'dev-token-acme' };

const Subdomain = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** "acme:token,globex:token" -> { acme: "token", globex: "token" }. */
export const AccountsSpec = z.string().transform((spec, ctx): Accounts => {
  const accounts: Record<string, string> = {};
  spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .forEach((entry, i) => {
      const at = entry.indexOf(':');
      const account = entry.slice(0, at).trim();
      const token = entry.slice(at + 1).trim();
      if (at < 0 || !Subdomain.test(account)) {
        ctx.addIssue({ code: 'custom', message: `entry ${i + 1} must look like "subdomain:token" (lowercase subdomain)` });
      } else if (token.length < 8 || /\s/.test(token)) {
        ctx.addIssue({ code: 'custom', message: `the token of "${account}" must be at least 8 characters without spaces` });
      } else if (account in accounts) {
        ctx.addIssue({ code: 'custom', message: `"${account}" is listed twice` });
      } else accounts[account] = token;
    });
  if (Object.keys(accounts).length === 0 && ctx.issues.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'must list at least one "subdomain:token"' });
  }
  return accounts;
});

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3030),
  HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  QA_ACCOUNTS: AccountsSpec.optional(),
  NODE_ENV: z.string().optional(),
});

export interface Config {
  port: number;
  host: string;
  storage: { kind: 'pglite'; dataDir: string } | { kind: 'pg'; url: string };
  accounts: Accounts;
  /** True when QA_ACCOUNTS was unset and the dev token is in use. */
  devAccounts: boolean;
}

/** The service's configuration from the environment, parsed once; a bad value is a one-line message. */
export function loadConfig(env: Record<string, string | undefined>): { ok: true; config: Config } | { ok: false; message: string } {
  // empty variables count as unset (a common shell mistake: `export PORT=`)
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const r = Env.safeParse(present);
  if (!r.success) return { ok: false, message: `configuration: ${formatIssues(r.error.issues).join('; ')}` };
  const e = r.data;
  const production = e.NODE_ENV === 'production';
  if (!e.QA_ACCOUNTS && production) {
    return { ok: false, message: 'configuration: QA_ACCOUNTS: is required in production ("subdomain:token,subdomain:token")' };
  }
  const devAccounts = !e.QA_ACCOUNTS;
  return {
    ok: true,
    config: {
      port: e.PORT,
      // the well-known dev token is served on loopback only
      host: e.HOST ?? (devAccounts ? '127.0.0.1' : '0.0.0.0'),
      storage: e.DATABASE_URL ? { kind: 'pg', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: e.DATA_DIR },
      accounts: e.QA_ACCOUNTS ?? DEV_ACCOUNTS,
      devAccounts,
    },
  };
}

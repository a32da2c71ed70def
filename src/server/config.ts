import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { formatIssues } from '../core/issues.ts';
import type { AccountConfig } from './deps.ts';

const Subdomain = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** One Zendesk account the service serves, and the credential only the service holds for it. */
export const AccountEntry = z.strictObject({
  subdomain: z.string().regex(Subdomain, 'must be a lowercase Zendesk subdomain, e.g. "acme"'),
  /** The app's id in Zendesk (Admin Center > Apps > the app's page): names its public key and installation. */
  appId: z.number().int().positive(),
  /** The installation id; when absent the service finds it with GET /api/v2/apps/installations. */
  installationId: z.number().int().positive().optional(),
  /** The API user's email and API token (Basic `email/token:token`), read only by the service. */
  apiUser: z.email('must be the email of the Zendesk user the API token belongs to'),
  apiToken: z.string().min(20, 'must be a Zendesk API token (40 characters)').regex(/^\S+$/, 'must not contain spaces'),
  /** The app's public key (PEM); when absent it is read from GET /api/v2/apps/{appId}/public_key.pem and cached. */
  publicKey: z.string().includes('BEGIN PUBLIC KEY', { message: 'must be a PEM public key' }).optional(),
  /** Where the account's API answers; default https://<subdomain>.zendesk.com (the local Zendesk sets its own). */
  zendeskUrl: z.url({ protocol: /^https?$/ }).optional(),
});

/** QA_ACCOUNTS: a JSON array of accounts, or `@/path/to/accounts.json`. */
export const AccountsSpec = z
  .string()
  .transform((spec, ctx) => {
    let text = spec;
    if (spec.startsWith('@')) {
      try {
        text = readFileSync(spec.slice(1), 'utf8');
      } catch {
        ctx.addIssue({ code: 'custom', message: `cannot read the file ${spec.slice(1)}` });
        return z.NEVER;
      }
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of accounts (see README, "Installing in a real Zendesk")' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(AccountEntry)
      .min(1, 'must list at least one account')
      .refine((a) => new Set(a.map((x) => x.subdomain)).size === a.length, 'must not list a subdomain twice'),
  );

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3030),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  QA_ACCOUNTS: AccountsSpec,
  /** The built app (`npm run build` writes dist/): the service serves its location pages. */
  QA_APP_DIR: z.string().min(1).default('./dist'),
  /** Behind a load balancer: take the client address from the last X-Forwarded-For hop. */
  QA_TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0'),
  /** PostgreSQL statement timeouts in ms (0: none): reports, exports and the like; every other statement. */
  QA_HEAVY_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(15_000),
  QA_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  /** Heavy requests running at once in this instance, per account and in all (defaults by storage: limits/heavy.ts). */
  QA_HEAVY_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).optional(),
  QA_HEAVY_TOTAL: z.coerce.number().int().min(1).max(1000).optional(),
  /** The Zendesk sync on a schedule in this instance (decision 026): off leaves it to other instances. */
  QA_SYNC: z.enum(['0', '1', 'true', 'false', 'on', 'off']).default('on'),
  /** Minutes between an account's sync runs (an increment after the first sync). */
  QA_SYNC_INTERVAL_MINUTES: z.coerce.number().min(0.1).max(1440).default(5),
});

export interface Config {
  port: number;
  host: string;
  storage: { kind: 'pglite'; dataDir: string } | { kind: 'pg'; url: string };
  accounts: AccountConfig[];
  appDir: string;
  trustProxy: boolean;
  /** Bounds on the work of one request (decision 018). */
  bounds: { statementTimeoutMs: number; heavyStatementTimeoutMs: number; heavyPerAccount?: number; heavyTotal?: number };
  /** The scheduled Zendesk sync: whether this instance runs it, and the minutes between an account's runs. */
  sync: { enabled: boolean; intervalMinutes: number };
}

/** The service's configuration from the environment, parsed once; a bad value is a one-line message. */
export function loadConfig(env: Record<string, string | undefined>): { ok: true; config: Config } | { ok: false; message: string } {
  // empty variables count as unset (a common shell mistake: `export PORT=`)
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const r = Env.safeParse(present);
  if (!r.success) return { ok: false, message: `configuration: ${formatIssues(r.error.issues).join('; ')}` };
  const e = r.data;
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      storage: e.DATABASE_URL ? { kind: 'pg', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: e.DATA_DIR },
      accounts: e.QA_ACCOUNTS,
      appDir: e.QA_APP_DIR,
      trustProxy: e.QA_TRUST_PROXY === '1' || e.QA_TRUST_PROXY === 'true',
      bounds: {
        statementTimeoutMs: e.QA_STATEMENT_TIMEOUT_MS,
        heavyStatementTimeoutMs: e.QA_HEAVY_STATEMENT_TIMEOUT_MS,
        ...(e.QA_HEAVY_PER_ACCOUNT ? { heavyPerAccount: e.QA_HEAVY_PER_ACCOUNT } : {}),
        ...(e.QA_HEAVY_TOTAL ? { heavyTotal: e.QA_HEAVY_TOTAL } : {}),
      },
      sync: { enabled: ['1', 'true', 'on'].includes(e.QA_SYNC), intervalMinutes: e.QA_SYNC_INTERVAL_MINUTES },
    },
  };
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const acme = { subdomain: 'acme', appId: 1001, apiUser: 'qa-service@acme.com', apiToken: 'a'.repeat(40) };
const accounts = (...list: unknown[]) => JSON.stringify(list);

describe('loadConfig', () => {
  it('reads the accounts, and defaults to PGlite in ./.data on port 3030 with the app from ./dist', () => {
    const r = loadConfig({ QA_ACCOUNTS: accounts(acme) });
    expect(r).toEqual({
      ok: true,
      config: {
        port: 3030,
        host: '0.0.0.0',
        storage: { kind: 'pglite', dataDir: './.data' },
        accounts: [acme],
        appDir: './dist',
        trustProxy: false,
        bounds: { statementTimeoutMs: 60_000, heavyStatementTimeoutMs: 15_000 },
        sync: { enabled: true, intervalMinutes: 5 },
      },
    });
  });

  it('reads the sync schedule: off in this instance, or another interval', () => {
    const r = loadConfig({ QA_ACCOUNTS: accounts(acme), QA_SYNC: 'off', QA_SYNC_INTERVAL_MINUTES: '15' });
    expect(r.ok && r.config.sync).toEqual({ enabled: false, intervalMinutes: 15 });
    expect(loadConfig({ QA_ACCOUNTS: accounts(acme), QA_SYNC_INTERVAL_MINUTES: '0' }).ok).toBe(false);
  });

  it('reads a PostgreSQL URL, a port, the proxy setting and accounts from a file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'qa-config-')), 'accounts.json');
    writeFileSync(file, accounts(acme, { ...acme, subdomain: 'globex', installationId: 5, zendeskUrl: 'https://globex.zendesk.com' }));
    const r = loadConfig({ QA_ACCOUNTS: `@${file}`, DATABASE_URL: 'postgres://u@h/db', PORT: '8080', QA_TRUST_PROXY: '1' });
    expect(r.ok && r.config).toMatchObject({
      port: 8080,
      storage: { kind: 'pg', url: 'postgres://u@h/db' },
      accounts: [acme, { subdomain: 'globex', installationId: 5 }],
      trustProxy: true,
    });
  });

  it('reads the bounds on heavy work: statement timeouts and heavy requests at once', () => {
    const r = loadConfig({
      QA_ACCOUNTS: accounts(acme),
      QA_STATEMENT_TIMEOUT_MS: '30000',
      QA_HEAVY_STATEMENT_TIMEOUT_MS: '0',
      QA_HEAVY_PER_ACCOUNT: '3',
      QA_HEAVY_TOTAL: '6',
    });
    expect(r.ok && r.config.bounds).toEqual({ statementTimeoutMs: 30_000, heavyStatementTimeoutMs: 0, heavyPerAccount: 3, heavyTotal: 6 });
  });

  it.each([
    [{ PORT: 'abc', QA_ACCOUNTS: accounts(acme) }, 'PORT'],
    [{ PORT: '70000', QA_ACCOUNTS: accounts(acme) }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x', QA_ACCOUNTS: accounts(acme) }, 'DATABASE_URL'],
    [{}, 'QA_ACCOUNTS'],
    [{ QA_ACCOUNTS: 'acme:token' }, 'QA_ACCOUNTS'],
    [{ QA_ACCOUNTS: '[]' }, 'QA_ACCOUNTS'],
    [{ QA_ACCOUNTS: accounts({ ...acme, subdomain: 'Acme Corp' }) }, 'QA_ACCOUNTS[0].subdomain'],
    [{ QA_ACCOUNTS: accounts({ ...acme, apiToken: 'short' }) }, 'QA_ACCOUNTS[0].apiToken'],
    [{ QA_ACCOUNTS: accounts({ ...acme, apiUser: 'not an email' }) }, 'QA_ACCOUNTS[0].apiUser'],
    [{ QA_ACCOUNTS: accounts({ ...acme, publicKey: 'xyz' }) }, 'QA_ACCOUNTS[0].publicKey'],
    [{ QA_ACCOUNTS: accounts(acme, acme) }, 'QA_ACCOUNTS'],
    [{ QA_ACCOUNTS: '@/no/such/file.json' }, 'QA_ACCOUNTS'],
    [{ QA_ACCOUNTS: accounts(acme), QA_HEAVY_TOTAL: '0' }, 'QA_HEAVY_TOTAL'],
    [{ QA_ACCOUNTS: accounts(acme), QA_STATEMENT_TIMEOUT_MS: '-1' }, 'QA_STATEMENT_TIMEOUT_MS'],
  ])('refuses %o with one line naming %s', (env, name) => {
    const r = loadConfig(env);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain(`${name}:`);
      expect(r.message).not.toContain('\n');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { DEV_ACCOUNTS, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to PGlite in ./.data on port 3030, with the dev account on loopback when QA_ACCOUNTS is unset', () => {
    const r = loadConfig({});
    expect(r).toEqual({
      ok: true,
      config: { port: 3030, host: '127.0.0.1', storage: { kind: 'pglite', dataDir: './.data' }, accounts: DEV_ACCOUNTS, devAccounts: true },
    });
  });

  it('reads accounts, a PostgreSQL URL and a port', () => {
    const r = loadConfig({ QA_ACCOUNTS: 'acme:secret-1234, globex:other-5678', DATABASE_URL: 'postgres://u@h/db', PORT: '8080' });
    expect(r.ok && r.config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      storage: { kind: 'pg', url: 'postgres://u@h/db' },
      accounts: { acme: 'secret-1234', globex: 'other-5678' },
      devAccounts: false,
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ QA_ACCOUNTS: 'acme' }, 'QA_ACCOUNTS'],
    [{ QA_ACCOUNTS: 'Acme Corp:secret-1234' }, 'QA_ACCOUNTS'],
    [{ QA_ACCOUNTS: 'acme:short' }, 'QA_ACCOUNTS'],
    [{ QA_ACCOUNTS: 'acme:secret-1234,acme:secret-5678' }, 'QA_ACCOUNTS'],
    [{ NODE_ENV: 'production' }, 'QA_ACCOUNTS'],
  ])('refuses %o with one line naming %s', (env, name) => {
    const r = loadConfig(env);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain(`${name}:`);
      expect(r.message).not.toContain('\n');
    }
  });
});

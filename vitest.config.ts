import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'tests/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // a throw-away PostgreSQL server for the pg variant of tests/integration (skipped loudly when missing locally)
    globalSetup: ['tests/support/pg-cluster.ts'],
  },
});

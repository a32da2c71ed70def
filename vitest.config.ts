import { defineConfig } from 'vitest/config';
import { uiSections } from './src/app/i18n/sections-plugin.ts';

export default defineConfig({
  // location strings import translations/*.json?ui-sections=... (src/app/locations/*/strings.ts)
  plugins: [uiSections()],
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'tests/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // CI shares 2 cores with Chromium, PostgreSQL and PGlite: one retry absorbs a browser timing hiccup, and the
    // report still lists the retried test (a test that fails twice fails the run)
    retry: process.env.CI ? 1 : 0,
    // a throw-away PostgreSQL server for the pg variant of tests/integration (skipped loudly when missing locally)
    globalSetup: ['tests/support/pg-cluster.ts'],
  },
});

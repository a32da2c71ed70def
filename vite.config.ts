/**
 * Builds into dist/: one html page per location (dist/assets/<location>.html with hashed js/css beside it, which the
 * QA service serves at /app/<file>: Zendesk POSTs the signed first load there), plus the Zendesk package sources
 * (manifest, requirements, translations, logos and icons). `QA_SERVICE_DOMAIN=qa.example.com` points the manifest's
 * locations at https://qa.example.com/app/<page> and whitelists that domain.
 */
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { pruneGardenVariables } from './scripts/prune-garden-variables.ts';
import { serviceManifest } from './scripts/service-manifest.ts';
import { formatSizes } from './scripts/size.ts';
import { uiSections } from './src/app/i18n/sections-plugin.ts';

const here = import.meta.dirname;
// QA_DIST_DIR lets tests build into a temporary folder.
const dist = resolve(here, process.env.QA_DIST_DIR ?? 'dist');
const locationsDir = resolve(here, 'src/app/locations');
export const LOCATIONS = ['ticket-sidebar', 'nav-bar', 'background'] as const;

/** `<location>/index.html` -> `<location>.html`, served by the service as `/app/<location>.html`. */
function flattenHtml(): Plugin {
  return {
    name: 'ticket-qa:flatten-html',
    enforce: 'post',
    generateBundle(_, bundle) {
      for (const item of Object.values(bundle)) {
        const match = /^([\w-]+)\/index\.html$/.exec(item.fileName);
        if (!match || item.type !== 'asset') continue;
        item.fileName = `${match[1]}.html`;
        item.source = String(item.source).replace(/(src|href)="\.\.\//g, '$1="./');
      }
    },
  };
}

/** Copies manifest, requirements, translations and logos/icons into dist/, then prints the pages' gzip sizes. */
function zendeskPackage(): Plugin {
  let failed = false;
  return {
    name: 'ticket-qa:zendesk-package',
    apply: 'build',
    buildStart() {
      failed = false;
      rmSync(dist, { recursive: true, force: true });
    },
    buildEnd(error) {
      failed = Boolean(error);
    },
    closeBundle() {
      // Rolldown also closes after a failed build: leave its error to be reported.
      if (failed) return;
      const manifest = readFileSync(join(here, 'manifest.json'), 'utf8');
      // The locations are the service's pages: point them at the deployed service's domain at build time.
      const domain = process.env.QA_SERVICE_DOMAIN;
      writeFileSync(
        join(dist, 'manifest.json'),
        domain?.trim() ? `${JSON.stringify(serviceManifest(JSON.parse(manifest), domain), null, 2)}\n` : manifest,
      );
      cpSync(join(here, 'requirements.json'), join(dist, 'requirements.json'));
      mkdirSync(join(dist, 'translations'), { recursive: true });
      for (const file of readdirSync(join(here, 'translations')).filter((f) => f.endsWith('.json'))) {
        cpSync(join(here, 'translations', file), join(dist, 'translations', file));
      }
      for (const file of readdirSync(join(here, 'assets')).filter((f) => /\.(png|svg)$/.test(f))) {
        cpSync(join(here, 'assets', file), join(dist, 'assets', file));
      }
      console.log(`\n${formatSizes(join(dist, 'assets'))}`);
    },
  };
}

export default defineConfig({
  root: locationsDir,
  base: './',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  // the SDK's Promise polyfill (8 kB) is only used where window.Promise is missing: never in Zendesk's browsers
  resolve: { alias: [{ find: /^\.\/vendor\/native-promise-only$/, replacement: join(here, 'src/app/zaf/promise-shim.cjs') }] },
  build: {
    outDir: join(dist, 'assets'),
    emptyOutDir: true,
    assetsDir: '.',
    target: 'es2022',
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: Object.fromEntries(LOCATIONS.map((name) => [name, join(locationsDir, name, 'index.html')])),
    },
  },
  plugins: [uiSections(), flattenHtml(), pruneGardenVariables(), zendeskPackage()],
});

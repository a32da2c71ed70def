/**
 * Builds the Zendesk app package into dist/: one html page per location (dist/assets/<location>.html with hashed
 * js/css beside it, relative URLs so it works from Zendesk's CDN path) plus the package sources copied verbatim.
 */
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { formatSizes } from './scripts/size.ts';
import { uiSections } from './src/app/i18n/sections-plugin.ts';

const here = import.meta.dirname;
// QA_DIST_DIR lets tests build into a temporary folder.
const dist = resolve(here, process.env.QA_DIST_DIR ?? 'dist');
const locationsDir = resolve(here, 'src/app/locations');
export const LOCATIONS = ['ticket-sidebar', 'nav-bar'] as const;

/** `<location>/index.html` -> `<location>.html`, so manifest URLs are `assets/<location>.html`. */
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
      // The secure token may only go to whitelisted domains: set the deployed service's domain at build time.
      const domains = process.env.QA_SERVICE_DOMAIN?.split(',').map((d) => d.trim()).filter(Boolean);
      writeFileSync(
        join(dist, 'manifest.json'),
        domains?.length ? `${JSON.stringify({ ...JSON.parse(manifest), domainWhitelist: domains }, null, 2)}\n` : manifest,
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
  plugins: [uiSections(), flattenHtml(), zendeskPackage()],
});

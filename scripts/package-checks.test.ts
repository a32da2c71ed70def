import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng, render } from './make-logos.ts';
import { checkPackage, packageContents, pngSize, readPackageDir, type PackageFiles, type RuleId } from './package-checks.ts';
import { serviceManifest } from './service-manifest.ts';

const repo = join(import.meta.dirname, '..');
const temp = mkdtempSync(join(tmpdir(), 'ticket-qa-package-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A valid package assembled from the repo's sources (the locations are the service's pages: no html in it). */
function assemble(dir: string): void {
  mkdirSync(join(dir, 'assets'), { recursive: true });
  for (const file of ['manifest.json', 'requirements.json', 'translations']) cpSync(join(repo, file), join(dir, file), { recursive: true });
  for (const file of readdirSync(join(repo, 'assets')).filter((f) => /\.(png|svg)$/.test(f))) {
    cpSync(join(repo, 'assets', file), join(dir, 'assets', file));
  }
}

const enc = (s: string) => new TextEncoder().encode(s);
const json = (files: PackageFiles, path: string) => JSON.parse(new TextDecoder().decode(files.get(path))) as Record<string, any>;

let valid: PackageFiles;
beforeAll(() => {
  assemble(join(temp, 'valid'));
  valid = readPackageDir(join(temp, 'valid'));
});

/** A copy of the valid package with one change. */
function broken(change: (files: Map<string, Uint8Array>) => void): Map<string, Uint8Array> {
  const files = new Map(valid);
  change(files);
  return files;
}
function editJson(files: Map<string, Uint8Array>, path: string, edit: (value: Record<string, any>) => void): void {
  const value = json(files, path);
  edit(value);
  files.set(path, enc(JSON.stringify(value)));
}
const editManifest = (edit: (m: Record<string, any>) => void) => broken((f) => editJson(f, 'manifest.json', edit));
const param = (m: Record<string, any>, name: string) => m.parameters.find((p: { name: string }) => p.name === name);
const rules = (files: PackageFiles) => checkPackage(files).map((p) => p.rule);

describe('checkPackage', () => {
  it('passes the package assembled from the repo sources', () => {
    expect(checkPackage(valid)).toEqual([]);
    expect(valid.has('manifest.json')).toBe(true);
  });

  const cases: [string, RuleId, () => PackageFiles][] = [
    [
      'manifest not at the root',
      'manifest-missing',
      () =>
        broken((f) => {
          f.set('ticket-qa/manifest.json', f.get('manifest.json')!);
          f.delete('manifest.json');
        }),
    ],
    ['manifest not JSON', 'json-invalid', () => broken((f) => f.set('manifest.json', enc('{"name": "Ticket QA",}')))],
    [
      'duplicate key in the manifest',
      'json-duplicate-key',
      () =>
        broken((f) =>
          f.set(
            'manifest.json',
            enc(new TextDecoder().decode(f.get('manifest.json')).replace('"private": true', '"private": true, "private": false')),
          ),
        ),
    ],
    ['no author email', 'manifest-field', () => editManifest((m) => delete m.author.email)],
    ['framework version 1.0', 'framework-version', () => editManifest((m) => (m.frameworkVersion = '1.0'))],
    ['no framework version', 'framework-version', () => editManifest((m) => delete m.frameworkVersion)],
    [
      'location url missing file',
      'location-url',
      () =>
        editManifest((m) => {
          m.signedUrls = false;
          m.location.support.ticket_sidebar.url = 'assets/ticket-sidebar.html';
        }),
    ],
    [
      'signed URLs on a package page',
      'location-url',
      () =>
        broken((f) => {
          f.set('assets/ticket-sidebar.html', enc('<!doctype html>'));
          editJson(f, 'manifest.json', (m) => (m.location.support.ticket_sidebar.url = 'assets/ticket-sidebar.html'));
        }),
    ],
    ['signedUrls not a boolean', 'manifest-field', () => editManifest((m) => (m.signedUrls = 'yes'))],
    [
      'location url outside assets',
      'location-url',
      () => editManifest((m) => (m.location.support.ticket_sidebar.url = 'ticket-sidebar.html')),
    ],
    [
      'location url climbing out',
      'location-url',
      () => editManifest((m) => (m.location.support.ticket_sidebar.url = 'assets/../manifest.json')),
    ],
    [
      'location url plain http',
      'location-url',
      () => editManifest((m) => (m.location.support.ticket_sidebar.url = 'http://qa.example.com/app.html')),
    ],
    ['location url absolute path', 'location-url', () => editManifest((m) => (m.location.support.nav_bar.url = '/assets/nav-bar.html'))],
    [
      'unknown location',
      'location-unknown',
      () => editManifest((m) => (m.location.support.ticket_sidebar_x = { url: 'assets/nav-bar.html' })),
    ],
    ['nav bar without icon', 'location-icon', () => broken((f) => f.delete('assets/icon_nav_bar.svg'))],
    ['a flexible background', 'location-option', () => editManifest((m) => (m.location.support.background.flexible = true))],
    [
      'a sized background',
      'location-option',
      () => editManifest((m) => (m.location.support.background.size = { width: '1px', height: '1px' })),
    ],
    ['a zip inside', 'banned-file', () => broken((f) => f.set('assets/old.zip', enc('PK')))],
    ['a shell script deep inside', 'banned-file', () => broken((f) => f.set('assets/x/deploy.SH', enc('#!/bin/sh')))],
    ['a pdf', 'banned-file', () => broken((f) => f.set('docs.pdf', enc('%PDF')))],
    ['logo missing', 'logo', () => broken((f) => f.delete('assets/logo.png'))],
    ['logo wrong size', 'logo', () => broken((f) => f.set('assets/logo.png', f.get('assets/logo-small.png')!))],
    ['small logo not a PNG', 'logo', () => broken((f) => f.set('assets/logo-small.png', enc('<svg/>')))],
    [
      'two oauth parameters',
      'parameter-oauth',
      () => editManifest((m) => m.parameters.push({ name: 'a', type: 'oauth' }, { name: 'b', type: 'oauth' })),
    ],
    ['parameter named name', 'parameter-name', () => editManifest((m) => m.parameters.push({ name: 'name', type: 'text' }))],
    [
      'parameter declared twice',
      'parameter-duplicate',
      () => editManifest((m) => m.parameters.push({ name: 'writeBack', type: 'checkbox' })),
    ],
    [
      'hidden and required',
      'parameter-hidden-required',
      () => editManifest((m) => m.parameters.push({ name: 'h', type: 'hidden', required: true })),
    ],
    ['password type', 'parameter-type', () => editManifest((m) => (param(m, 'scoreFieldId').type = 'password'))],
    ['scopes on a plain parameter', 'parameter-scopes', () => editManifest((m) => (param(m, 'writeBack').scopes = ['header']))],
    [
      'unknown scope',
      'parameter-scopes',
      () => editManifest((m) => m.parameters.push({ name: 'apiKey', type: 'text', secure: true, scopes: ['cookie'] })),
    ],
    [
      'secure parameter without domain whitelist',
      'domain-whitelist',
      () =>
        editManifest((m) => {
          m.parameters.push({ name: 'apiKey', type: 'text', secure: true });
          delete m.domainWhitelist;
        }),
    ],
    ['domain whitelist with a scheme', 'domain-whitelist', () => editManifest((m) => (m.domainWhitelist = ['https://qa.example.com']))],
    ['default locale file missing', 'translations-default', () => broken((f) => f.delete('translations/en.json'))],
    ['default locale changed to a missing one', 'translations-default', () => editManifest((m) => (m.defaultLocale = 'fr'))],
    ['no app.name', 'translations-default', () => broken((f) => editJson(f, 'translations/en.json', (t) => delete t.app.name))],
    [
      'a parameter without label',
      'translations-default',
      () => broken((f) => editJson(f, 'translations/en.json', (t) => delete t.app.parameters.writeBack.label)),
    ],
    ['bad locale file name', 'locale-filename', () => broken((f) => f.set('translations/German.json', f.get('translations/de.json')!))],
    ['locale file not JSON', 'json-invalid', () => broken((f) => f.set('translations/de.json', enc('{')))],
    ['requirements not JSON', 'json-invalid', () => broken((f) => f.set('requirements.json', enc('{"ticket_fields": ')))],
    ['requirements of an unknown type', 'requirements', () => broken((f) => editJson(f, 'requirements.json', (r) => (r.tickets = {})))],
    [
      'tagger without options',
      'requirements',
      () => broken((f) => editJson(f, 'requirements.json', (r) => delete r.ticket_fields.qa_result.custom_field_options)),
    ],
    [
      'option value with a space',
      'requirements',
      () => broken((f) => editJson(f, 'requirements.json', (r) => (r.ticket_fields.qa_result.custom_field_options[0].value = 'qa pass'))),
    ],
    [
      'field without title',
      'requirements',
      () => broken((f) => editJson(f, 'requirements.json', (r) => delete r.ticket_fields.qa_score.title)),
    ],
  ];

  it.each(cases)('catches: %s -> %s', (_, rule, make) => {
    const files = make();
    const found = rules(files);
    expect(found).toContain(rule);
    // Each message names the file it is about.
    expect(checkPackage(files).every((p) => /\S+\.(json|png|svg|html|zip|sh|pdf|SH)\b|manifest/.test(p.message))).toBe(true);
  });

  it('accepts remote https and localhost location URLs', () => {
    const files = editManifest((m) => {
      m.location.support.ticket_sidebar.url = 'https://qa.example.com/sidebar.html';
      m.location.support.nav_bar.url = 'http://localhost:4567/assets/nav-bar.html';
    });
    expect(checkPackage(files)).toEqual([]);
  });

  it('the repo manifest has signed URLs on the local service; QA_SERVICE_DOMAIN points them at the deployed one', () => {
    const m = json(valid, 'manifest.json');
    expect(m.signedUrls).toBe(true);
    expect(m.location.support.ticket_sidebar.url).toBe('http://localhost:3030/app/ticket-sidebar.html');
    const deployed = serviceManifest(m, 'qa.acme.com') as Record<string, any>;
    expect(deployed.location.support).toMatchObject({
      ticket_sidebar: { url: 'https://qa.acme.com/app/ticket-sidebar.html', flexible: true },
      nav_bar: { url: 'https://qa.acme.com/app/nav-bar.html' },
    });
    // the background is served by the service too, with no display options (it has no UI)
    expect(deployed.location.support.background).toEqual({ url: 'https://qa.acme.com/app/background.html' });
    expect(deployed.domainWhitelist).toEqual(['qa.acme.com']);
    expect(m.location.support.ticket_sidebar.url).toBe('http://localhost:3030/app/ticket-sidebar.html'); // not changed in place
    expect((serviceManifest(m, 'tools.acme.com/qa/') as Record<string, any>).location.support.nav_bar.url).toBe(
      'https://tools.acme.com/qa/app/nav-bar.html',
    );
    expect(checkPackage(broken((f) => f.set('manifest.json', enc(JSON.stringify(deployed)))))).toEqual([]);
    expect(() => serviceManifest(m, 'https://qa.acme.com')).toThrow(/QA_SERVICE_DOMAIN/);
    expect(() => serviceManifest(m, 'a.com,b.com')).toThrow(/QA_SERVICE_DOMAIN/);
  });

  it('leaves the built pages out of the zip when every location is remote, and only then', () => {
    const withPages = broken((f) => {
      f.set('assets/ticket-sidebar.html', enc('<!doctype html>'));
      f.set('assets/sidebar-1a2b.js', enc('export {}'));
    });
    expect([...packageContents(withPages).keys()]).not.toContain('assets/sidebar-1a2b.js');
    expect([...packageContents(withPages).keys()]).toEqual(
      expect.arrayContaining(['manifest.json', 'assets/logo.png', 'assets/icon_nav_bar.svg']),
    );
    const local = new Map(withPages);
    editJson(local, 'manifest.json', (m) => {
      m.signedUrls = false;
      m.location.support.ticket_sidebar.url = 'assets/ticket-sidebar.html';
    });
    expect([...packageContents(local).keys()]).toEqual(expect.arrayContaining(['assets/ticket-sidebar.html', 'assets/sidebar-1a2b.js']));
  });

  it('reads PNG sizes from the IHDR chunk', () => {
    expect(pngSize(encodePng(3, 5, render(3, () => [0, 0, 0, 255]).subarray(0, 3 * 5 * 4)))).toEqual({ width: 3, height: 5 });
    expect(pngSize(enc('not a png at all, not at all'))).toBeNull();
  });
});

describe('npm run package', () => {
  const run = (dist: string, out: string) =>
    spawnSync('npm', ['run', '--silent', 'package', '--', dist, out], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  it('refuses a broken package with the rule named, exit 1 and no zip', () => {
    const dist = join(temp, 'broken');
    assemble(dist);
    writeFileSync(join(dist, 'assets', 'notes.pdf'), '%PDF-1.4');
    const out = join(temp, 'out-broken');
    mkdirSync(out);
    const result = run(dist, out);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('[banned-file] assets/notes.pdf');
    expect(readdirSync(out)).toEqual([]);
  });

  it('builds the real app and zips it with the manifest at the root, the pages left to the service', async () => {
    const dist = join(temp, 'dist');
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
      cwd: repo,
      env: { ...process.env, QA_DIST_DIR: dist, QA_SERVICE_DOMAIN: 'qa.acme.com' },
      stdio: 'pipe',
    });
    expect(checkPackage(readPackageDir(dist))).toEqual([]);
    // the service serves dist/assets: the pages and scripts are built there
    expect(existsSync(join(dist, 'assets', 'ticket-sidebar.html'))).toBe(true);
    const out = join(temp, 'out');
    mkdirSync(out);
    const result = run(dist, out);
    expect(result.status, result.stderr).toBe(0);
    const zip = join(out, 'ticket-qa-0.1.0.zip');
    expect(existsSync(zip)).toBe(true);
    const { unzipSync } = await import('fflate');
    const { readFileSync } = await import('node:fs');
    const unzipped = unzipSync(readFileSync(zip));
    const entries = Object.keys(unzipped);
    expect(entries).toEqual(
      expect.arrayContaining(['manifest.json', 'requirements.json', 'translations/en.json', 'assets/logo.png', 'assets/icon_nav_bar.svg']),
    );
    expect(entries.filter((e) => dirname(e) === 'assets' && /\.(html|js|css)$/.test(e))).toEqual([]);
    const manifest = JSON.parse(new TextDecoder().decode(unzipped['manifest.json'])) as Record<string, any>;
    expect(manifest.location.support.ticket_sidebar.url).toBe('https://qa.acme.com/app/ticket-sidebar.html');
    expect(manifest.domainWhitelist).toEqual(['qa.acme.com']);
  });
});

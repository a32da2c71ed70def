/**
 * Offline checks of a Zendesk app package against Zendesk's upload rules (docs/decisions/003-app-package.md), since
 * `zcli apps:validate` needs an account. Pure over a file map, so a directory and a zip are checked alike.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseStrictJson } from './strict-json.ts';

/** Package-relative path (forward slashes) -> bytes. */
export type PackageFiles = ReadonlyMap<string, Uint8Array>;

export interface Problem {
  rule: RuleId;
  message: string;
}

export type RuleId =
  | 'manifest-missing'
  | 'json-invalid'
  | 'json-duplicate-key'
  | 'manifest-field'
  | 'framework-version'
  | 'location-unknown'
  | 'location-url'
  | 'location-icon'
  | 'location-option'
  | 'banned-file'
  | 'logo'
  | 'parameter-type'
  | 'parameter-name'
  | 'parameter-duplicate'
  | 'parameter-oauth'
  | 'parameter-hidden-required'
  | 'parameter-scopes'
  | 'domain-whitelist'
  | 'translations-default'
  | 'locale-filename'
  | 'requirements';

export const PARAMETER_TYPES = ['text', 'checkbox', 'url', 'number', 'multiline', 'hidden', 'oauth'] as const;
export const SECURE_SCOPES = ['header', 'body', 'url'] as const;
export const FRAMEWORK_VERSIONS = ['2.0'] as const;
export const BANNED_EXTENSIONS = [
  'zip',
  'gz',
  'gzip',
  'tgz',
  'tar',
  'bz2',
  'xz',
  '7z',
  'rar',
  'jar',
  'war',
  'pdf',
  'sh',
  'bash',
  'bat',
  'cmd',
  'ps1',
  'exe',
  'dll',
  'so',
  'dylib',
  'bin',
  'msi',
  'dmg',
  'iso',
  'apk',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'ppt',
  'pptx',
  'mp3',
  'mp4',
  'wav',
  'avi',
  'mov',
  'psd',
  'swf',
  'class',
  'pyc',
] as const;
export const LOGOS = { 'assets/logo.png': 320, 'assets/logo-small.png': 128 } as const;
/**
 * Support locations: whether they need an `assets/icon_<location>.svg`, and whether they are shown at all. The
 * background location has no UI ("not displayed in the UI", Zendesk's background location docs), so the display
 * options (`flexible`, `size`, `autoHide`) mean nothing there and are refused.
 */
export const SUPPORT_LOCATIONS: Record<string, { icon: boolean; hidden?: true }> = {
  ticket_sidebar: { icon: false },
  new_ticket_sidebar: { icon: false },
  user_sidebar: { icon: false },
  organization_sidebar: { icon: false },
  ticket_editor: { icon: true },
  nav_bar: { icon: true },
  top_bar: { icon: true },
  background: { icon: false, hidden: true },
  modal: { icon: false },
};
export const DISPLAY_OPTIONS = ['flexible', 'size', 'autoHide'] as const;
export const REQUIREMENT_TYPES = [
  'ticket_fields',
  'user_fields',
  'organization_fields',
  'targets',
  'webhooks',
  'triggers',
  'automations',
  'views',
  'macros',
  'channel_integrations',
  'custom_objects',
  'custom_object_fields',
  'custom_resources_schema',
] as const;
export const LOCALE_FILENAME = /^[a-z]{2,3}(-\w{2,3})?$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Reads a directory into a file map (forward-slash relative paths). */
export function readPackageDir(dir: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files.set(relative(dir, full).split(sep).join('/'), readFileSync(full));
  }
  return files;
}

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  if (text(bytes.subarray(12, 16)) !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Parses a JSON file of the package, adding json-invalid / json-duplicate-key problems; undefined if unusable. */
function readJson(files: PackageFiles, path: string, problems: Problem[]): unknown {
  const bytes = files.get(path);
  if (!bytes) return undefined;
  try {
    const { value, duplicates } = parseStrictJson(text(bytes));
    for (const key of duplicates) problems.push({ rule: 'json-duplicate-key', message: `${path}: duplicate key "${key}"` });
    return value;
  } catch (error) {
    problems.push({ rule: 'json-invalid', message: `${path}: not valid JSON: ${(error as Error).message}` });
    return undefined;
  }
}

function lookup(tree: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), tree);
}

interface Location {
  product: string;
  name: string;
  url: unknown;
  /** The location's options besides `url` (`flexible`, `size`, ...); empty for the `"name": "url"` form. */
  options: Json;
}

/** `location` is `{ product: { name: url | { url } } }`; legacy v1 manifests give a list of names. */
function locations(manifest: Json): Location[] {
  if (!isObject(manifest.location)) return [];
  return Object.entries(manifest.location).flatMap(([product, byName]) =>
    isObject(byName)
      ? Object.entries(byName).map(([name, spec]) => ({
          product,
          name,
          url: isObject(spec) ? spec.url : spec,
          options: isObject(spec) ? spec : {},
        }))
      : [],
  );
}

const REMOTE = (url: string) => /^https:\/\//i.test(url) || /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/i.test(url);

/**
 * What goes into the zip: everything, except that when every location is a remote page (served by the QA service,
 * as `signedUrls` needs) the built pages and scripts stay out: Zendesk would never serve them.
 */
export function packageContents(files: PackageFiles): Map<string, Uint8Array> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text(files.get('manifest.json') ?? new Uint8Array()));
  } catch {
    return new Map(files);
  }
  const list = isObject(manifest) ? locations(manifest) : [];
  const remote = list.length > 0 && list.every((l) => typeof l.url === 'string' && REMOTE(l.url));
  return new Map([...files].filter(([path]) => !remote || !/^assets\/.*\.(html|js|mjs|css|map)$/i.test(path)));
}

function checkLocations(manifest: Json, files: PackageFiles, problems: Problem[]): void {
  const list = locations(manifest);
  const signed = manifest.signedUrls === true;
  if (manifest.signedUrls !== undefined && typeof manifest.signedUrls !== 'boolean') {
    problems.push({ rule: 'manifest-field', message: 'manifest.json: "signedUrls" must be true or false' });
  }
  if (list.length === 0) {
    problems.push({ rule: 'manifest-field', message: 'manifest.json: "location" must name at least one location with a url' });
  }
  for (const { product, name, url, options } of list) {
    const where = `manifest.json: location ${product}.${name}`;
    if (product === 'support' && !(name in SUPPORT_LOCATIONS)) {
      problems.push({ rule: 'location-unknown', message: `${where}: unknown Support location` });
    }
    if (product === 'support' && SUPPORT_LOCATIONS[name]?.hidden) {
      for (const option of DISPLAY_OPTIONS.filter((o) => o in options)) {
        problems.push({ rule: 'location-option', message: `${where}: "${option}" does not apply to a location without UI` });
      }
    }
    if (typeof url !== 'string' || url === '') {
      problems.push({ rule: 'location-url', message: `${where}: needs a "url"` });
    } else if (REMOTE(url)) {
      // Remote pages are allowed: https anywhere, plain http only on this machine (zcli apps:server, npm run service).
    } else if (signed && !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('/')) {
      problems.push({
        rule: 'location-url',
        message: `${where}: "${url}" is a package file, but with "signedUrls" Zendesk POSTs the first load, which its CDN cannot receive: use the service's https URL (QA_SERVICE_DOMAIN=... npm run build)`,
      });
    } else if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/')) {
      problems.push({ rule: 'location-url', message: `${where}: "${url}" must be relative (assets/...), https, or http://localhost` });
    } else {
      const path = url.split(/[?#]/)[0]!;
      if (!path.startsWith('assets/') || path.split('/').includes('..')) {
        problems.push({ rule: 'location-url', message: `${where}: "${url}" must point into assets/` });
      } else if (!files.has(path)) {
        problems.push({ rule: 'location-url', message: `${where}: "${url}" does not exist in the package` });
      }
    }
    const icon = `assets/icon_${name}.svg`;
    if (product === 'support' && SUPPORT_LOCATIONS[name]?.icon && !files.has(icon)) {
      problems.push({ rule: 'location-icon', message: `${where}: needs an SVG icon at ${icon}` });
    }
  }
}

function checkParameters(manifest: Json, problems: Problem[]): Json[] {
  if (manifest.parameters === undefined) return [];
  if (!Array.isArray(manifest.parameters)) {
    problems.push({ rule: 'manifest-field', message: 'manifest.json: "parameters" must be a list' });
    return [];
  }
  const parameters = manifest.parameters.filter(isObject);
  const seen = new Set<string>();
  for (const [i, p] of parameters.entries()) {
    const name = typeof p.name === 'string' ? p.name : '';
    const where = `manifest.json: parameter ${name ? `"${name}"` : `#${i + 1}`}`;
    if (!name) problems.push({ rule: 'parameter-name', message: `${where}: needs a "name"` });
    if (name === 'name')
      problems.push({ rule: 'parameter-name', message: `${where}: "name" is reserved by Zendesk (the installation name)` });
    if (name && seen.has(name)) problems.push({ rule: 'parameter-duplicate', message: `${where}: declared twice` });
    seen.add(name);
    if (!PARAMETER_TYPES.includes(p.type as (typeof PARAMETER_TYPES)[number])) {
      problems.push({
        rule: 'parameter-type',
        message: `${where}: type ${JSON.stringify(p.type)} is not one of ${PARAMETER_TYPES.join(', ')}`,
      });
    }
    if (p.type === 'hidden' && p.required === true) {
      problems.push({
        rule: 'parameter-hidden-required',
        message: `${where}: a hidden parameter cannot be required (admins could never fill it in)`,
      });
    }
    if (p.scopes !== undefined) {
      if (p.secure !== true) {
        problems.push({ rule: 'parameter-scopes', message: `${where}: "scopes" is only allowed on secure parameters` });
      } else if (!Array.isArray(p.scopes) || p.scopes.length === 0 || p.scopes.some((s) => !SECURE_SCOPES.includes(s))) {
        problems.push({ rule: 'parameter-scopes', message: `${where}: "scopes" must be a non-empty list of ${SECURE_SCOPES.join(', ')}` });
      }
    }
  }
  const oauth = parameters.filter((p) => p.type === 'oauth');
  if (oauth.length > 1) {
    problems.push({ rule: 'parameter-oauth', message: `manifest.json: ${oauth.length} oauth parameters; at most one is allowed` });
  }
  return parameters;
}

function checkDomainWhitelist(manifest: Json, parameters: Json[], problems: Problem[]): void {
  const list = manifest.domainWhitelist;
  if (list !== undefined) {
    const bad = Array.isArray(list) ? list.filter((d) => typeof d !== 'string' || !/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(d)) : [list];
    for (const d of bad) {
      problems.push({
        rule: 'domain-whitelist',
        message: `manifest.json: domainWhitelist entry ${JSON.stringify(d)} must be a bare domain (no scheme, port or path)`,
      });
    }
  }
  if (parameters.some((p) => p.secure === true) && !(Array.isArray(list) && list.length > 0)) {
    problems.push({
      rule: 'domain-whitelist',
      message: 'manifest.json: secure parameters need the receiving domains in "domainWhitelist"',
    });
  }
}

function checkTranslations(manifest: Json, parameters: Json[], files: PackageFiles, problems: Problem[]): void {
  for (const path of files.keys()) {
    const match = /^translations\/(.+)$/.exec(path);
    if (!match) continue;
    const base = match[1]!.replace(/\.json$/, '');
    if (!match[1]!.endsWith('.json') || !LOCALE_FILENAME.test(base)) {
      problems.push({
        rule: 'locale-filename',
        message: `${path}: translation files are named <locale>.json with a locale like en, de or pt-br`,
      });
    } else {
      readJson(files, path, problems);
    }
  }
  const locale = typeof manifest.defaultLocale === 'string' ? manifest.defaultLocale : 'en';
  const path = `translations/${locale}.json`;
  if (!files.has(path)) {
    problems.push({ rule: 'translations-default', message: `${path}: missing (the manifest's defaultLocale)` });
    return;
  }
  const messages = readJson(files, path, []);
  if (messages === undefined) return;
  const name = lookup(messages, ['app', 'name']);
  if (typeof name !== 'string' || !name.trim()) {
    problems.push({ rule: 'translations-default', message: `${path}: needs "app.name"` });
  }
  for (const p of parameters) {
    if (typeof p.name !== 'string' || p.type === 'hidden') continue;
    const label = lookup(messages, ['app', 'parameters', p.name, 'label']);
    if (typeof label !== 'string' || !label.trim()) {
      problems.push({ rule: 'translations-default', message: `${path}: needs "app.parameters.${p.name}.label"` });
    }
  }
}

function checkRequirements(files: PackageFiles, problems: Problem[]): void {
  const requirements = readJson(files, 'requirements.json', problems);
  if (requirements === undefined) return;
  const fail = (message: string) => problems.push({ rule: 'requirements', message: `requirements.json: ${message}` });
  if (!isObject(requirements)) return void fail('must be a JSON object');
  for (const [type, byKey] of Object.entries(requirements)) {
    if (!REQUIREMENT_TYPES.includes(type as (typeof REQUIREMENT_TYPES)[number])) fail(`unknown resource type "${type}"`);
    if (!isObject(byKey)) {
      fail(`"${type}" must map identifiers to resources`);
      continue;
    }
    for (const [key, spec] of Object.entries(byKey)) {
      if (!/^[a-z0-9_]+$/i.test(key)) fail(`identifier "${type}.${key}" may use letters, digits and _ only`);
      if (!isObject(spec)) {
        fail(`"${type}.${key}" must be an object`);
        continue;
      }
      if (!['ticket_fields', 'user_fields', 'organization_fields'].includes(type)) continue;
      if (typeof spec.type !== 'string' || typeof spec.title !== 'string' || !spec.title) {
        fail(`"${type}.${key}" needs a "type" and a "title"`);
      }
      if (spec.type === 'tagger' || spec.type === 'multiselect' || spec.type === 'dropdown') {
        const options = spec.custom_field_options;
        const valid =
          Array.isArray(options) &&
          options.length > 0 &&
          options.every((o) => isObject(o) && typeof o.name === 'string' && o.name && typeof o.value === 'string' && /^\S+$/.test(o.value));
        if (!valid) fail(`"${type}.${key}" (${spec.type}) needs "custom_field_options" with a name and a space-free value each`);
        else if (new Set(options.map((o) => (o as Json).value)).size !== options.length) fail(`"${type}.${key}": option values repeat`);
      }
    }
  }
}

/** Every problem found in the package; an empty list means it passes. */
export function checkPackage(files: PackageFiles): Problem[] {
  const problems: Problem[] = [];
  for (const path of files.keys()) {
    const ext = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase();
    if (ext && (BANNED_EXTENSIONS as readonly string[]).includes(ext)) {
      problems.push({ rule: 'banned-file', message: `${path}: .${ext} files are not allowed in a Zendesk app` });
    }
  }
  for (const [path, size] of Object.entries(LOGOS)) {
    const bytes = files.get(path);
    const actual = bytes && pngSize(bytes);
    if (!bytes) problems.push({ rule: 'logo', message: `${path}: missing (a ${size}x${size} PNG)` });
    else if (!actual) problems.push({ rule: 'logo', message: `${path}: not a PNG` });
    else if (actual.width !== size || actual.height !== size) {
      problems.push({ rule: 'logo', message: `${path}: is ${actual.width}x${actual.height}, must be ${size}x${size}` });
    }
  }
  checkRequirements(files, problems);
  if (!files.has('manifest.json')) {
    const nested = [...files.keys()].find((p) => p.endsWith('/manifest.json'));
    problems.push({
      rule: 'manifest-missing',
      message: `manifest.json: missing at the package root${nested ? ` (found ${nested}: zip the folder's contents, not the folder)` : ''}`,
    });
    return problems;
  }
  const manifest = readJson(files, 'manifest.json', problems);
  if (manifest === undefined) return problems;
  if (!isObject(manifest)) {
    problems.push({ rule: 'json-invalid', message: 'manifest.json: must be a JSON object' });
    return problems;
  }
  for (const field of [['name'], ['author', 'name'], ['author', 'email'], ['defaultLocale'], ['version']]) {
    const value = lookup(manifest, field);
    if (typeof value !== 'string' || !value.trim()) {
      problems.push({ rule: 'manifest-field', message: `manifest.json: needs "${field.join('.')}"` });
    }
  }
  if (!FRAMEWORK_VERSIONS.includes(manifest.frameworkVersion as (typeof FRAMEWORK_VERSIONS)[number])) {
    problems.push({
      rule: 'framework-version',
      message: `manifest.json: frameworkVersion ${JSON.stringify(manifest.frameworkVersion)} must be "2.0"`,
    });
  }
  checkLocations(manifest, files, problems);
  const parameters = checkParameters(manifest, problems);
  checkDomainWhitelist(manifest, parameters, problems);
  checkTranslations(manifest, parameters, files, problems);
  return problems;
}

export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `  ✗ [${p.rule}] ${p.message}`).join('\n');
}

/** Gzip sizes of what each built location page loads up front (its scripts, preloads and stylesheets). */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const SIDEBAR_BUDGET_BYTES = 40 * 1024;

export interface PageSize {
  page: string;
  files: { file: string; gzip: number }[];
  gzip: number;
}

/** Files an html page references locally (script src, link href); remote and data URLs are skipped. */
export function referencedFiles(html: string): string[] {
  const refs = [...html.matchAll(/<(?:script|link)\b[^>]*?\s(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
  return refs.filter((ref) => !/^(?:[a-z]+:)?\/\//i.test(ref) && !ref.startsWith('data:'));
}

export function measurePage(htmlPath: string): PageSize {
  const files = referencedFiles(readFileSync(htmlPath, 'utf8'))
    .map((ref) => resolve(dirname(htmlPath), ref.split(/[?#]/)[0]!))
    .filter((file) => existsSync(file))
    .map((file) => ({ file, gzip: gzipSync(readFileSync(file), { level: 9 }).length }));
  return { page: htmlPath, files, gzip: files.reduce((sum, f) => sum + f.gzip, 0) };
}

export function formatSizes(assetsDir: string): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  return readdirSync(assetsDir)
    .filter((f) => f.endsWith('.html'))
    .map((page) => {
      const size = measurePage(join(assetsDir, page));
      const parts = size.files.map((f) => `${f.file.slice(assetsDir.length + 1)} ${kb(f.gzip)}`).join(', ');
      const budget = page.startsWith('ticket-sidebar')
        ? ` (budget ${kb(SIDEBAR_BUDGET_BYTES)}${size.gzip > SIDEBAR_BUDGET_BYTES ? ': OVER' : ''})`
        : '';
      return `${page}: ${kb(size.gzip)} gzip up front${budget} = ${parts}`;
    })
    .join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatSizes(resolve(process.argv[2] ?? 'dist/assets')));
}

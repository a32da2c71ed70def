import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { AppFiles } from './deps.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
};

/** The built app's files from `<distDir>/assets` (what `npm run build` writes); nothing outside it. */
export function diskAppFiles(distDir: string): AppFiles {
  const root = resolve(distDir, 'assets');
  return async (path) => {
    const file = normalize(join(root, path));
    if (!file.startsWith(`${root}/`)) return null;
    try {
      if (!(await stat(file)).isFile()) return null;
      return { body: new Uint8Array(await readFile(file)), type: TYPES[extname(file)] ?? 'application/octet-stream' };
    } catch {
      return null;
    }
  };
}

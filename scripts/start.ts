/**
 * Placeholder `npm start` until the local Zendesk (devhost) lands: builds dist/ when its sources changed,
 * then serves it on PORT (default 4567). Opened directly, the pages say they belong inside Zendesk.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const SOURCES = ['src/app', 'src/core', 'translations', 'assets', 'manifest.json', 'requirements.json', 'vite.config.ts'];
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

function buildIfNeeded(): void {
  const built = existsSync(join(dist, 'manifest.json')) ? statSync(join(dist, 'manifest.json')).mtimeMs : 0;
  if (built > Math.max(...SOURCES.map((s) => newest(join(root, s))))) return;
  console.log('building dist/ ...');
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function main(): void {
  buildIfNeeded();
  const port = Number(process.env.PORT ?? 4567);
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as {
    location: Record<string, Record<string, { url: string }>>;
  };
  const pages = Object.values(manifest.location).flatMap((byName) => Object.entries(byName));
  const index = `<!doctype html><meta charset="utf-8"><title>Ticket QA</title><h1>Ticket QA: built app package</h1>
<p>These pages run inside Zendesk (or the local Zendesk, coming soon). Opened here they say so.</p>
<ul>${pages.map(([name, { url }]) => `<li><a href="/${url}">${name}</a></li>`).join('')}</ul>`;

  createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/') {
      res.writeHead(200, { 'content-type': TYPES['.html']! }).end(index);
      return;
    }
    const file = normalize(join(dist, path));
    if (!file.startsWith(dist + '/') || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  }).listen(port, () => console.log(`Ticket QA: http://localhost:${port}/`));
}

main();

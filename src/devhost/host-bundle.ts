/** Builds the host page's script and the protocol probe with Vite (in memory, ~0.2 s): nothing to keep in sync on disk. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export interface HostBundle {
  /** File name -> contents, e.g. `host.js`, `probe.js`, `garden.css`, `host.css`. */
  files: Map<string, string>;
}

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const GARDEN = ['bedrock', 'variables', 'buttons', 'forms'].map((n) => `@zendeskgarden/css-${n}/dist/index.css`);

export async function buildHostBundle(): Promise<HostBundle> {
  const output = await build({
    configFile: false,
    logLevel: 'warn',
    root: here('./'),
    build: {
      write: false,
      minify: false,
      emptyOutDir: false,
      sourcemap: 'inline',
      lib: { entry: { host: here('./host/main.ts'), probe: here('./probe/probe.ts') }, formats: ['es'] },
    },
  });
  const files = new Map<string, string>();
  for (const out of Array.isArray(output) ? output : [output]) {
    if (!('output' in out)) continue;
    for (const chunk of out.output) {
      files.set(chunk.fileName.replace(/\.mjs$/, '.js'), chunk.type === 'chunk' ? chunk.code : String(chunk.source));
    }
  }
  const require = createRequire(import.meta.url);
  const garden = await Promise.all(GARDEN.map((p) => readFile(require.resolve(p), 'utf8')));
  files.set('garden.css', garden.join('\n'));
  files.set('host.css', await readFile(here('./host/host.css'), 'utf8'));
  return { files };
}

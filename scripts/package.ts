/**
 * `npm run package`: checks dist/ against Zendesk's package rules, then zips what Zendesk uses as
 * ticket-qa-<version>.zip (with remote locations, not the built pages: the QA service serves those).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { checkPackage, formatProblems, packageContents, readPackageDir } from './package-checks.ts';

export interface PackageResult {
  ok: boolean;
  zip?: string;
  output: string;
}

export function packageApp(distDir: string, outDir: string): PackageResult {
  if (!existsSync(distDir)) {
    return { ok: false, output: `${distDir} does not exist: run npm run build first` };
  }
  // with remote locations the built pages stay in dist/assets for the service, out of the zip
  const files = packageContents(readPackageDir(distDir));
  const problems = checkPackage(files);
  if (problems.length > 0) {
    return {
      ok: false,
      output: `${distDir} breaks ${problems.length} Zendesk package rule(s); no zip written:\n${formatProblems(problems)}`,
    };
  }
  const { version } = JSON.parse(readFileSync(resolve(distDir, 'manifest.json'), 'utf8')) as { version: string };
  const zip = zipSync(Object.fromEntries([...files].sort(([a], [b]) => a.localeCompare(b))), { level: 9, mtime: new Date('2020-01-01') });
  // Check what Zendesk will actually receive: manifest at the zip root and every rule again.
  const again = checkPackage(new Map(Object.entries(unzipSync(zip))));
  if (again.length > 0) return { ok: false, output: `the zip breaks package rules:\n${formatProblems(again)}` };
  const path = resolve(outDir, `ticket-qa-${version}.zip`);
  writeFileSync(path, zip);
  return { ok: true, zip: path, output: `checked ${files.size} files: no problems\nwrote ${path} (${(zip.length / 1024).toFixed(1)} kB)` };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = packageApp(resolve(process.argv[2] ?? 'dist'), resolve(process.argv[3] ?? '.'));
  (result.ok ? console.log : console.error)(result.output);
  process.exitCode = result.ok ? 0 : 1;
}

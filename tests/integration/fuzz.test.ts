/**
 * No input makes the service answer 500 (docs/decisions/017-input-rules-and-logs.md). Every route of the OpenAPI
 * document gets generated malformed bodies, path ids and query strings (tests/support/fuzz.ts); no answer may be a
 * 5xx, every malformed request is refused with a 4xx, and the account's data is exactly as before. `npm run fuzz -- <count>` runs it longer.
 */
import { describe, expect, it } from 'vitest';
import { backends, useDb } from '../support/db.ts';
import { fuzzFixture, runFuzz, snapshot } from '../support/fuzz.ts';

/** Generated requests per backend in `npm test` (about 10 s each; the run stops at 50 s on a slow machine). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 4000);

describe.each(backends())('fuzzing every route on $name', (backend) => {
  const db = useDb(backend);

  it('answers malformed bodies, path ids and query strings with 4xx, never 5xx, and writes nothing', async () => {
    const fx = await fuzzFixture(db());
    const before = await snapshot(db(), fx.tenant.account);
    const result = await runFuzz(fx, { runs: RUNS, stopOnFailure: true, timeLimitMs: 50_000 });
    expect(result.failures, `seed ${result.seed}\n${result.error ?? ''}`).toEqual([]);
    expect(result.byStatus).not.toHaveProperty('500');
    expect(await snapshot(db(), fx.tenant.account)).toEqual(before);
    expect(result.requests).toBeGreaterThan(Math.min(RUNS, 200) / 2);
    expect(fx.tenant.logEntries.filter((e) => e.level === 'error')).toEqual([]);
  }, 120_000);
});

// Clients of `npm run bench:load`, in their own processes so they do not share the service's event loop.
// Plain JS: no tsx loader needed. Mode `heavy`: N clients in a loop over report and CSV requests.
// Mode `probe`: /healthz and evaluation submits, one at a time each, timed.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { evaluationBody } from './evaluation-body.mjs';

const args = JSON.parse(process.argv[2]);
const { base, durationMs } = args;
const deadline = performance.now() + durationMs;
// requests still running at the end are cut (an export may take long under load): the round ends on time
const end = new AbortController();
setTimeout(() => end.abort(), durationMs).unref();

/** Reads a response to its end (a CSV of tens of MB is discarded chunk by chunk). */
async function drain(res) {
  if (!res.body) return;
  for await (const _chunk of res.body) {
    // discarded
  }
}

/** Status counts per kind of request: { csv: { 200: n, 429: n }, report: {...} }. */
const statuses = {};
const count = (kind, status) => {
  const of = (statuses[kind] ??= {});
  of[status] = (of[status] ?? 0) + 1;
};

async function heavy() {
  const { clients, requests, honourRetryAfter } = args;
  let next = 0;
  let retryWaits = 0;
  const latencies = {};
  async function client(i) {
    while (performance.now() < deadline) {
      const { kind, path, authorization } = requests[(next++ + i) % requests.length];
      const t = performance.now();
      let status = 'error';
      let retryAfter = 0;
      try {
        const res = await fetch(`${base}${path}`, { headers: { authorization }, signal: end.signal });
        status = res.status;
        retryAfter = Number(res.headers.get('retry-after') ?? 0);
        await drain(res);
      } catch {
        if (end.signal.aborted) status = 'cut at the end';
      }
      count(kind, status);
      if (status === 200) (latencies[kind] ??= []).push(performance.now() - t);
      // a well-behaved client (the app's, a BI tool) waits as it is told; --greedy ones ask again at once
      if (honourRetryAfter && (status === 429 || status === 503) && retryAfter > 0) {
        retryWaits++;
        await sleep(Math.min(retryAfter * 1000, Math.max(0, deadline - performance.now())));
      }
    }
  }
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  return { statuses, latencies, retryWaits };
}

async function probe() {
  const { reviewer, scorecardId, criteria, pauseMs } = args;
  const health = { latencies: [], statuses: {} };
  const submit = { latencies: [], statuses: {} };
  const timed = async (into, request) => {
    const t = performance.now();
    let status = 'error';
    try {
      const res = await request();
      status = res.status;
      await drain(res);
    } catch {
      // counted as 'error'
    }
    into.latencies.push(performance.now() - t);
    into.statuses[status] = (into.statuses[status] ?? 0) + 1;
  };
  const loop = async (into, request) => {
    while (performance.now() < deadline) {
      await timed(into, request);
      await sleep(pauseMs);
    }
  };
  await Promise.all([
    loop(health, () => fetch(`${base}/healthz`)),
    loop(submit, () =>
      fetch(`${base}/api/v1/evaluations`, {
        method: 'POST',
        headers: { authorization: reviewer, 'content-type': 'application/json' },
        // reviewees 100..499: never the reviewer (no self-review)
        body: evaluationBody(randomUUID(), scorecardId, criteria, 100),
      }),
    ),
  ]);
  return { health, submit };
}

const result = args.mode === 'heavy' ? await heavy() : await probe();
process.send(result, () => process.disconnect());

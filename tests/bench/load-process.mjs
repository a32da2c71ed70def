// The load generator runs in its own process, so it does not share the service's event loop
// (in a worker thread autocannon skips aggregating its results). Plain JS: no tsx loader needed.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { evaluationBody } from './evaluation-body.mjs';

const { url, path, amount, connections, headers, scorecardId, criteria } = JSON.parse(process.argv[2]);

// ids the service answered 2xx for: each connection waits for its response before the next request
const acknowledged = [];
const result = await autocannon({
  url,
  connections,
  amount,
  requests: [
    {
      method: 'POST',
      path,
      headers,
      setupRequest: (req, context) => {
        context.id = randomUUID();
        return { ...req, body: evaluationBody(context.id, scorecardId, criteria) };
      },
      onResponse: (status, _body, context) => {
        if (status >= 200 && status < 300) acknowledged.push(context.id);
      },
    },
  ],
});
process.send(
  {
    ok: result['2xx'],
    other: result.non2xx,
    errors: result.errors + result.timeouts,
    duration: result.duration,
    p99: result.latency.p99,
    acknowledged,
  },
  () => process.disconnect(),
); // disconnect only once the message is out

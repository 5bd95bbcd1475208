// The loopback Cohere-shaped server of the HTTP benchmark, run in its own process (forked by
// bench/http.ts) so its CPU does not compete with the clients' event loop.
//
// POST */v2/rerank: drains the request body without parsing it and answers with one precomputed
// realistic v2 response: results for every index (best first), `id`, `meta.api_version` and
// `meta.billed_units`. Anything else: 404. It listens on 127.0.0.1 only, reports its port over
// IPC, and exits as soon as its parent goes away (IPC disconnect), so it never outlives the bench.
import seeded from '../scripts/seededRandom.cjs';
import { createServer } from 'node:http';

const { seededRandom } = seeded;

const documentCount = Number(process.argv[2] ?? 1000);

function buildResponse(count) {
  const random = seededRandom(7);
  // Scores spread like a real reranker's: a few near 1, a long tail of small probabilities.
  const results = Array.from({ length: count }, (_, index) => ({
    index,
    relevance_score: Number((random() ** 6).toPrecision(8)),
  }));
  results.sort((a, b) => b.relevance_score - a.relevance_score || a.index - b.index);
  const body = {
    id: '6f4c1f2e-8a7b-4d5e-9c3a-2b1d0e9f8a7c',
    results,
    meta: { api_version: { version: '2' }, billed_units: { search_units: Math.ceil(count / 100) } },
  };
  return Buffer.from(JSON.stringify(body));
}

const payload = buildResponse(documentCount);
const headers = {
  'content-type': 'application/json',
  'content-length': String(payload.length),
  vary: 'Origin',
  'x-debug-trace-id': '0123456789abcdef0123456789abcdef',
  'x-endpoint-monthly-call-limit': '1000',
  'x-trial-endpoint-call-limit': '10',
  'x-trial-endpoint-call-remaining': '9',
};
const notFound = Buffer.from(JSON.stringify({ message: 'not found' }));

let requests = 0;
let bytesIn = 0;

const server = createServer((req, res) => {
  const route = req.method === 'POST' && /\/v2\/rerank$/.test((req.url ?? '').split('?')[0] ?? '');
  req.on('data', (chunk) => {
    bytesIn += chunk.length;
  });
  req.on('end', () => {
    requests++;
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json', 'content-length': String(notFound.length) });
      res.end(notFound);
      return;
    }
    res.writeHead(200, headers);
    res.end(payload);
  });
});
server.keepAliveTimeout = 120_000;
server.headersTimeout = 121_000;

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ type: 'ready', port, responseBytes: payload.length });
});

process.on('message', (message) => {
  if (message && message.type === 'stats') process.send?.({ type: 'stats', requests, bytesIn });
});

// The parent went away (finished, crashed or was killed): stop at once.
process.on('disconnect', () => process.exit(0));
if (!process.send) {
  process.stderr.write('bench/server.mjs is started by bench/http.ts (it needs an IPC channel)\n');
  process.exit(2);
}

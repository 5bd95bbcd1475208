// HTTP benchmark: one POST /v2/rerank of 1,000 documents (~500 characters each) to a loopback
// Cohere-shaped server running in a separate process (bench/server.mjs), timed per request for
//   raw  - plain undici.request with a keep-alive Agent, the body built by JSON.stringify on every
//          call as any client that builds its requests does, the answer read as JSON: the
//          baseline of the target (ours / raw is the cost of our wrapper);
//   ours - CohereRanker.rank(query, docs, { topN: 1000 }) with its own keep-alive Agent;
//   sdk  - the official cohere-ai SDK, CohereClientV2.rerank(), pointed at the same server;
//   rawPrebuilt - raw with a body serialized once before the run: the transport alone, a floor
//          no client that builds its requests reaches.
// All four run interleaved in rounds (in a new shuffled order every round) after a warm-up, one request
// at a time, so drift (CPU frequency, GC, the server's own JIT) lands on all of them alike.
//
// Run by bench/run.mjs; alone: node --import tsx --expose-gc bench/http.ts [--rounds N] [--block N] [--warmup N]

import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { CohereClientV2 } from 'cohere-ai';
import { Agent, request } from 'undici';
import { parseResults } from '../src/providers/wire';
import { CohereRanker } from '../test/support/cohereRanker';
import { httpOptions } from '../src/providers/http';
import { undiciTransport } from '../src/providers/undiciTransport';
import { makeDocuments, median, progress, report, runMain, seededRandom, summarize, type Summary } from './lib';

const DOCUMENTS = 1_000;
const CHARS = 500;
const MODEL = 'rerank-v3.5';
const KEY = 'bench-key-0000000000000000000000000000';
const QUERY = 'how do I retry a rate-limited request without losing the ranking';
/** The same pool for both undici clients: what src/providers/http.ts createDispatcher() uses. */
const AGENT_OPTIONS = { keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000, connections: 16 };

function numberArg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

interface ServerHandle {
  child: ChildProcess;
  port: number;
  responseBytes: number;
}

function startServer(): Promise<ServerHandle> {
  const child = fork(path.join(__dirname, 'server.mjs'), [String(DOCUMENTS)], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // However this process ends, the server ends with it (it also exits on IPC disconnect).
  process.once('exit', () => child.kill());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      child.kill();
      process.exit(130);
    });
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the loopback server did not start within 10 s')), 10_000);
    child.once('exit', (code) => reject(new Error(`the loopback server exited early (code ${code})`)));
    child.once('error', reject);
    child.on('message', (message: { type?: string; port?: number; responseBytes?: number }) => {
      if (message.type === 'ready' && typeof message.port === 'number') {
        clearTimeout(timer);
        resolve({ child, port: message.port, responseBytes: message.responseBytes ?? 0 });
      }
    });
  });
}

function serverStats(child: ChildProcess): Promise<{ requests: number; bytesIn: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the loopback server did not answer for its stats')), 5_000);
    const onMessage = (message: { type?: string; requests?: number; bytesIn?: number }) => {
      if (message.type !== 'stats') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve({ requests: message.requests ?? 0, bytesIn: message.bytesIn ?? 0 });
    };
    child.on('message', onMessage);
    child.send({ type: 'stats' });
  });
}

interface Client {
  name: 'raw' | 'ours' | 'sdk' | 'rawPrebuilt';
  label: string;
  /** One request; resolves with the number of results it received. */
  run: () => Promise<number>;
}

/**
 * A new order every round. A rotation would keep each client behind the same neighbour, and the
 * client after one that leaves ~1 MB of garbage per request (the SDK, a JSON.stringify per call)
 * would pay for that neighbour's collections in every round.
 */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Median ms per call of a synchronous step, for the breakdown of our own overhead. */
function timeSync(iterations: number, step: () => unknown): number {
  for (let i = 0; i < Math.min(20, iterations); i++) step();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    step();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

async function main(): Promise<void> {
  const warmup = numberArg('warmup', 60);
  const rounds = numberArg('rounds', 80);
  const block = numberArg('block', 5);

  const documents = makeDocuments(DOCUMENTS, CHARS);
  const server = await startServer();
  const base = `http://127.0.0.1:${server.port}`;
  const url = `${base}/v2/rerank`;
  progress(`http: loopback server pid ${server.child.pid} on ${base}`);

  const requestText = JSON.stringify({ model: MODEL, query: QUERY, documents, top_n: DOCUMENTS });
  const requestBody = Buffer.from(requestText);
  const rawAgent = new Agent(AGENT_OPTIONS);
  const serializeAgent = new Agent(AGENT_OPTIONS);
  const rawHeaders = { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${KEY}` };
  const ours = new CohereRanker({ apiKey: KEY, endpoint: base, model: MODEL, http: httpOptions({ transport: undiciTransport(new Agent(AGENT_OPTIONS)) }) });
  const sdk = new CohereClientV2({ token: KEY, baseUrl: base });

  const clients: Client[] = [
    {
      name: 'raw',
      label: 'raw undici.request + JSON.stringify per call',
      run: async () => {
        const body = JSON.stringify({ model: MODEL, query: QUERY, documents, top_n: DOCUMENTS });
        const res = await request(url, { method: 'POST', dispatcher: serializeAgent, headers: rawHeaders, body });
        const json = (await res.body.json()) as { results?: unknown[] };
        if (res.statusCode !== 200) throw new Error(`raw: status ${res.statusCode}`);
        return json.results?.length ?? 0;
      },
    },
    {
      name: 'ours',
      label: 'ours: CohereRanker.rank',
      run: async () => (await ours.rank(QUERY, documents, { topN: DOCUMENTS })).results.length,
    },
    {
      name: 'sdk',
      label: 'cohere-ai SDK: CohereClientV2.rerank',
      run: async () => (await sdk.rerank({ model: MODEL, query: QUERY, documents, topN: DOCUMENTS })).results.length,
    },
    {
      name: 'rawPrebuilt',
      label: 'floor: raw undici.request, body built once',
      run: async () => {
        const res = await request(url, { method: 'POST', dispatcher: rawAgent, headers: rawHeaders, body: requestBody });
        const json = (await res.body.json()) as { results?: unknown[] };
        if (res.statusCode !== 200) throw new Error(`rawPrebuilt: status ${res.statusCode}`);
        return json.results?.length ?? 0;
      },
    },
  ];

  // Every client must really get the whole answer before any timing counts.
  for (const client of clients) {
    const count = await client.run();
    if (count !== DOCUMENTS) throw new Error(`${client.name}: expected ${DOCUMENTS} results, got ${count}`);
  }
  const check = await ours.rank(QUERY, documents, { topN: DOCUMENTS });
  if (check.requests !== 1 || check.billedUnits !== 10) throw new Error(`ours: unexpected stats ${JSON.stringify({ requests: check.requests, billed: check.billedUnits })}`);

  progress(`http: warm-up, ${warmup} requests per client`);
  for (let i = 0; i < warmup; i++) for (const client of clients) await client.run();

  progress(`http: ${rounds} rounds × ${block} requests per client, interleaved`);
  const samples: Record<Client['name'], number[]> = { raw: [], ours: [], sdk: [], rawPrebuilt: [] };
  const started = performance.now();
  const random = seededRandom(3);
  for (let r = 0; r < rounds; r++) {
    for (const client of shuffled(clients, random)) {
      const into = samples[client.name];
      for (let k = 0; k < block; k++) {
        const t0 = performance.now();
        const count = await client.run();
        into.push(performance.now() - t0);
        if (count !== DOCUMENTS) throw new Error(`${client.name}: expected ${DOCUMENTS} results, got ${count}`);
      }
    }
  }
  const timedMs = performance.now() - started;
  const stats = await serverStats(server.child);
  const expectedRequests = clients.length + 1 + warmup * clients.length + rounds * block * clients.length;

  // Where ours spends time that raw does not: the in-process steps, measured alone.
  progress('http: breakdown of our own per-request work (in-process, no I/O)');
  const responseText = await (await request(url, { method: 'POST', dispatcher: rawAgent, headers: rawHeaders, body: requestBody })).body.text();
  const parsed: unknown = JSON.parse(responseText);
  const breakdown = {
    stringifyBodyMs: timeSync(200, () => JSON.stringify({ model: MODEL, query: QUERY, documents, top_n: DOCUMENTS })),
    bufferFromBodyMs: timeSync(200, () => Buffer.from(requestText)),
    parseJsonMs: timeSync(200, () => JSON.parse(responseText)),
    validateResultsMs: timeSync(200, () => parseResults(parsed, DOCUMENTS)),
  };

  const summaries = Object.fromEntries(clients.map((c) => [c.name, summarize(samples[c.name])])) as Record<Client['name'], Summary>;
  await report({
    documents: DOCUMENTS,
    documentChars: CHARS,
    requestBytes: requestBody.length,
    responseBytes: server.responseBytes,
    warmupPerClient: warmup,
    rounds,
    block,
    samplesPerClient: rounds * block,
    timedSeconds: timedMs / 1000,
    serverRequests: stats.requests,
    expectedServerRequests: expectedRequests,
    serverPid: server.child.pid,
    clients: clients.map((c) => ({ name: c.name, label: c.label, ...summaries[c.name] })),
    ratios: {
      oursOverRawMedian: summaries.ours.median / summaries.raw.median,
      oursOverRawP90: summaries.ours.p90 / summaries.raw.p90,
      oursOverRawMean: summaries.ours.mean / summaries.raw.mean,
      sdkOverOursMedian: summaries.sdk.median / summaries.ours.median,
      sdkOverOursP90: summaries.sdk.p90 / summaries.ours.p90,
      oursOverPrebuiltMedian: summaries.ours.median / summaries.rawPrebuilt.median,
      rawOverPrebuiltMedian: summaries.raw.median / summaries.rawPrebuilt.median,
    },
    breakdown,
  });
  await Promise.all([rawAgent.close(), serializeAgent.close()]);
  server.child.kill();
}

runMain(main);

// `npm run bench`: runs every benchmark, each in its own Node process (TypeScript through tsx,
// --expose-gc for the heap figures), and prints one readable report, or with --json the figures.
//
//   node bench/run.mjs [--json] [--only http|bm25] [--strict]
//     --json    print the figures as JSON on stdout (progress still goes to stderr)
//     --only    run one benchmark
//     --strict  exit 1 when a target of issue 2 is missed (the default only marks it)
// Extra flags after `--` go to the benchmark scripts (e.g. `-- --rounds 200`, `-- --reps 1`).
//
// The HTTP benchmark talks only to its own loopback server on 127.0.0.1, in a separate process
// that exits with its parent.

import { fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const dashDash = argv.indexOf('--');
const own = dashDash >= 0 ? argv.slice(0, dashDash) : argv;
const passThrough = dashDash >= 0 ? argv.slice(dashDash + 1) : [];
const json = own.includes('--json');
const strict = own.includes('--strict');
const onlyAt = own.indexOf('--only');
const only = onlyAt >= 0 ? own[onlyAt + 1] : undefined;
if (only !== undefined && only !== 'http' && only !== 'bm25') {
  process.stderr.write('usage: node bench/run.mjs [--json] [--only http|bm25] [--strict] [-- benchmark flags]\n');
  process.exit(2);
}

const tsx = import.meta.resolve('tsx');
const children = new Set();
const killChildren = () => {
  for (const child of children) child.kill();
};
process.on('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    killChildren();
    process.exit(130);
  });
}

/** Runs one benchmark script in its own process and resolves with the figures it sends. */
function runBenchmark(file) {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(here, file), passThrough, {
      execArgv: ['--import', tsx, '--expose-gc'],
      stdio: ['ignore', 2, 'inherit', 'ipc'],
    });
    children.add(child);
    let result;
    child.on('message', (message) => {
      if (message && message.type === 'result') result = message.result;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      children.delete(child);
      if (result !== undefined && code === 0) resolve(result);
      else reject(new Error(`${file} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

const cpus = os.cpus();
const machine = {
  cpus: cpus.length,
  cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
  memoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  node: process.version,
  v8: process.versions.v8,
};
const startedAt = new Date();
const started = performance.now();

const figures = { date: startedAt.toISOString(), machine, http: null, bm25: null, targets: [], errors: [] };
for (const [name, file] of [
  ['http', 'http.ts'],
  ['bm25', 'bm25.ts'],
]) {
  if (only !== undefined && only !== name) continue;
  process.stderr.write(`bench: ${name}\n`);
  try {
    figures[name] = await runBenchmark(file);
  } catch (err) {
    figures.errors.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
figures.durationSeconds = (performance.now() - started) / 1000;

if (figures.http) {
  const r = figures.http.ratios;
  figures.targets.push({ target: 'ours <= 1.05x raw undici (median ms per request)', value: r.oursOverRawMedian, met: r.oursOverRawMedian <= 1.05 });
  figures.targets.push({ target: 'ours faster than the cohere-ai SDK (median)', value: r.sdkOverOursMedian, met: r.sdkOverOursMedian > 1 });
}
if (figures.bm25) {
  const r = figures.bm25.ratios;
  figures.targets.push({ target: 'BM25 index + queries faster than minisearch (total)', value: r.totalOursOverMini, met: r.totalOursOverMini < 1 });
}

if (json) process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
else process.stdout.write(render(figures));

const missed = figures.targets.some((t) => !t.met);
process.exitCode = figures.errors.length > 0 || (strict && missed) ? 1 : 0;

// ---------------------------------------------------------------------------------------------

function render(f) {
  const lines = [];
  const out = (s = '') => lines.push(s);
  const ms = (x) => x.toFixed(x >= 100 ? 0 : x >= 10 ? 1 : 2);
  const ratio = (x) => `${x.toFixed(2)}×`;
  const kb = (bytes) => `${(bytes / 1000).toFixed(0)} kB`;
  const mb = (bytes) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;
  const table = (header, rows) => {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const fmt = (cells) => `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('   ')}`.trimEnd();
    out(fmt(header));
    for (const row of rows) out(fmt(row));
  };

  out(`rerank benchmarks · ${f.date}`);
  out(`machine: ${f.machine.cpus} × ${f.machine.cpuModel}, ${f.machine.memoryGB} GB, ${f.machine.platform}; node ${f.machine.node} (V8 ${f.machine.v8})`);

  const h = f.http;
  if (h) {
    out();
    out('HTTP · POST /v2/rerank to a Cohere-shaped server on 127.0.0.1 (its own process), one request at a time');
    out(`  ${h.documents.toLocaleString('en-US')} documents × ~${h.documentChars} chars, top_n ${h.documents}: request ${kb(h.requestBytes)}, response ${kb(h.responseBytes)} (${h.documents} results)`);
    out(`  ${h.warmupPerClient} warm-up requests per client, then ${h.rounds} rounds × ${h.block} per client, interleaved, order rotated each round (${h.samplesPerClient} samples each)`);
    out();
    table(
      ['client', 'median ms', 'p90 ms', 'mean ms'],
      h.clients.map((c) => [c.label, ms(c.median), ms(c.p90), ms(c.mean)]),
    );
    out();
    out(`  ours / raw undici:  ${ratio(h.ratios.oursOverRawMedian)} median, ${ratio(h.ratios.oursOverRawP90)} p90   (target ≤ 1.05×: ${h.ratios.oursOverRawMedian <= 1.05 ? 'met' : 'MISSED'})`);
    out(`  sdk / ours:         ${ratio(h.ratios.sdkOverOursMedian)} median, ${ratio(h.ratios.sdkOverOursP90)} p90   (target > 1×: ${h.ratios.sdkOverOursMedian > 1 ? 'met' : 'MISSED'})`);
    out(`  ours, new documents every call / raw + JSON.stringify per call: ${ratio(h.ratios.oursFreshOverRawSerializeMedian)} median (the first ranking of a candidate set)`);
    out(`  sdk / ours, new documents every call: ${ratio(h.ratios.sdkOverOursFreshMedian)} median`);
    const b = h.breakdown;
    const gap = h.clients.find((c) => c.name === 'ours').median - h.clients.find((c) => c.name === 'raw').median;
    out(`  gap ours − raw: ${ms(gap)} ms median; serializing the body alone (JSON.stringify + Buffer.from) is ${ms(b.stringifyBodyMs + b.bufferFromBodyMs)} ms of it`);
    out(
      `  per-request work measured alone (median ms): JSON.stringify(body) ${ms(b.stringifyBodyMs)}, undici Buffer.from(string body) ${ms(b.bufferFromBodyMs)}, ` +
        `JSON.parse(response) ${ms(b.parseJsonMs)}, validate results ${ms(b.validateResultsMs)}`,
    );
    const sane = h.serverRequests === h.expectedServerRequests;
    out(`  server saw ${h.serverRequests.toLocaleString('en-US')} requests (expected ${h.expectedServerRequests.toLocaleString('en-US')}${sane ? ', no retries' : ': MISMATCH'}); timed part ${h.timedSeconds.toFixed(1)} s`);
  }

  const m = f.bm25;
  if (m) {
    const c = m.corpus;
    out();
    out(`BM25 · ${c.chunks.toLocaleString('en-US')} chunks of ${c.linesPerChunk} lines from ${c.files.toLocaleString('en-US')} .js/.ts/.md files under node_modules (sorted)`);
    out(`  ${(c.chars / 1e6).toFixed(1)} M chars, fingerprint ${c.fingerprint}; ${m.queries.length} queries (code and prose), ${m.passes} timed passes after one untimed; builds A B${m.reps > 1 ? ' B A' : ''}${m.reps > 2 ? ' …' : ''}, mean of ${m.reps}`);
    out();
    table(
      ['index', 'build ms', 'mean query ms', `${m.queries.length} queries ms`, 'build + queries ms', `heap after build${m.gcExposed ? '' : ' (no gc)'}`],
      m.engines.map((e) => [e.label, ms(e.buildMs), ms(e.meanQueryMs), ms(e.queriesMs), ms(e.totalMs), mb(e.heapBytes)]),
    );
    out();
    out(`  ours / minisearch: build ${ratio(m.ratios.buildOursOverMini)}, query ${ratio(m.ratios.queryOursOverMini)}, total ${ratio(m.ratios.totalOursOverMini)}, heap ${ratio(m.ratios.heapOursOverMini)}   (target < 1×: ${m.ratios.totalOursOverMini < 1 ? 'met' : 'MISSED'})`);
  }

  out();
  out('targets (issue 2):');
  for (const t of f.targets) out(`  ${t.met ? 'met   ' : 'MISSED'}  ${t.target}: ${ratio(t.value)}`);
  for (const e of f.errors) out(`  ERROR   ${e}`);
  out();
  out(`total ${f.durationSeconds.toFixed(0)} s · reproduce: npm ci && npm run bench   (figures: node bench/run.mjs --json)`);
  return `${lines.join('\n')}\n`;
}

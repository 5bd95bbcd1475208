// `npm run bench`: runs every benchmark, each in its own Node process (TypeScript through tsx,
// --expose-gc for the heap figures), and prints one readable report, or with --json the figures.
//
//   node bench/run.mjs [--json] [--only http|bm25|sources|panel|secrets|scorecache|index|editor] [--strict]
//     --json    print the figures as JSON on stdout (progress still goes to stderr)
//     --only    run one benchmark
//     --strict  exit 1 when a target is missed (the default only marks it)
// Extra flags after `--` go to the benchmark scripts (e.g. `-- --rounds 200`, `-- --sources-rounds 3`).
//
// The HTTP benchmark talks only to its own loopback server on 127.0.0.1, in a separate process
// that exits with its parent. The sources benchmark needs ripgrep, the panel benchmark Debian's
// Chromium and the built dist/webview.js, the editor benchmark code-server and Chromium (the
// end-to-end harness's, test/e2e): without them each is skipped, saying why.

import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
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
const BENCHMARKS = [
  ['http', 'http.ts'],
  ['bm25', 'bm25.ts'],
  ['sources', 'sources.mjs'],
  ['panel', 'panel.mjs'],
  ['secrets', 'secrets.ts'],
  ['scorecache', 'scoreCache.ts'],
  ['index', 'index.ts'],
  ['editor', 'editor.ts'],
];
if (only !== undefined && !BENCHMARKS.some(([name]) => name === only)) {
  process.stderr.write('usage: node bench/run.mjs [--json] [--only http|bm25|sources|panel|secrets|scorecache|index|editor] [--strict] [-- benchmark flags]\n');
  process.exit(2);
}
const CHROMIUM = '/usr/bin/chromium';
/** Ours over raw undici building the same request, median per request. */
const HTTP_TARGET = 1.1;
/** Why a benchmark cannot run here (checked before starting it), or undefined. */
const missing = {
  panel: () =>
    !existsSync(CHROMIUM) ? `${CHROMIUM} not found (install Debian's chromium)`
    : !existsSync(path.join(here, '../dist/webview.js')) ? 'dist/webview.js not built (npm run build)'
    : undefined,
};

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

/**
 * Runs one benchmark script in its own process. Resolves with the figures it sent and, when it
 * also exited badly (the panel's checks failing), why; rejects when it sent none.
 */
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
      const exit = code === 0 ? undefined : `${file} failed (${signal ?? `exit code ${code}`})`;
      if (result !== undefined) resolve({ result, exit });
      else reject(new Error(exit ?? `${file} sent no figures`));
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

const figures = { date: startedAt.toISOString(), machine, http: null, bm25: null, sources: null, panel: null, secrets: null, scorecache: null, index: null, editor: null, skipped: {}, targets: [], errors: [] };
for (const [name, file] of BENCHMARKS) {
  if (only !== undefined && only !== name) continue;
  const why = missing[name]?.();
  if (why !== undefined) {
    figures.skipped[name] = why;
    process.stderr.write(`bench: ${name} skipped: ${why}\n`);
    continue;
  }
  process.stderr.write(`bench: ${name}\n`);
  try {
    const { result, exit } = await runBenchmark(file);
    if (result.skipped) figures.skipped[name] = result.skipped;
    else figures[name] = result;
    if (exit) figures.errors.push(`${name}: ${exit}${result.failures?.length ? `: ${result.failures.join('; ')}` : ''}`);
  } catch (err) {
    figures.errors.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
figures.durationSeconds = (performance.now() - started) / 1000;

if (figures.http) {
  const r = figures.http.ratios;
  figures.targets.push({ issue: 2, target: `ours <= ${HTTP_TARGET}x raw undici + JSON.stringify (median ms per request)`, value: r.oursOverRawMedian, met: r.oursOverRawMedian <= HTTP_TARGET });
  figures.targets.push({ issue: 2, target: 'ours faster than the cohere-ai SDK (median)', value: r.sdkOverOursMedian, met: r.sdkOverOursMedian > 1 });
}
if (figures.bm25) {
  const r = figures.bm25.ratios;
  figures.targets.push({ issue: 2, target: 'BM25 index + queries faster than minisearch (total)', value: r.totalOursOverMini, met: r.totalOursOverMini < 1 });
}
if (figures.sources) {
  const r = figures.sources;
  figures.targets.push({ issue: 4, target: `collect + chunk <= ${r.target.ratio}x rg --files + read (median ms)`, value: r.ratio, met: r.target.met });
  if (r.targetCli) figures.targets.push({ issue: 15, target: `the CLI with its defaults, ranking offline, run again over the tree, <= ${r.targetCli.ratio}x rg --files + read (median ms)`, value: r.ratioCli, met: r.targetCli.met });
}
if (figures.panel) {
  const large = figures.panel.sizes[1000];
  figures.targets.push({ issue: 5, target: 'panel: first render of 1,000 items < 100 ms (to DOM + layout)', value: large.layoutMs, unit: 'ms', met: large.layoutMs < 100 });
}

if (figures.editor) {
  const e = figures.editor;
  figures.targets.push({ issue: 15, target: `the extension ranking the folder in code-server's extension host <= ${e.target.ratio}x the CLI ranking it (median ms)`, value: e.ratio, met: e.target.met });
}

if (figures.secrets) {
  const s = figures.secrets.ours;
  figures.targets.push({ issue: 13, target: 'secrets: recall on the planted set >= 95%', value: s.recall.share, unit: '%', met: s.recall.share >= 0.95 });
  figures.targets.push({ issue: 13, target: 'secrets: share of node_modules passages altered < 1%', value: s.alteredShare, unit: '%', met: s.alteredShare < 0.01 });
}

if (figures.scorecache) {
  const c = figures.scorecache;
  const [, , warm, onePassage, oneFile] = c.rows;
  figures.targets.push({ issue: 16, target: 'score cache: a second identical run sends no request', value: warm.requests, unit: 'count', text: `${warm.requests} requests`, met: warm.requests === 0 });
  figures.targets.push({ issue: 16, target: 'score cache: after a change only the changed passages are sent', value: onePassage.documents + oneFile.documents, unit: 'count', text: `${onePassage.documents} and ${oneFile.documents} documents`, met: onePassage.documents === 1 && oneFile.documents === c.passagesPerFile });
  figures.targets.push({ issue: 16, target: 'score cache: every ranking equals an uncached run\'s', value: c.sameRanking ? 1 : 0, unit: 'count', text: c.sameRanking ? 'equal' : 'DIFFERENT', met: c.sameRanking });
}
if (figures.index) {
  const r = figures.index;
  figures.targets.push({ issue: 16, target: `index: warm first stage, nothing changed <= ${r.targets.warm.ratio}x the cold run (from storage and in memory)`, value: Math.max(r.ratios.warmStorageOverCold, r.ratios.warmMemoryOverCold), met: r.targets.warm.met });
  figures.targets.push({ issue: 16, target: `index: first stage after one file changed <= ${r.targets.changed.ratio}x the cold run`, value: Math.max(r.ratios.changedStorageOverCold, r.ratios.changedMemoryOverCold), met: r.targets.changed.met });
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
    out(`  ${h.warmupPerClient} warm-up requests per client, then ${h.rounds} rounds × ${h.block} per client, interleaved, order shuffled each round (${h.samplesPerClient} samples each)`);
    out();
    table(
      ['client', 'median ms', 'p90 ms', 'mean ms'],
      h.clients.map((c) => [c.label, ms(c.median), ms(c.p90), ms(c.mean)]),
    );
    out();
    out(`  ours / raw undici + JSON.stringify: ${ratio(h.ratios.oursOverRawMedian)} median, ${ratio(h.ratios.oursOverRawP90)} p90   (target ≤ ${HTTP_TARGET.toFixed(2)}×: ${h.ratios.oursOverRawMedian <= HTTP_TARGET ? 'met' : 'MISSED'})`);
    out(`  sdk / ours: ${ratio(h.ratios.sdkOverOursMedian)} median, ${ratio(h.ratios.sdkOverOursP90)} p90   (target > 1×: ${h.ratios.sdkOverOursMedian > 1 ? 'met' : 'MISSED'})`);
    out(`  over the floor (body built once): ours ${ratio(h.ratios.oursOverPrebuiltMedian)}, raw + JSON.stringify ${ratio(h.ratios.rawOverPrebuiltMedian)} (median)`);
    const b = h.breakdown;
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
    const t = m.textSearch;
    if (t?.skipped) out(`  searchBm25 against revision ${t.baselineRev}: skipped (${t.skipped})`);
    else if (t) out(`  searchBm25 (every query over the chunks, no index) CPU ms, median of 3: this tree ${ms(t.cpuMs.ours)}, revision ${t.baselineRev} ${ms(t.cpuMs.baseline)}: ${ratio(t.ratio)}; same hits: ${t.sameHits ? 'yes' : 'NO'}`);
  }

  renderSources(f.sources, out, ms, ratio);
  renderPanel(f.panel, out, ms, ratio);
  renderSecrets(f.secrets, out, ms, ratio);
  renderScoreCache(f.scorecache, out, ms, ratio, table);
  renderIndex(f.index, out, ms, ratio);
  renderEditor(f.editor, out, ms, ratio);

  out();
  out('targets:');
  for (const t of f.targets) out(`  ${t.met ? 'met   ' : 'MISSED'}  (issue ${t.issue}) ${t.target}: ${t.unit === 'ms' ? `${ms(t.value)} ms` : t.unit === '%' ? `${(t.value * 100).toFixed(2)}%` : t.unit === 'count' ? t.text : ratio(t.value)}`);
  for (const [name, why] of Object.entries(f.skipped)) out(`  SKIPPED ${name}: ${why}`);
  for (const e of f.errors) out(`  ERROR   ${e}`);
  out();
  out(`total ${f.durationSeconds.toFixed(0)} s · reproduce: npm ci && npm run bench   (figures: node bench/run.mjs --json)`);
  return `${lines.join('\n')}\n`;
}

function renderSources(r, out, ms, ratio) {
  if (!r) return;
  const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
  out();
  out(`Sources · candidate collection + chunking over ${r.root} vs rg --files + reading every file (each in its own process)`);
  out(`  median of ${r.rounds} rounds after a warm-up, rounds alternate; ${r.collect.detail}; ${r.cpus} logical CPUs`);
  out();
  const rows = [
    ['rg --files + read', r.rg, undefined],
    ['collect + chunk (as the CLI)', r.collect, r.ratio],
    ...(r.collectSecondRun ? [['collect + chunk, second run in one process (not a target)', r.collectSecondRun, r.ratioSecondRun]] : []),
    ['collect + chunk + secret scan', r.collectWithSecretScan, r.ratioWithSecretScan],
    ...(r.cli ? [['the CLI, defaults, offline, run again (its index warm)', r.cli, r.ratioCli]] : []),
    ...(r.cliFirstRun ? [['the CLI, defaults, offline, first run (builds the index)', r.cliFirstRun, r.ratioCliFirstRun]] : []),
    ...(r.cliNoIndex ? [['the CLI, --no-index, offline (BM25 over every text)', r.cliNoIndex, r.ratioCliNoIndex]] : []),
  ];
  const widths = [Math.max(...rows.map(([name]) => name.length)), 8, 8, 8, 8];
  out(`  ${'contestant'.padEnd(widths[0])}   ${'ms'.padStart(8)}   ${'ratio'.padStart(8)}   ${'cpu ms'.padStart(8)}   ${'peak RSS'.padStart(8)}   peak heap (main)`);
  for (const [name, s, x] of rows) {
    out(`  ${name.padEnd(widths[0])}   ${ms(s.ms).padStart(8)}   ${(x === undefined ? '' : ratio(x)).padStart(8)}   ${ms(s.cpuMs).padStart(8)}   ${mb(s.peakRss).padStart(8)}   ${mb(s.peakHeap).padStart(8)}`);
  }
  out();
  out(`  ours / (rg + read): ${ratio(r.ratio)}   (target ≤ ${r.target.ratio}×: ${r.target.met ? 'met' : 'MISSED'}); cpu is the process's own (rg's threads are not in its row)`);
  if (r.cli) out(`  the CLI run again / (rg + read): ${ratio(r.ratioCli)}   (target ≤ ${r.targetCli.ratio}×: ${r.targetCli.met ? 'met' : 'MISSED'}); it considered ${r.cli.detail}`);
  if (r.steps) {
    const st = r.steps;
    const sum = st.walkMs + st.readMs + st.decodeMs + st.chunkMs + st.candidatesMs;
    out(
      `  each step alone, warm, one process (median of 3 passes; ${st.texts} files, ${(st.chars / 1e6).toFixed(1)} M chars): walk ${ms(st.walkMs)}, read ${ms(st.readMs)}, decode ${ms(st.decodeMs)}, chunk ${ms(st.chunkMs)}, candidates ${ms(st.candidatesMs)}: ${ms(sum)} ms` +
        (r.collectSecondRun ? ` (second-run row: ${ms(r.collectSecondRun.ms)} ms; the rest is the async steps between them, the GC, shared caches)` : ''),
    );
  }
}

function renderSecrets(r, out, ms, ratio) {
  if (!r) return;
  const pct = (x) => `${(x * 100).toFixed(2)}%`;
  out();
  out(`Secret scanner · ${r.texts.toLocaleString('en-US')} files of ${r.root} (${(r.chars / 1e6).toFixed(0)} M chars, ${r.passages.toLocaleString('en-US')} passages), warm, median of 3 passes`);
  out();
  const rows = [['ours', r.ours], ...(r.baseline ? [[`the scanner at revision ${r.baselineRev}`, r.baseline]] : [])];
  const header = ['scanner', 'planted caught', 'passages altered', 'scan ms', 'scan / read'];
  const cells = rows.map(([name, s]) => [name, `${s.recall.caught}/${s.recall.total} (${pct(s.recall.share)})`, `${s.passagesAltered} (${pct(s.alteredShare)})`, ms(s.scanMs), ratio(s.scanOverRead)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const fmt = (c) => `  ${c.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('   ')}`;
  out(fmt(header));
  for (const c of cells) out(fmt(c));
  out();
  out(`  reading every file: ${ms(r.readMs)} ms; ours / the scanner at revision ${r.baselineRev}, scan time: ${r.scanOursOverBaseline === null ? `n/a (${r.baselineSkipped})` : ratio(r.scanOursOverBaseline)}`);
  out(`  recall >= 95%: ${r.ours.recall.share >= 0.95 ? 'met' : 'MISSED'}; altered < 1%: ${r.ours.alteredShare < 0.01 ? 'met' : 'MISSED'}; findings by kind: ${Object.entries(r.ours.findingsByKind).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  if (r.ours.recall.missed.length > 0) out(`  missed: ${r.ours.recall.missed.join('; ')}`);
  // With -- --secrets-show N: the first N findings over the tree, to see what gets altered.
  for (const example of r.ours.examples) out(`    ${example}`);
}

function renderIndex(r, out, ms, ratio) {
  if (!r) return;
  const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
  out();
  out(`Workspace index · ${r.root}: ${r.files.toLocaleString('en-US')} text files, ${r.passages.toLocaleString('en-US')} passages, ${mb(r.textBytes)} of text; collection + BM25 first stage of ${r.firstStage}, secret scan on; median of ${r.rounds} round${r.rounds === 1 ? '' : 's'}`);
  out();
  const rows = [
    ['no index', r.ms.plain, r.ms.plain / r.ms.cold],
    ['cold: builds the index', r.ms.cold, 1],
    ['warm, nothing changed, index read from storage (CLI --index)', r.ms.warmStorage, r.ratios.warmStorageOverCold],
    ['warm, nothing changed, index held in memory (extension)', r.ms.warmMemory, r.ratios.warmMemoryOverCold],
    ['one file changed, from storage', r.ms.changedStorage, r.ratios.changedStorageOverCold],
    ['one file changed, in memory', r.ms.changedMemory, r.ratios.changedMemoryOverCold],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  out(`  ${'run'.padEnd(width)}   ${'ms'.padStart(8)}   ${'/ cold'.padStart(8)}`);
  for (const [name, t, x] of rows) out(`  ${name.padEnd(width)}   ${ms(t).padStart(8)}   ${ratio(x).padStart(8)}`);
  out();
  out(`  writing the index (not waited for by a run): ${ms(r.ms.coldSave)} ms cold, ${ms(r.ms.changedSave)} ms after one change (${r.changed})`);
  out(`  index on disk ${mb(r.indexBytes)} for ${mb(r.textBytes)} of text read (${ratio(r.ratios.indexOverText)}); held in memory with the index: ${mb(r.indexHeld)} (heap + buffers, after GC); the process's peak RSS ${mb(r.peakRss)}`);
  out(`  warm <= ${r.targets.warm.ratio}× cold: ${r.targets.warm.met ? 'met' : 'MISSED'}; one file changed <= ${r.targets.changed.ratio}× cold: ${r.targets.changed.met ? 'met' : 'MISSED'}`);
}

function renderEditor(e, out, ms, ratio) {
  if (!e) return;
  const n = (x) => x.toLocaleString('en-US');
  out();
  out(`Editor · ranking ${e.root} offline as prompt context, in code-server's extension host (VS Code ${e.vscodeVersion}, Node ${e.node}); median of ${e.rounds} rounds after a warm-up`);
  out();
  out(`  the CLI (-p local --format prompt, a fresh process per run)          ${ms(e.cli.ms).padStart(8)} ms   ${n(e.cli.passages)} passages`);
  out(`  the extension (rerank_context tool, offline ranker)                 ${ms(e.extension.ms).padStart(8)} ms   (first run, activating: ${ms(e.extension.firstRunMs)} ms)`);
  out(`  the extension's workspace collection alone                          ${ms(e.collect.ms).padStart(8)} ms   ${n(e.collect.passages)} passages from ${n(e.collect.files)} files`);
  out();
  out(`  extension / CLI: ${ratio(e.ratio)}   (target ≤ ${e.target.ratio}×: ${e.target.met ? 'met' : 'MISSED'}); traffic off 127.0.0.1: ${e.offLoopback.length ? e.offLoopback.join(', ') : 'none'}`);
}

function renderPanel(p, out, ms, ratio) {
  if (!p) return;
  out();
  out(`Results panel · first render in ${p.machine}; median of ${p.reps} fresh pages per size`);
  out();
  const sizes = Object.keys(p.sizes).map(Number).sort((a, b) => a - b);
  const rows = sizes.map((n) => [String(n), String(p.sizes[n].rowsDrawn), ms(p.sizes[n].domMs), ms(p.sizes[n].layoutMs), ms(p.sizes[n].frameMs)]);
  rows.push(['1000 + 9 runs of history', String(p.history10x1000.rowsDrawn), ms(p.history10x1000.domMs), ms(p.history10x1000.layoutMs), ms(p.history10x1000.frameMs)]);
  const header = ['items', 'rows drawn', 'to DOM ms', '+ layout ms', 'to next frame ms'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (cells) => `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('   ')}`;
  out(fmt(header));
  for (const row of rows) out(fmt(row));
  out();
  const r = p.ratio1000over100;
  const large = p.sizes[1000];
  out(`  1,000 items: ${ms(large.layoutMs)} ms to DOM + layout (target < 100 ms: ${large.layoutMs < 100 ? 'met' : 'MISSED'}); ratio 1000/100: DOM ${ratio(r.dom)}, + layout ${ratio(r.layout)}, frame ${ratio(r.frame)}`);
  if (large.rowsDrawn < 1000) out(`  "Show all" to 1,000 rows: ${ms(p.showAll1000.layoutMs)} ms to layout (${p.showAll1000.rows} rows)`);
  out(`  hostile document shown as text, no CSP violation: ${p.failures.length === 0 ? 'ok' : 'FAILED'}`);
}

function renderScoreCache(c, out, ms, ratio, table) {
  if (!c) return;
  out();
  out(`Score cache · ${c.passages.toLocaleString('en-US')} passages (${c.passagesPerFile} per file, path headers), ${c.batchSize} per request, to the loopback Cohere-shaped test server`);
  out();
  table(
    ['run', 'requests', 'documents sent', 'from cache', 'requests saved', 'ms'],
    c.rows.map((r) => [r.label, String(r.requests), String(r.documents), String(r.fromCache), String(r.requestsSaved), ms(r.ms)]),
  );
  out();
  const r = c.ratios;
  out(`  warm / cold requests ${ratio(r.warmRequestsOverCold)}; documents sent after one passage changed / cold ${r.onePassageDocumentsOverCold}, after one file changed ${r.oneFileDocumentsOverCold}`);
  out(`  time: warm / uncached ${ratio(r.warmMsOverUncached)}, cold / uncached ${ratio(r.coldMsOverUncached)}; cache file ${(c.cacheFileBytes / 1000).toFixed(0)} kB; rankings equal to uncached runs: ${c.sameRanking ? 'yes' : 'NO'}`);
}

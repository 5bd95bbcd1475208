// Candidate collection + chunking over a large real tree (default: this project's node_modules)
// against `rg --files` plus reading every listed file, in the same run. Each measurement runs in
// its own Node process (so peak RSS is that measurement's own), rounds
// alternate between the contestants, the first round warms the page cache and is dropped, and
// medians are reported.
//
//   npm run build && node bench/sources.mjs [--sources-root DIR] [--sources-rounds N] [--json]
// (flag names carry the prefix because bench/run.mjs hands its extra flags to every benchmark)
//
// Contestants:
//   rg + read        `rg --files --hidden --no-ignore-parent --follow ROOT`, then readFileSync of every
//                    listed file (the fastest way Node reads a file; no decoding)
//   collect + chunk  streamFileCandidates with the node:fs SourceFs, as the CLI runs it: walk, ignore
//                    rules, reads, binary/size/UTF-8 checks, chunking (local: no secret scan)
//   ... second run   the same run again in the same process, timed the second time: what the
//                    first run pays for compiling its code and growing its heap (not a target)
//   + secret scan    the CLI's way with remote: true (what the CLI does before sending to Cohere)
//   CLI, defaults    the built CLI (dist/cli.js, its runCli in a fresh process, stdout dropped) ranking
//                    ROOT offline with its defaults, as a user runs it again over the same tree: its
//                    index in the cache folder (XDG_CACHE_HOME of the benchmark's own, built by an
//                    untimed run first) tells it which files changed (none), BM25 scores every
//                    passage from the stored term counts, titles for the results. Its files and
//                    passages are the ones it considered (the same collection with the CLI's
//                    options, run in its own process beforehand).
//   CLI, first run   the same with an empty cache folder: walk, read, chunk, the secret guard (what
//                    an index keeps has likely secrets redacted), term counts, BM25, writing the index
//   CLI, --no-index  the same without an index: walk, read, chunk, BM25 over every passage's text
// And once, after the rounds, in one process, where the collector's time goes: each step alone
// over the whole tree, warm (an untimed pass, then the median of three): the walk, the reads,
// decoding (TextDecoder), chunking the decoded texts (token weights and cuts) and making
// candidates, over the files a collection decodes (up to 1 MiB, no NUL in the first 8 KB). They do
// not add up to the second-run row: that also has the async steps between them, the garbage
// collector and the caches they share.
// Ours is the code the CLI ships: src/sources bundled by esbuild as esbuild.js bundles dist/cli.js
// (into a temporary folder, before the clock starts). Loaded through tsx instead, which transforms
// with esbuild's keepNames (every closure named as it is made), the same code ran ~6% slower here.
// Both sides list the same files: hidden ones included, symlinks followed, .gitignore inside ROOT honoured, none
// above it (the CLI row leaves out what its defaults leave out). Bounds are lifted (maxBytes,
// maxPassages: Infinity) so the whole tree is processed, and candidates are counted, not kept, as a
// streaming consumer would.
// ripgrep: `rg` on the PATH, else node_modules/@vscode/ripgrep/bin/rg; without either the benchmark is
// skipped with a message. CPU is the process's own; rg's
// threads are another process and not in it.
//
// Run on its own it prints a table; started by bench/run.mjs it sends the figures over IPC.

import { spawn, spawnSync, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1] : fallback;
};

const TARGET_RATIO = 2;

if (argv[0] === '--child') await runChild(argv[1], argv[2], argv[3], argv[4]);
else await runParent();

async function runParent() {
  const root = path.resolve(option('--sources-root', path.join(repo, 'node_modules')));
  const rounds = Math.max(2, Number(option('--sources-rounds', '5')));
  const json = argv.includes('--json');
  if (findRg() === undefined) {
    const why = 'rg not found on the PATH nor in node_modules/@vscode/ripgrep (install ripgrep: apt-get install ripgrep)';
    await hand({ skipped: why }, json, () => process.stdout.write(`sources bench skipped: ${why}\n`));
    return;
  }
  const contestants = ['rg', 'local', 'warm', 'remote', 'cli', 'cli-first', 'cli-no-index'];
  const samples = Object.fromEntries(contestants.map((c) => [c, []]));
  const bundleDir = mkdtempSync(path.join(os.tmpdir(), 'rerank-bench-sources-'));
  let steps;
  let considered;
  try {
    const bundle = await bundleSources(bundleDir);
    // The warm CLI row's index, built before the clock runs for it.
    await measure('cli', root, bundle);
    for (let round = 0; round < rounds; round++) {
      for (const contestant of contestants) {
        const figures = await measure(contestant, root, bundle);
        if (round > 0) samples[contestant].push(figures);
        process.stderr.write(`  … round ${round + 1}/${rounds} ${contestant}: ${figures.ms.toFixed(0)} ms\n`);
      }
    }
    steps = await measure('steps', root, bundle);
    considered = await measure('considered', root, bundle);
  } finally {
    rmSync(bundleDir, { recursive: true, force: true });
  }
  const summary = Object.fromEntries(contestants.map((c) => [c, summarize(samples[c])]));
  const ratio = summary.local.ms / summary.rg.ms;
  const result = {
    root,
    rounds: rounds - 1,
    cpus: os.availableParallelism(),
    rg: summary.rg,
    collect: summary.local,
    collectSecondRun: summary.warm,
    collectWithSecretScan: summary.remote,
    ratio,
    ratioSecondRun: summary.warm.ms / summary.rg.ms,
    ratioWithSecretScan: summary.remote.ms / summary.rg.ms,
    cli: { ...summary.cli, detail: considered.detail, files: considered.files, passages: considered.passages },
    ratioCli: summary.cli.ms / summary.rg.ms,
    cliFirstRun: summary['cli-first'],
    ratioCliFirstRun: summary['cli-first'].ms / summary.rg.ms,
    cliNoIndex: summary['cli-no-index'],
    ratioCliNoIndex: summary['cli-no-index'].ms / summary.rg.ms,
    steps,
    target: { ratio: TARGET_RATIO, met: ratio <= TARGET_RATIO },
    targetCli: { ratio: TARGET_RATIO, met: summary.cli.ms / summary.rg.ms <= TARGET_RATIO },
  };
  await hand(result, json, () => printTable(result));
}

function printTable(r) {
  const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
  const row = (name, s, ratio) =>
    `  ${name.padEnd(44)} ${`${s.ms.toFixed(0)} ms`.padStart(8)}  ${ratio == null ? '      ' : `${ratio.toFixed(2)}x`.padStart(6)}  cpu ${`${s.cpuMs.toFixed(0)} ms`.padStart(8)}  peak RSS ${mb(s.peakRss).padStart(6)}  peak heap ${mb(s.peakHeap).padStart(6)}  ${s.detail}`;
  process.stdout.write(
    [
      `sources: ${r.root} (median of ${r.rounds} rounds after a warm-up; ${r.cpus} logical CPUs)`,
      row('rg --files + read', r.rg),
      row('collect + chunk', r.collect, r.ratio),
      row('collect + chunk, second run in one process', r.collectSecondRun, r.ratioSecondRun),
      row('collect + chunk + secrets', r.collectWithSecretScan, r.ratioWithSecretScan),
      row('CLI, defaults, offline, its index warm', r.cli, r.ratioCli),
      row('CLI, defaults, offline, first run', r.cliFirstRun, r.ratioCliFirstRun),
      row('CLI, --no-index, offline', r.cliNoIndex, r.ratioCliNoIndex),
      `  each step alone over ${(r.steps.chars / 1e6).toFixed(0)} M chars: walk ${r.steps.walkMs.toFixed(0)} ms, read ${r.steps.readMs.toFixed(0)}, decode ${r.steps.decodeMs.toFixed(0)}, chunk ${r.steps.chunkMs.toFixed(0)}, candidates ${r.steps.candidatesMs.toFixed(0)}`,
      `  target: collect + chunk within ${TARGET_RATIO}x of rg --files + read: ${r.target.met ? 'met' : 'MISSED'} (${r.ratio.toFixed(2)}x)`,
      `  target: the CLI with its defaults (its index warm) within ${TARGET_RATIO}x of rg --files + read: ${r.targetCli.met ? 'met' : 'MISSED'} (${r.ratioCli.toFixed(2)}x)`,
      '',
    ].join('\n'),
  );
}

async function hand(result, json, print) {
  if (process.send) {
    await new Promise((resolve, reject) => process.send({ type: 'result', result }, undefined, {}, (err) => (err ? reject(err) : resolve())));
    // An open IPC channel would keep this process alive.
    process.disconnect();
  } else if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else print();
}

/** Median of each figure over the rounds. */
function summarize(list) {
  const med = (key) => {
    const sorted = list.map((f) => f[key]).sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)];
  };
  const last = list[list.length - 1];
  return { ms: med('ms'), cpuMs: med('cpuMs'), peakRss: med('peakRss'), peakHeap: med('peakHeap'), detail: last.detail };
}

/** src/sources as the CLI bundle has it, with the entry points the contestants and the steps call. */
async function bundleSources(dir) {
  const esbuild = await import('esbuild');
  const outfile = path.join(dir, 'sources.cjs');
  await esbuild.build({
    stdin: {
      contents: [
        "export { streamFileCandidates } from './src/sources/index';",
        "export { createNodeFs } from './src/sources/nodeFs';",
        "export { walkFolder } from './src/sources/walk';",
        "export { compileGlobs, DEFAULT_EXCLUDES } from './src/sources/globs';",
        "export { emptyRootReport } from './src/sources/report';",
        "export { createReusingReader } from './src/sources/nodeFs';",
        "export { notText, textOutcome, fileCandidates } from './src/sources/fileCandidates';",
        "export { DEFAULT_MAX_FILE_BYTES } from './src/sources/files';",
        "export { DEFAULT_WORKSPACE_EXCLUDES } from './src/sources/defaultExcludes';",
        "export { chunkText } from './src/core/chunk';",
      ].join('\n'),
      resolveDir: repo,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * Runs one contestant in a fresh process and returns its figures. The CLI rows' cache folder is
 * `cache` when given, else an empty one for the first-run row and the shared one for the others.
 */
function measure(contestant, root, bundle, cache) {
  const fresh = contestant === 'cli-first' && cache === undefined ? mkdtempSync(path.join(path.dirname(bundle), 'first-')) : undefined;
  const folder = cache ?? fresh ?? path.join(path.dirname(bundle), 'cache');
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--child', contestant, root, bundle, folder], {
      execArgv: [],
      cwd: repo,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let figures;
    child.on('message', (m) => (figures = m));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (fresh) rmSync(fresh, { recursive: true, force: true });
      if (code === 0 && figures) resolve(figures);
      else reject(new Error(`${contestant} child failed (exit ${code})`));
    });
  });
}

async function runChild(contestant, root, bundle, cache) {
  let peakHeap = 0;
  const sampleHeap = () => {
    const used = process.memoryUsage().heapUsed;
    if (used > peakHeap) peakHeap = used;
  };
  // Load the code before the clock starts: loading is not what is measured.
  const require = createRequire(import.meta.url);
  const modules = contestant === 'rg' || contestant.startsWith('cli') ? undefined : require(bundle);
  if (contestant === 'steps' || contestant === 'considered') {
    process.send(contestant === 'steps' ? await stepsAlone(modules, root) : await consideredByCli(modules, root));
    process.disconnect();
    return;
  }
  if (contestant.startsWith('cli')) {
    const { runCli } = require(path.join(repo, 'dist', 'cli.js'));
    const cpu = process.cpuUsage();
    const started = performance.now();
    let stderr = '';
    const args = ['-q', 'parse the configuration file and report errors', '-p', 'local', ...(contestant === 'cli-no-index' ? ['--no-index'] : []), root];
    const code = await runCli(args, { stdout: () => {}, stderr: (t) => (stderr += t), env: { XDG_CACHE_HOME: cache }, readStdin: async () => '' });
    const ms = performance.now() - started;
    if (code !== 0) throw new Error(`the CLI failed: ${stderr}`);
    const used = process.cpuUsage(cpu);
    process.send({ ms, cpuMs: (used.user + used.system) / 1000, peakRss: process.resourceUsage().maxRSS * 1024, peakHeap: process.memoryUsage().heapUsed, detail: stderr.trim().split('\n').pop() });
    process.disconnect();
    return;
  }
  // The second-run row runs once untimed first: its code is compiled and its heap grown.
  if (contestant === 'warm') await collectAndChunk(modules, root, contestant, () => {});
  const cpu = process.cpuUsage();
  const started = performance.now();
  const run = modules === undefined ? await rgAndRead(root, sampleHeap) : await collectAndChunk(modules, root, contestant, sampleHeap);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  sampleHeap();
  process.send({ ms, cpuMs: (used.user + used.system) / 1000, peakRss: process.resourceUsage().maxRSS * 1024, peakHeap, ...run });
  process.disconnect();
}

/** The files `rg --files` lists under `root`, as the baseline lists them. */
async function rgFiles(root) {
  const listing = await new Promise((resolve, reject) => {
    const rg = spawn(findRg(), ['--files', '--hidden', '--no-ignore-parent', '--follow', root], { stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks = [];
    rg.stdout.on('data', (c) => chunks.push(c));
    rg.once('error', reject);
    rg.once('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`rg exit ${code}`))));
  });
  return listing.split('\n').filter(Boolean);
}

async function rgAndRead(root, sampleHeap) {
  const files = await rgFiles(root);
  let bytes = 0;
  for (let i = 0; i < files.length; i++) {
    bytes += readFileSync(files[i]).length;
    if (i % 256 === 0) sampleHeap();
  }
  return { detail: `${files.length} files, ${(bytes / 1e6).toFixed(0)} MB` };
}

/** ripgrep: on the PATH, else the one @vscode/ripgrep installs; undefined when neither runs. */
function findRg() {
  for (const rg of ['rg', path.join(repo, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg')]) if (!spawnSync(rg, ['--version']).error) return rg;
  return undefined;
}

/** The files and passages the CLI considers with its defaults: the collection it runs, counted. */
async function consideredByCli({ streamFileCandidates, createNodeFs, DEFAULT_WORKSPACE_EXCLUDES }, root) {
  const collection = streamFileCandidates(createNodeFs(), [root], { remote: false, exclude: [...DEFAULT_WORKSPACE_EXCLUDES], skipLargeDataFiles: true });
  let passages = 0;
  for await (const batch of collection.files()) for (const file of batch) passages += file.candidates.length;
  const r = collection.report.roots[0];
  return { files: r.filesRead, passages, detail: `${r.filesRead} files read (${r.excludedByGlob} entries excluded by default, ${r.largeData} large data files), ${passages} passages` };
}

async function collectAndChunk({ streamFileCandidates, createNodeFs }, root, contestant, sampleHeap) {
  const collection = streamFileCandidates(createNodeFs(), [root], { remote: contestant === 'remote', maxBytes: Infinity, maxPassages: Infinity });
  let candidates = 0;
  let chars = 0;
  let files = 0;
  for await (const batch of collection.files()) {
    for (const file of batch) {
      candidates += file.candidates.length;
      for (const c of file.candidates) chars += c.text.length;
      if (++files % 256 === 0) sampleHeap();
    }
  }
  const r = collection.report.roots[0];
  return { detail: `${r.filesMatched} files, ${candidates} passages (${(chars / 1e6).toFixed(0)} M chars)` };
}

/** Each step of the collector alone over the tree, warm: the median ms of three passes after an untimed one. */
async function stepsAlone(m, root) {
  const timed = async (pass) => {
    await pass();
    const times = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await pass();
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[1];
  };
  const rules = { include: undefined, exclude: m.compileGlobs(m.DEFAULT_EXCLUDES), ignoreFiles: true };
  const nodeFs = m.createNodeFs();
  let found = [];
  const walkMs = await timed(async () => {
    found = [];
    for await (const folder of m.walkFolder(nodeFs, root, rules, m.emptyRootReport(root, '', false))) for (const file of folder) found.push(file);
  });
  const read = m.createReusingReader();
  const maxBytes = m.DEFAULT_MAX_FILE_BYTES;
  const readMs = await timed(() => {
    for (const file of found) read(file.path, maxBytes);
  });
  // The bytes of the files a collection decodes as UTF-8, kept for the steps after the reads
  // (the few in other encodings take another path).
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const utf8 = (bytes) => {
    try {
      decoder.decode(bytes);
      return true;
    } catch {
      return false;
    }
  };
  const texts = [];
  for (const file of found) {
    const bytes = read(file.path, maxBytes);
    if (bytes !== undefined && m.notText(bytes) === undefined && utf8(bytes)) texts.push({ file, bytes: Buffer.from(bytes) });
  }
  let chars = 0;
  const decodeMs = await timed(() => {
    chars = 0;
    for (const { bytes } of texts) chars += decoder.decode(bytes).length;
  });
  const decoded = texts.map(({ file, bytes }) => ({ file, text: decoder.decode(bytes) }));
  const chunkMs = await timed(() => {
    for (const { text } of decoded) m.chunkText(text);
  });
  const options = { chunk: undefined, secretPolicy: undefined };
  const outcomes = texts.map(({ file, bytes }) => ({ file, outcome: m.textOutcome(bytes, options) }));
  const candidatesMs = await timed(() => {
    const report = m.emptyRootReport(root, '', false);
    for (const { file, outcome } of outcomes) m.fileCandidates(outcome, file.relativePath, report, '');
  });
  return { files: found.length, texts: texts.length, chars, walkMs, readMs, decodeMs, chunkMs, candidatesMs };
}

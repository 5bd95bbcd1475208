// Candidate collection + chunking over a large real tree (default: this project's node_modules)
// against `rg --files` plus reading every listed file, in the same run. Each measurement runs in
// its own Node process (so peak RSS is that measurement's own), rounds alternate between the
// contestants, the first round warms the page cache and is dropped, and medians are reported.
//
//   node bench/sources.mjs [--sources-root DIR] [--sources-rounds N] [--json]
// (flag names carry the prefix because bench/run.mjs hands its extra flags to every benchmark)
//
// Contestants:
//   rg + read        `rg --files --hidden --no-ignore-parent --follow ROOT`, then readFileSync of every
//                    listed file (the fastest way Node reads a file; no decoding)
//   collect + chunk  streamFileCandidates with the node:fs SourceFs: walk, ignore rules, reads,
//                    binary/size/UTF-8 checks, chunking (local: no secret scan)
//   + secret scan    the same with remote: true (what the CLI does before sending to Cohere)
// Both sides list the same files: hidden ones included, symlinks followed, .gitignore inside ROOT honoured, none
// above it. Limits are lifted (maxCandidates: Infinity) so the whole tree is processed, and
// candidates are counted, not kept, as a streaming consumer would.
//
// Run on its own it prints a table; started by bench/run.mjs it sends the figures over IPC.

import { spawn, spawnSync, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1] : fallback;
};

const TARGET_RATIO = 2;

if (argv[0] === '--child') await runChild(argv[1], argv[2]);
else await runParent();

async function runParent() {
  const root = path.resolve(option('--sources-root', path.join(repo, 'node_modules')));
  const rounds = Math.max(2, Number(option('--sources-rounds', '5')));
  const json = argv.includes('--json');
  if (spawnSync('rg', ['--version']).error) {
    const result = { skipped: 'rg not found (install ripgrep: apt-get install ripgrep)' };
    await hand(result, json, () => process.stdout.write(`sources bench skipped: rg not found (install ripgrep: apt-get install ripgrep)\n`));
    return;
  }
  const contestants = ['rg', 'local', 'remote'];
  const samples = Object.fromEntries(contestants.map((c) => [c, []]));
  for (let round = 0; round < rounds; round++) {
    for (const contestant of contestants) {
      const figures = await measure(contestant, root);
      if (round > 0) samples[contestant].push(figures);
      process.stderr.write(`  … round ${round + 1}/${rounds} ${contestant}: ${figures.ms.toFixed(0)} ms\n`);
    }
  }
  const summary = Object.fromEntries(contestants.map((c) => [c, summarize(samples[c])]));
  const ratio = summary.local.ms / summary.rg.ms;
  const result = {
    root,
    rounds: rounds - 1,
    rg: summary.rg,
    collect: summary.local,
    collectWithSecretScan: summary.remote,
    ratio,
    ratioWithSecretScan: summary.remote.ms / summary.rg.ms,
    target: { ratio: TARGET_RATIO, met: ratio <= TARGET_RATIO },
  };
  await hand(result, json, () => printTable(result));
}

function printTable(r) {
  const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
  const row = (name, s, ratio) =>
    `  ${name.padEnd(28)} ${`${s.ms.toFixed(0)} ms`.padStart(8)}  ${ratio === undefined ? '      ' : `${ratio.toFixed(2)}x`.padStart(6)}  peak RSS ${mb(s.peakRss).padStart(6)}  peak heap ${mb(s.peakHeap).padStart(6)}  ${s.detail}`;
  process.stdout.write(
    [
      `sources: ${r.root} (median of ${r.rounds} rounds after a warm-up)`,
      row('rg --files + read', r.rg),
      row('collect + chunk', r.collect, r.ratio),
      row('collect + chunk + secrets', r.collectWithSecretScan, r.ratioWithSecretScan),
      `  target: collect + chunk within ${TARGET_RATIO}x of rg --files + read: ${r.target.met ? 'met' : 'MISSED'} (${r.ratio.toFixed(2)}x)`,
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
  return { ms: med('ms'), peakRss: med('peakRss'), peakHeap: med('peakHeap'), detail: list[list.length - 1].detail };
}

/** Runs one contestant in a fresh process (TypeScript through tsx) and returns its figures. */
function measure(contestant, root) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--child', contestant, root], {
      execArgv: ['--import', 'tsx'],
      cwd: repo,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let figures;
    child.on('message', (m) => (figures = m));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 && figures ? resolve(figures) : reject(new Error(`${contestant} child failed (exit ${code})`))));
  });
}

async function runChild(contestant, root) {
  let peakHeap = 0;
  const sampleHeap = () => {
    const used = process.memoryUsage().heapUsed;
    if (used > peakHeap) peakHeap = used;
  };
  // Load the TypeScript before the clock starts: transpiling is not what is measured.
  const modules = contestant === 'rg' ? undefined : await loadSources();
  const started = performance.now();
  const detail = modules === undefined ? await rgAndRead(root, sampleHeap) : await collectAndChunk(modules, root, contestant === 'remote', sampleHeap);
  const ms = performance.now() - started;
  sampleHeap();
  process.send({ ms, peakRss: process.resourceUsage().maxRSS * 1024, peakHeap, detail });
  process.disconnect();
}

async function rgAndRead(root, sampleHeap) {
  const listing = await new Promise((resolve, reject) => {
    const rg = spawn('rg', ['--files', '--hidden', '--no-ignore-parent', '--follow', root], { stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks = [];
    rg.stdout.on('data', (c) => chunks.push(c));
    rg.once('error', reject);
    rg.once('close', (code) => (code === 0 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`rg exit ${code}`))));
  });
  const files = listing.split('\n').filter(Boolean);
  let bytes = 0;
  for (let i = 0; i < files.length; i++) {
    bytes += readFileSync(files[i]).length;
    if (i % 256 === 0) sampleHeap();
  }
  return `${files.length} files, ${(bytes / 1e6).toFixed(0)} MB`;
}

async function loadSources() {
  const sources = await import(pathToFileURL(path.join(repo, 'src/sources/index.ts')).href);
  const { createNodeFs } = await import(pathToFileURL(path.join(repo, 'src/sources/nodeFs.ts')).href);
  return { sources, createNodeFs };
}

async function collectAndChunk({ sources, createNodeFs }, root, remote, sampleHeap) {
  const collection = sources.streamFileCandidates(createNodeFs(), [root], { remote, maxCandidates: Infinity });
  let candidates = 0;
  let chars = 0;
  let files = 0;
  for await (const file of collection.files()) {
    candidates += file.candidates.length;
    for (const c of file.candidates) chars += c.text.length;
    if (++files % 256 === 0) sampleHeap();
  }
  const r = collection.report.roots[0];
  return `${r.filesMatched} files, ${candidates} passages (${(chars / 1e6).toFixed(0)} M chars)`;
}

// BM25 benchmark: our Bm25Index (src/core/bm25.ts + tokenize.ts) against minisearch over the same
// 100,000 chunks of real text: every .js/.ts/.md file under node_modules in sorted order, cut
// into chunks of 20 lines, until 100,000 chunks. Each library builds its index (timed), then
// answers a fixed set of code-ish and prose-ish queries (one untimed pass, then timed passes).
// Builds run A B B A so neither library always goes first; heap is measured after a full GC.
// Then searchBm25 (one query over texts, no index: the offline ranker's and the first stage's way)
// of this tree against the same function at a baseline revision (src/core/bm25.ts and tokenize.ts
// from git, `--bm25-baseline REV`, default 7e0b7e8), the queries over the same chunks, alternating,
// CPU time; the two must give the same hits.
//
// Run by bench/run.mjs; alone: node --import tsx --expose-gc bench/bm25.ts [--reps N] [--passes N] [--bm25-baseline REV]

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { Bm25Index, searchBm25, type Bm25Hit } from '../src/core/bm25';
import { collectGarbage, heapUsed, progress, report, runMain } from './lib';

const CHUNKS = 100_000;
const LINES_PER_CHUNK = 20;
const ROOT = path.resolve(__dirname, '..', 'node_modules');

const QUERIES: readonly string[] = [
  // code-ish
  'getUserName',
  'parseRetryAfter',
  'createServer listen port',
  'JSON.parse',
  'readFileSync utf8',
  'Promise.all',
  'addEventListener abort signal',
  'keep_alive_timeout',
  'TypeError: Cannot read properties of undefined',
  'module.exports = function',
  // prose-ish
  'how do I retry a rate-limited request',
  'install the package with npm',
  'breaking changes in the latest major version',
  'permission is hereby granted free of charge',
  'parse command line arguments',
  'escape special characters in a regular expression',
  'handle errors in a stream',
  'convert a string to camel case',
  'what is the default timeout',
  'deprecated use the new option instead',
];

function numberArg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

interface Corpus {
  chunks: string[];
  files: number;
  chars: number;
  fingerprint: string;
  loadMs: number;
}

/** Deterministic for a given node_modules: names sorted by code unit, symlinks and dot entries skipped. */
function loadCorpus(): Corpus {
  const t0 = performance.now();
  const chunks: string[] = [];
  let files = 0;
  const walk = (dir: string): void => {
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (chunks.length >= CHUNKS) return;
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && /\.(js|ts|md)$/.test(entry.name) && !entry.name.endsWith('.min.js')) {
        const lines = fs.readFileSync(full, 'utf8').split('\n');
        files++;
        for (let i = 0; i < lines.length && chunks.length < CHUNKS; i += LINES_PER_CHUNK) {
          chunks.push(lines.slice(i, i + LINES_PER_CHUNK).join('\n'));
        }
      }
    }
  };
  walk(ROOT);
  if (chunks.length < CHUNKS) throw new Error(`only ${chunks.length} chunks under ${ROOT}; run npm ci first`);
  const hash = createHash('sha256');
  let chars = 0;
  for (const chunk of chunks) {
    hash.update(chunk).update('\0');
    chars += chunk.length;
  }
  return { chunks, files, chars, fingerprint: hash.digest('hex').slice(0, 12), loadMs: performance.now() - t0 };
}

interface Engine {
  name: 'ours' | 'minisearch';
  label: string;
  build: () => { search: (query: string) => number };
}

interface Rep {
  buildMs: number;
  heapBytes: number;
  /** Mean ms per query over the timed passes, per query. */
  queryMs: number[];
  hits: number[];
}

function measure(engine: Engine, passes: number): Rep {
  const before = heapUsed();
  const t0 = performance.now();
  const index = engine.build();
  const buildMs = performance.now() - t0;
  const heapBytes = heapUsed() - before;
  // One untimed pass (JIT, first touch of the postings), then the timed passes.
  const hits = QUERIES.map((q) => index.search(q));
  const totals = new Array<number>(QUERIES.length).fill(0);
  for (let p = 0; p < passes; p++) {
    QUERIES.forEach((q, i) => {
      const t = performance.now();
      index.search(q);
      totals[i] = (totals[i] as number) + performance.now() - t;
    });
  }
  return { buildMs, heapBytes, queryMs: totals.map((t) => t / passes), hits };
}

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / (xs.length || 1);

type SearchBm25 = (documents: readonly string[], query: string) => Bm25Hit[];

/** searchBm25 at `rev` (its bm25.ts and tokenize.ts from git), or why it could not be loaded. */
async function baselineSearch(rev: string, dir: string): Promise<SearchBm25 | string> {
  try {
    for (const name of ['bm25.ts', 'tokenize.ts']) {
      const source = execFileSync('git', ['show', `${rev}:src/core/${name}`], { cwd: path.resolve(__dirname, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      fs.writeFileSync(path.join(dir, name), source);
    }
    return ((await import(path.join(dir, 'bm25.ts'))) as { searchBm25: SearchBm25 }).searchBm25;
  } catch (err) {
    return `baseline ${rev} not loaded: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
  }
}

/** CPU ms of every query over `chunks` with each search, alternating, median of `rounds` after an untimed one; whether their hits agree. */
function compareSearches(searches: readonly SearchBm25[], chunks: readonly string[], rounds: number): { cpuMs: number[]; sameHits: boolean } {
  const samples: number[][] = searches.map(() => []);
  let sameHits = true;
  for (let round = 0; round <= rounds; round++) {
    const hits = searches.map((search, i) => {
      const start = process.cpuUsage();
      const found = QUERIES.map((q) => search(chunks, q));
      const used = process.cpuUsage(start);
      if (round > 0) samples[i]?.push((used.user + used.system) / 1000);
      return JSON.stringify(found);
    });
    if (hits.some((h) => h !== hits[0])) sameHits = false;
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number;
  return { cpuMs: samples.map(median), sameHits };
}

async function main(): Promise<void> {
  const reps = numberArg('reps', 2);
  const passes = numberArg('passes', 3);

  progress(`bm25: reading ${CHUNKS.toLocaleString('en-US')} chunks from ${ROOT}`);
  const corpus = loadCorpus();
  const documents = corpus.chunks.map((text, id) => ({ id, text }));
  collectGarbage();

  const engines: Engine[] = [
    {
      name: 'ours',
      label: 'ours: Bm25Index',
      build: () => {
        const index = new Bm25Index(corpus.chunks);
        return { search: (q) => index.search(q).length };
      },
    },
    {
      name: 'minisearch',
      label: 'minisearch 7: addAll + search',
      build: () => {
        const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
        index.addAll(documents);
        return { search: (q) => index.search(q).length };
      },
    },
  ];

  // A B B A ...: neither library always runs on the fresher heap.
  const order: Engine[] = [];
  for (let r = 0; r < reps; r++) {
    const pair = r % 2 === 0 ? engines : [...engines].reverse();
    order.push(...pair);
  }
  const runs: Record<Engine['name'], Rep[]> = { ours: [], minisearch: [] };
  for (const engine of order) {
    progress(`bm25: ${engine.name} build + ${QUERIES.length} queries × ${passes} (run ${runs[engine.name].length + 1}/${reps})`);
    runs[engine.name].push(measure(engine, passes));
    collectGarbage();
  }

  const summary = engines.map((engine) => {
    const reps = runs[engine.name];
    const buildMs = mean(reps.map((r) => r.buildMs));
    const perQuery = QUERIES.map((_, i) => mean(reps.map((r) => r.queryMs[i] as number)));
    const meanQueryMs = mean(perQuery);
    return {
      name: engine.name,
      label: engine.label,
      buildMs,
      buildRunsMs: reps.map((r) => r.buildMs),
      meanQueryMs,
      queriesMs: meanQueryMs * QUERIES.length,
      totalMs: buildMs + meanQueryMs * QUERIES.length,
      heapBytes: Math.max(...reps.map((r) => r.heapBytes)),
      hits: reps[0]?.hits ?? [],
      perQueryMs: perQuery,
    };
  });
  const [ours, mini] = summary as [(typeof summary)[number], (typeof summary)[number]];

  const baselineRev = process.argv.includes('--bm25-baseline') ? (process.argv[process.argv.indexOf('--bm25-baseline') + 1] ?? '7e0b7e8') : '7e0b7e8';
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rerank-bench-bm25-'));
  let textSearch: { baselineRev: string; skipped?: string; cpuMs?: { ours: number; baseline: number }; ratio?: number; sameHits?: boolean };
  try {
    const baseline = await baselineSearch(baselineRev, tmp);
    if (typeof baseline === 'string') textSearch = { baselineRev, skipped: baseline };
    else {
      progress(`bm25: searchBm25 of this tree and of ${baselineRev}, ${QUERIES.length} queries over the chunks, alternating`);
      const { cpuMs, sameHits } = compareSearches([searchBm25, baseline], corpus.chunks, 3);
      const [oursMs, baselineMs] = cpuMs as [number, number];
      textSearch = { baselineRev, cpuMs: { ours: oursMs, baseline: baselineMs }, ratio: oursMs / baselineMs, sameHits };
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  await report({
    corpus: {
      root: ROOT,
      chunks: corpus.chunks.length,
      linesPerChunk: LINES_PER_CHUNK,
      files: corpus.files,
      chars: corpus.chars,
      fingerprint: corpus.fingerprint,
      loadMs: corpus.loadMs,
    },
    queries: QUERIES,
    reps,
    passes,
    gcExposed: typeof globalThis.gc === 'function',
    engines: summary,
    textSearch,
    ratios: {
      buildOursOverMini: ours.buildMs / mini.buildMs,
      queryOursOverMini: ours.meanQueryMs / mini.meanQueryMs,
      totalOursOverMini: ours.totalMs / mini.totalMs,
      heapOursOverMini: ours.heapBytes / mini.heapBytes,
    },
  });
}

runMain(main);

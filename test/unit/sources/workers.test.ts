import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { isCancelled } from '../../../src/core/errors';
import type { ChunkPool, ChunkWorkers } from '../../../src/sources/chunkBatch';
import { nodeChunkWorkers, WORKER_SCRIPT } from '../../../src/sources/chunkPool';
import { collectFileCandidates, type CollectOptions } from '../../../src/sources/index';
import { createNodeFs } from '../../../src/sources/nodeFs';
import { makeTree, removeTree, type TreeSpec } from '../../support/tempTree';

// The worker path runs the worker bundle, built here as esbuild.js builds dist/chunkWorker.js.
const repo = path.resolve(__dirname, '../../..');
let bundleDir = '';
let script = '';
const trees: string[] = [];

before(function () {
  this.timeout(30_000);
  bundleDir = mkdtempSync(path.join(tmpdir(), 'rerank-worker-'));
  script = path.join(bundleDir, WORKER_SCRIPT);
  buildSync({ entryPoints: [path.join(repo, 'src/sources/chunkWorker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: script, logLevel: 'warning' });
});
after(() => rmSync(bundleDir, { recursive: true, force: true }));
afterEach(() => trees.splice(0).forEach(removeTree));

function tree(spec: TreeSpec): string {
  const root = makeTree(spec);
  trees.push(root);
  return root;
}

/** Workers from the first file on; a queue of 1 file makes this thread take every other batch. */
function workers(maxQueuedFiles = 100_000): ChunkWorkers {
  return nodeChunkWorkers({ workers: 2, script, startAfterFiles: 0, maxQueuedFiles }) as ChunkWorkers;
}

/** Counts the pools started and closed by a collection. */
function spied(inner: ChunkWorkers): { workers: ChunkWorkers; started: () => number; closed: () => number } {
  let started = 0;
  let closed = 0;
  const start = (): ChunkPool => {
    started++;
    const pool = inner.start();
    return {
      get queuedFiles() {
        return pool.queuedFiles;
      },
      run: (batch, done) => pool.run(batch, done),
      poll: () => pool.poll(),
      nextReply: (signal) => pool.nextReply(signal),
      close: async () => {
        closed++;
        await pool.close();
      },
    };
  };
  return { workers: { ...inner, start }, started: () => started, closed: () => closed };
}

/** Threads of this process (Linux), to see that workers are gone; undefined elsewhere. */
function threadCount(): number | undefined {
  return existsSync('/proc/self/task') ? readdirSync('/proc/self/task').length : undefined;
}

async function bothWays(roots: string[], options: CollectOptions, pool: ChunkWorkers = workers()) {
  const here = await collectFileCandidates(createNodeFs(), roots, options);
  const there = await collectFileCandidates(createNodeFs(), roots, { ...options, workers: pool });
  return { here, there };
}

describe('collectFileCandidates with worker threads', () => {
  it('gives the same candidates, in the same order, and the same report as in this thread, on real trees', async function () {
    this.timeout(60_000);
    const roots = [path.join(repo, 'src'), path.join(repo, 'test/unit'), path.join(repo, 'node_modules/@types/node'), path.join(repo, 'node_modules/undici')];
    for (const options of [{ remote: false }, { remote: true, chunk: { maxTokens: 150 } }, { remote: true, secretPolicy: 'omit', chunk: { maxTokens: 60 } }] as CollectOptions[]) {
      for (const pool of [workers(), workers(1)]) {
        const { here, there } = await bothWays(roots, options, pool);
        assert.ok(here.candidates.length > 1000, `only ${here.candidates.length} candidates`);
        assert.deepEqual(there.candidates, here.candidates);
        assert.deepEqual(there.report, here.report);
      }
    }
  });

  it('agrees on every kind of file: line endings, encodings, binary, oversized, blank, secrets', async () => {
    const key = ['gh', 'p_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'].join('');
    const body = Array.from({ length: 60 }, (_, i) => `export const value${i} = compute(${i}); // ünïcödé ${i % 7 === 0 ? '🙂' : ''}`).join('\n');
    const root = tree({
      'crlf.ts': body.replace(/\n/g, '\r\n'),
      'cr.ts': body.replace(/\n/g, '\r'),
      'mixed.txt': 'a\r\nb\rc\nd\r\n\r\ne',
      'bom.txt': new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]),
      'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]),
      'utf16.txt': new Uint8Array([0xff, 0xfe, 0x68, 0x00, 0x69, 0x00]),
      'image.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
      'big.txt': 'word '.repeat(20_000),
      'blank.txt': '  \n\n\t\n',
      'empty.txt': '',
      'minified.js': `var a=${'[1,2,3],'.repeat(4000)}0;`,
      'config.env': `NAME=demo\n\nGITHUB_TOKEN=${key}\n\nOTHER=1\n`,
      'ascii.md': `# Title\n\n${'Plain words in a paragraph. '.repeat(40)}\n\n## Next\n\nMore.`,
    });
    for (const secretPolicy of ['redact', 'omit'] as const) {
      const { here, there } = await bothWays([root], { remote: true, secretPolicy, maxFileBytes: 50_000, chunk: { maxTokens: 80 } });
      assert.deepEqual(there.candidates, here.candidates);
      assert.deepEqual(there.report, here.report);
      assert.ok(here.report.roots[0]?.binary === 1 && here.report.roots[0].tooLarge === 1 && here.report.roots[0].undecodable === 2);
    }
  });

  it('stops at the candidate cap with the same candidates, and closes its workers', async () => {
    const spec: TreeSpec = {};
    for (let i = 0; i < 300; i++) spec[`d${i % 5}/f${String(i).padStart(3, '0')}.txt`] = `file ${i}\n\nsecond paragraph of ${i}`;
    const root = tree(spec);
    const spy = spied(workers());
    const { here, there } = await bothWays([root], { remote: false, maxCandidates: 101 }, spy.workers);
    assert.equal(there.candidates.length, 101);
    assert.deepEqual(there.candidates, here.candidates);
    assert.deepEqual(there.report, here.report);
    assert.deepEqual([spy.started(), spy.closed()], [1, 1]);
  });

  it('closes its workers when cancelled, and leaves no thread behind', async () => {
    const spec: TreeSpec = {};
    for (let i = 0; i < 400; i++) spec[`f${i}.txt`] = `text ${i}`;
    const root = tree(spec);
    const threads = threadCount();
    const spy = spied(workers());
    const controller = new AbortController();
    const options: CollectOptions = { remote: false, workers: spy.workers, signal: controller.signal, onProgress: (p) => p.filesDone === 150 && controller.abort() };
    await assert.rejects(collectFileCandidates(createNodeFs(), [root], options), isCancelled);
    assert.deepEqual([spy.started(), spy.closed()], [1, 1]);
    assert.equal(threadCount(), threads);
  });

  it('fails with the reason when a worker dies, and closes the pool', async () => {
    const dying = path.join(bundleDir, 'dying.js');
    writeFileSync(dying, 'process.exit(3);\n');
    const spy = spied(nodeChunkWorkers({ workers: 1, script: dying, startAfterFiles: 0 }) as ChunkWorkers);
    const root = tree({ 'a.txt': 'a', 'b.txt': 'b' });
    await assert.rejects(collectFileCandidates(createNodeFs(), [root], { remote: false, workers: spy.workers }), /chunk worker exited \(code 3\)/);
    assert.deepEqual([spy.started(), spy.closed()], [1, 1]);
  });

  it('reports progress for every file, in walk order', async () => {
    const spec: TreeSpec = {};
    for (let i = 0; i < 120; i++) spec[`d${i % 3}/f${String(i).padStart(3, '0')}.txt`] = `text ${i}`;
    const root = tree(spec);
    const seen: string[][] = [[], []];
    await collectFileCandidates(createNodeFs(), [root], { remote: false, onProgress: (p) => seen[0]?.push(p.path) });
    await collectFileCandidates(createNodeFs(), [root], { remote: false, workers: workers(), onProgress: (p) => seen[1]?.push(p.path) });
    assert.equal(seen[1]?.length, 120);
    assert.deepEqual(seen[1], seen[0]);
  });

  it('offers no workers without a worker script, or when none are asked for', () => {
    assert.equal(nodeChunkWorkers({ script: path.join(bundleDir, 'missing.js') }), undefined);
    assert.equal(nodeChunkWorkers({ script, workers: 0 }), undefined);
    assert.ok(nodeChunkWorkers({ script, workers: 1 }));
  });
});

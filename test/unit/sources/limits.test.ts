import * as assert from 'node:assert/strict';
import { collectFileCandidates, describeCollection, limitSummary, type CollectOptions } from '../../../src/sources/index';
import { createNodeFs } from '../../../src/sources/nodeFs';
import type { SourceFs } from '../../../src/sources/fs';
import type { Candidate } from '../../../src/core/types';
import { treesRemovedAfterEach, type TreeSpec } from '../../support/tempTree';

const tree = treesRemovedAfterEach();

const pathsOf = (candidates: Candidate[]): string[] => [...new Set(candidates.map((c) => (c.source.kind === 'file' ? c.source.path : '?')))];

/** node:fs without the synchronous reader: the read-ahead path of the collector. */
function asynchronousFs(): SourceFs {
  const fs = createNodeFs();
  delete fs.readFileTransient;
  return fs;
}

describe('collection bounds (bytes read, passages held)', () => {
  // 10 files of 100 bytes under data/, then src/ holds 3 more.
  const spec: TreeSpec = {};
  for (let i = 0; i < 10; i++) spec[`data/big/f${i}.txt`] = `${'word '.repeat(19)}data\n`;
  for (let i = 0; i < 3; i++) spec[`src/s${i}.txt`] = `source ${i}\n`;

  for (const [name, fs] of [['synchronous', createNodeFs], ['asynchronous', asynchronousFs]] as const) {
    it(`reads no file past the byte bound and names what it left out (${name} reads)`, async () => {
      const root = tree(spec);
      const options: CollectOptions = { remote: false, maxBytes: 550 };
      const { candidates, report } = await collectFileCandidates(fs(), [root], options);
      assert.equal(pathsOf(candidates).length, 5);
      assert.equal(report.limitReached, 'bytes');
      assert.ok(report.bytesRead <= 550);
      const summary = limitSummary(report);
      assert.deepEqual(summary?.leftOut, [{ folder: 'data', files: 5 }, { folder: 'src', files: 3 }]);
      assert.deepEqual(summary?.heaviest, { folder: 'data/big', root, bytes: 500 });
      const line = describeCollection(report).find((l) => l.startsWith('reached'));
      assert.equal(line, 'reached 550 bytes of text read (the limit): 8 files left out, in data (5), src (3); the heaviest folder read is data/big (500 bytes)');
    });
  }

  it('reads no file past the passage bound', async () => {
    const { candidates, report } = await collectFileCandidates(createNodeFs(), [tree(spec)], { remote: false, maxPassages: 4 });
    assert.equal(candidates.length, 4);
    assert.equal(report.limitReached, 'passages');
    assert.match(describeCollection(report).join('\n'), /^reached 4 passages held \(the limit\): 9 files left out, in data \(6\), src \(3\)/m);
  });

  for (const [name, fs] of [['synchronous', createNodeFs], ['asynchronous', asynchronousFs]] as const) {
    it(`skips a binary file as binary before weighing it: it takes nothing of the byte bound (${name} reads)`, async () => {
      // 600 bytes of binary would pass the 550-byte bound; the text after it fits.
      const binary = new Uint8Array(600).fill(0x41);
      binary[10] = 0;
      const root = tree({ 'a/blob.bin': binary, ...Object.fromEntries([0, 1, 2].map((i) => [`src/s${i}.txt`, `source ${i}\n`])) });
      const { candidates, report } = await collectFileCandidates(fs(), [root], { remote: false, maxBytes: 550 });
      assert.equal(report.limitReached, undefined);
      assert.deepEqual(pathsOf(candidates), ['src/s0.txt', 'src/s1.txt', 'src/s2.txt']);
      assert.equal(report.roots[0]?.binary, 1);
      assert.equal(report.bytesRead, 27);
    });
  }

  it('says nothing of bounds when none is reached, and reads every file whatever the count', async () => {
    const many: TreeSpec = {};
    for (let i = 0; i < 300; i++) many[`d${i % 7}/f${i}.txt`] = `passage ${i}\n`;
    const { candidates, report } = await collectFileCandidates(createNodeFs(), [tree(many)], { remote: false, maxPassages: 300 });
    assert.equal(candidates.length, 300);
    assert.equal(report.limitReached, undefined);
    assert.equal(limitSummary(report), undefined);
    assert.ok(!describeCollection(report).some((l) => /reached|stopped/.test(l)));
  });
});

describe('large data files', () => {
  const big = `${'1,2,3,4,5,6,7\n'.repeat(20_000)}`;
  const spec: TreeSpec = { 'data/sales.csv': big, 'data/small.csv': 'a,b\n1,2\n', 'notes.md': '# notes\n' };

  it('are left out and counted when asked, kept otherwise', async () => {
    const root = tree(spec);
    const skipped = await collectFileCandidates(createNodeFs(), [root], { remote: false, skipLargeDataFiles: true });
    assert.deepEqual(pathsOf(skipped.candidates).sort(), ['data/small.csv', 'notes.md']);
    assert.equal(skipped.report.roots[0]?.largeData, 1);
    assert.match(describeCollection(skipped.report).join('\n'), /skipped 1 large data file \(CSV, JSON, \.\.\. of 256 KB or more; include them by name to rank them\)/);
    const kept = await collectFileCandidates(createNodeFs(), [root], { remote: false });
    assert.ok(pathsOf(kept.candidates).includes('data/sales.csv'));
  });

  it('come back when an include names them, not when it names their folder', async () => {
    const root = tree(spec);
    const named = await collectFileCandidates(createNodeFs(), [root], { remote: false, skipLargeDataFiles: true, include: ['data/*.csv'] });
    assert.deepEqual(pathsOf(named.candidates), ['data/sales.csv', 'data/small.csv']);
    const folder = await collectFileCandidates(createNodeFs(), [root], { remote: false, skipLargeDataFiles: true, include: ['data/**'] });
    assert.deepEqual(pathsOf(folder.candidates), ['data/small.csv']);
  });
});

describe('collection bounds and folder names from the tree', () => {
  it('counts a folder named __proto__ like any other', async () => {
    const spec: TreeSpec = { '__proto__/a.txt': `${'x'.repeat(99)}\n`, '__proto__/b.txt': 'y\n', 'z/c.txt': 'z\n' };
    const { report } = await collectFileCandidates(createNodeFs(), [tree(spec)], { remote: false, maxBytes: 100 });
    assert.deepEqual(limitSummary(report)?.leftOut, [{ folder: '__proto__', files: 1 }, { folder: 'z', files: 1 }]);
    assert.deepEqual(limitSummary(report)?.heaviest?.folder, '__proto__');
  });
});

describe('the bound message names five folders at most', () => {
  it('and says how many more', async () => {
    const spec: TreeSpec = { 'a/big.txt': `${'x'.repeat(199)}\n` };
    for (let i = 0; i < 7; i++) spec[`f${i}/t.txt`] = 'text\n';
    const { report } = await collectFileCandidates(createNodeFs(), [tree(spec)], { remote: false, maxBytes: 200 });
    assert.equal(limitSummary(report)?.leftOut.length, 7);
    assert.match(describeCollection(report).join('\n'), /7 files left out, in f0 \(1\), f1 \(1\), f2 \(1\), f3 \(1\), f4 \(1\) and 2 more folders; the heaviest folder read is a \(200 bytes\)/);
  });
});

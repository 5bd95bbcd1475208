import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Candidate } from '../../../../src/core/types';
import { bm25FirstStage } from '../../../../src/sources/firstStage';
import { collectFileCandidates, type CollectOptions } from '../../../../src/sources/files';
import type { SourceFs } from '../../../../src/sources/fs';
import { createNodeFs } from '../../../../src/sources/nodeFs';
import { nodeIndexStorage } from '../../../../src/sources/nodeIndexStorage';
import { collectIndexed, LoadedIndexes } from '../../../../src/sources/workspaceIndex/collect';
import type { IndexedCollection } from '../../../../src/sources/workspaceIndex/search';
import { makeTree, removeTree } from '../../../support/tempTree';

const QUERY = 'retry the request after a rate limit';
const SPEC = {
  'src/retry.ts': 'export function retry() {\n  // retry the request after a rate limit\n  return backoff();\n}\n',
  'src/tree.ts': 'export function drawTree() {\n  return "results tree";\n}\n',
  'docs/guide.md': '# Guide\n\nHow to parse the configuration file.\n',
  'logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
};
const OPTIONS: CollectOptions = { remote: true, secretPolicy: 'redact', chunk: { maxTokens: 400 } };

/** A node:fs SourceFs that lists the files it reads. */
function countingFs(): { fs: SourceFs; reads: string[] } {
  const node = createNodeFs();
  const reads: string[] = [];
  const fs: SourceFs = {
    readDirectory: (p) => node.readDirectory(p),
    stat: (p) => node.stat(p),
    realpath: (p) => (node.realpath as (p: string) => Promise<string>)(p),
    readFile: (p, max) => {
      reads.push(p);
      return node.readFile(p, max);
    },
  };
  return { fs, reads };
}

/** Sets every file's mtime a minute back, so the index trusts it (a file changed just now is read again). */
function settle(root: string): void {
  const past = new Date(Date.now() - 60_000);
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) utimesSync(path.join(entry.parentPath, entry.name), past, past);
  }
}

const texts = (c: IndexedCollection): string[] => c.all().flatMap((f) => f.candidates.map((x) => `${x.id} ${x.text}`));
const relative = (root: string, reads: readonly string[]): string[] => reads.map((r) => path.relative(root, r).replace(/\\/g, '/')).sort();

describe('workspace index: collection', () => {
  let root: string;
  let store: string;
  const run = async (options: CollectOptions = OPTIONS, loaded?: LoadedIndexes) => {
    const { fs, reads } = countingFs();
    const collection = await collectIndexed(fs, [root], options, { storage: nodeIndexStorage(store), producer: 'test', ...(loaded ? { loaded } : {}) });
    await collection.saved;
    return { collection, reads: relative(root, reads) };
  };

  beforeEach(() => {
    root = makeTree(SPEC);
    store = makeTree({});
    settle(root);
  });
  afterEach(() => {
    removeTree(root);
    removeTree(store);
  });

  it('gives the candidates, report and first stage of a run without the index', async () => {
    const plain = await collectFileCandidates(createNodeFs(), [root], OPTIONS);
    for (const pass of ['cold', 'warm']) {
      const { collection } = await run();
      assert.deepEqual(collection.all().flatMap((f) => f.candidates), plain.candidates, pass);
      assert.deepEqual(collection.report, plain.report, pass);
      const expected = bm25FirstStage(plain.candidates, QUERY, 2).map((c) => c.id);
      assert.deepEqual(collection.firstStage(QUERY, 2).map((f) => (f.candidates[0] as Candidate).id), expected, pass);
      assert.deepEqual(collection.firstStagePositions(QUERY, 2).map((n) => (plain.candidates[n] as Candidate).id), expected, pass);
    }
  });

  it('reads no file again when nothing changed, from storage or from memory', async () => {
    const loaded = new LoadedIndexes();
    const cold = await run(OPTIONS, loaded);
    assert.deepEqual(cold.reads, ['docs/guide.md', 'logo.png', 'src/retry.ts', 'src/tree.ts']);
    assert.deepEqual(cold.collection.rebuilt, [root]);
    const fromStorage = await run();
    assert.deepEqual(fromStorage.reads, []);
    assert.deepEqual(fromStorage.collection.rebuilt, []);
    assert.deepEqual(texts(fromStorage.collection), texts(cold.collection));
    assert.deepEqual((await run(OPTIONS, loaded)).reads, []);
  });

  for (const watcher of [false, true]) {
    describe(watcher ? 'held in memory, with the watcher marking changes' : 'read from storage each run', () => {
      const loaded = new LoadedIndexes();
      const next = () => run(OPTIONS, watcher ? loaded : undefined);
      const mark = (relativePath: string) => {
        if (watcher) loaded.markChanged(root, relativePath);
      };
      beforeEach(async () => {
        loaded.clear();
        await next();
      });

      it('sees a changed file, reading only it', async () => {
        writeFileSync(path.join(root, 'src/tree.ts'), 'export function drawTree() {\n  return "a forest of rate limits";\n}\n');
        mark('src/tree.ts');
        const { collection, reads } = await next();
        assert.deepEqual(reads, ['src/tree.ts']);
        assert.match(texts(collection).join('\n'), /a forest of rate limits/);
      });

      it('sees an added file', async () => {
        writeFileSync(path.join(root, 'src/added.ts'), 'export const added = "rate limit";\n');
        mark('src/added.ts');
        const { collection, reads } = await next();
        assert.deepEqual(reads, ['src/added.ts']);
        assert.ok(collection.files.some((f) => f.path === 'src/added.ts'));
      });

      it('forgets a deleted file', async () => {
        rmSync(path.join(root, 'src/retry.ts'));
        mark('src/retry.ts');
        const { collection, reads } = await next();
        assert.deepEqual(reads, []);
        assert.doesNotMatch(texts(collection).join('\n'), /retry the request/);
        assert.equal(collection.firstStage(QUERY, 1)[0]?.path === 'src/retry.ts', false);
      });

      it('follows a renamed file to its new path', async () => {
        renameSync(path.join(root, 'src/retry.ts'), path.join(root, 'src/backoff.ts'));
        mark('src/retry.ts');
        mark('src/backoff.ts');
        const { collection } = await next();
        assert.deepEqual(collection.files.map((f) => f.path).sort(), ['docs/guide.md', 'src/backoff.ts', 'src/tree.ts']);
        assert.equal(collection.firstStage(QUERY, 1)[0]?.path, 'src/backoff.ts');
      });
    });
  }

  it('sees a change that keeps size and mtime once the watcher marks it', async () => {
    const loaded = new LoadedIndexes();
    await run(OPTIONS, loaded);
    const file = path.join(root, 'src/tree.ts');
    const before = statSync(file);
    writeFileSync(file, readFileSync(file, 'utf8').replace('results', 'limited'));
    utimesSync(file, before.atime, before.mtime);
    assert.deepEqual((await run(OPTIONS, loaded)).reads, [], 'stat alone cannot tell');
    loaded.markChanged(root, 'src/tree.ts');
    const { collection, reads } = await run(OPTIONS, loaded);
    assert.deepEqual(reads, ['src/tree.ts']);
    assert.match(texts(collection).join('\n'), /limited tree/);
  });

  it('reads a file changed within the last seconds again on the next run', async () => {
    writeFileSync(path.join(root, 'src/tree.ts'), 'export const fresh = 1;\n');
    await run();
    assert.deepEqual((await run()).reads, ['src/tree.ts']);
  });

  it('rebuilds for other settings: chunk size, secret policy, file size limit', async () => {
    await run();
    for (const options of [{ ...OPTIONS, chunk: { maxTokens: 60 } }, { ...OPTIONS, secretPolicy: 'omit' as const }, { ...OPTIONS, remote: false }, { ...OPTIONS, maxFileBytes: 1000 }]) {
      const { collection, reads } = await run(options);
      assert.deepEqual(collection.rebuilt, [root], JSON.stringify(options));
      assert.equal(reads.length, 4);
      assert.deepEqual(collection.all().flatMap((f) => f.candidates), (await collectFileCandidates(createNodeFs(), [root], options)).candidates);
    }
  });

  it('leaves files out at the same bounds as a run without the index', async () => {
    await run();
    const bounded = { ...OPTIONS, maxPassages: 2 };
    const plain = await collectFileCandidates(createNodeFs(), [root], bounded);
    const { collection } = await run(bounded);
    assert.deepEqual(collection.report, plain.report);
    assert.deepEqual(collection.all().flatMap((f) => f.candidates), plain.candidates);
    // The records of the files left out survive for a run with room for them.
    assert.deepEqual((await run()).reads, []);
  });

  it('leaves out what Find Related keeps out before the first stage, as the plain run does', async () => {
    const plain = (await collectFileCandidates(createNodeFs(), [root], OPTIONS)).candidates.filter((c) => !c.id.startsWith('src/retry.ts'));
    const { collection } = await run();
    const kept = collection.firstStage(QUERY, 3, (file) => file.path !== 'src/retry.ts');
    assert.deepEqual(kept.map((f) => (f.candidates[0] as Candidate).id), bm25FirstStage(plain, QUERY, 3).map((c) => c.id));
  });
});

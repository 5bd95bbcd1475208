// The built CLI's index: the same results as without it, an index file kept in --index DIR or by
// default in the cache folder (none with --no-index), a changed file seen by the next run, the first
// stage and the offline ranking made from the index's term data, and no planted secret on disk.
// Only 127.0.0.1.

import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { termHash } from '../../src/core/termBm25';
import { decodeIndex, encodeIndex, type IndexData } from '../../src/sources/workspaceIndex/format';
import type { FileRecord } from '../../src/sources/workspaceIndex/record';
import { runBuiltCli } from '../support/cliProcess';
import { startCohereServer, type CohereServer } from '../support/cohereServer';
import { fakeSecrets } from '../support/fakeSecrets';
import { makeTree, removeTree } from '../support/tempTree';

const KEY = 'co-FAKEKEY-index-8c2d4e6f1a3b';
const QUERY = 'how are rate limits retried';

describe('integration: the built CLI with --index DIR', function () {
  this.timeout(60_000);
  let root: string;
  let store: string;
  let server: CohereServer;
  const secret = fakeSecrets(11).githubToken;

  beforeEach(async () => {
    const spec: Record<string, string> = {
      'src/retry.ts': 'export function retry() {\n  // rate limits are retried with backoff\n}\n',
      'config.env': `GITHUB_TOKEN=${secret}\n`,
    };
    for (let i = 0; i < 30; i++) spec[`notes/n${i}.md`] = `# Note ${i}\n\nplain words about topic ${i}, nothing else\n`;
    root = makeTree(spec);
    store = makeTree({});
    const past = new Date(Date.now() - 60_000);
    for (const file of Object.keys(spec)) utimesSync(path.join(root, file), past, past);
    server = await startCohereServer({ apiKey: KEY });
  });
  afterEach(async () => {
    await server.close();
    removeTree(root);
    removeTree(store);
  });

  const local = (...extra: string[]) => runBuiltCli(['-q', QUERY, '-p', 'local', '--json', '-k', '5', ...extra, root]);

  it('gives the same results as a run without it, cold and warm, and keeps one index file in DIR', async () => {
    // --format prompt applies the secret policy with or without an index.
    const plain = await runBuiltCli(['-q', QUERY, '-p', 'local', '--format', 'prompt', '-k', '5', '--no-index', root]);
    for (const pass of ['cold', 'warm']) {
      const indexed = await runBuiltCli(['-q', QUERY, '-p', 'local', '--format', 'prompt', '-k', '5', '--index', store, root]);
      assert.equal(indexed.code, 0, indexed.stderr);
      assert.equal(indexed.stdout, plain.stdout, pass);
    }
    assert.equal(readdirSync(store).length, 1);
  });

  it('keeps the index in the cache folder by default, where the next run reads it; --no-index keeps none', async () => {
    const cache = makeTree({});
    try {
      const env = { XDG_CACHE_HOME: cache };
      const first = await runBuiltCli(['-q', QUERY, '-p', 'local', '--json', root], { env });
      assert.equal(first.code, 0, first.stderr);
      const folder = path.join(cache, 'rerank', 'index');
      assert.ok(first.stderr.includes(`indexed ${root} in ${folder}: a run again reads only the files that changed`), first.stderr);
      const [name] = readdirSync(folder);
      assert.match(name ?? '', /\.rrix$/);
      // The next run ranks from what the index holds: a passage whose term data is altered there ranks first.
      const data = decodeIndex(readFileSync(path.join(folder, name as string))) as IndexData;
      const pairs = (data.records.get('notes/n3.md') as FileRecord).pairs;
      ['how', 'are', 'rate', 'limits', 'retried'].forEach((term, i) => pairs.set([termHash(term), 5], 2 * i));
      writeFileSync(path.join(folder, name as string), encodeIndex(data));
      const second = await runBuiltCli(['-q', QUERY, '-p', 'local', '--json', root], { env });
      assert.doesNotMatch(second.stderr, /indexed/);
      assert.equal((JSON.parse(second.stdout) as { results: { source: { path: string } }[] }).results[0]?.source.path, 'notes/n3.md');
      const without = makeTree({});
      try {
        const none = await runBuiltCli(['-q', QUERY, '-p', 'local', '--json', '--no-index', root], { env: { XDG_CACHE_HOME: without } });
        assert.equal(none.code, 0, none.stderr);
        assert.deepEqual(readdirSync(without), []);
      } finally {
        removeTree(without);
      }
    } finally {
      removeTree(cache);
    }
  });

  it('sees a changed file on the next run', async () => {
    await local('--index', store);
    writeFileSync(path.join(root, 'notes/n7.md'), '# Note 7\n\nrate limits retried twice, then given up\n');
    const result = await local('--index', store);
    assert.equal(result.code, 0, result.stderr);
    const run = JSON.parse(result.stdout) as { results: { source?: { path: string } }[] };
    assert.ok(run.results.some((r) => r.source?.path === 'notes/n7.md'), result.stdout);
  });

  it('sends the first stage the index chose, as a run without it does', async () => {
    const args = ['-q', QUERY, '-p', 'cohere', '--endpoint', server.url, '--first-stage', '4', '--json', '-k', '3', root];
    const plain = await runBuiltCli(args, { key: KEY });
    await runBuiltCli([...args, '--index', store], { key: KEY });
    const warm = await runBuiltCli([...args, '--index', store], { key: KEY });
    assert.equal(warm.code, 0, warm.stderr);
    const sent = server.requests.map((r) => JSON.stringify(r.body?.documents));
    assert.equal(sent.length, 3);
    assert.equal(sent[2], sent[0]);
    const results = (stdout: string) => (JSON.parse(stdout) as { results: unknown }).results;
    assert.deepEqual(results(warm.stdout), results(plain.stdout));
  });

  it('writes no planted secret into DIR, even for the offline ranker', async () => {
    const result = await local('--index', store);
    assert.equal(result.code, 0, result.stderr);
    for (const name of readdirSync(store)) assert.equal(readFileSync(path.join(store, name)).includes(secret), false, name);
  });

});

describe('integration: the built CLI ranking offline with --index DIR', function () {
  this.timeout(60_000);
  const FIXTURES = path.join(__dirname, '../fixtures/titles');
  const OFFLINE_QUERY = 'read the token from the request and return an error';
  let root: string;
  let store: string;

  beforeEach(() => {
    const spec = Object.fromEntries(readdirSync(FIXTURES).map((name) => [name, readFileSync(path.join(FIXTURES, name))]));
    root = makeTree(spec);
    store = makeTree({});
    // A minute back: the index trusts the files, so a warm run ranks from what it stored.
    const past = new Date(Date.now() - 60_000);
    for (const name of Object.keys(spec)) utimesSync(path.join(root, name), past, past);
  });
  afterEach(() => {
    removeTree(root);
    removeTree(store);
  });

  /** Every passage, ranked offline; small chunks make files of several passages and ties in score. */
  const offline = (format: string[], ...extra: string[]) => runBuiltCli(['-q', OFFLINE_QUERY, '-p', 'local', '-k', '100', '--chunk-tokens', '60', ...format, ...extra, root]);
  const results = (stdout: string) => (JSON.parse(stdout) as { results: { score: number; source: { path: string } }[] }).results;

  it('ranks from the term data the index keeps, printing byte for byte what a run from the texts prints', async () => {
    for (const format of [[], ['--format', 'prompt']]) {
      const plain = await offline(format, '--no-index');
      assert.equal(plain.code, 0, plain.stderr);
      for (const pass of ['cold', 'warm']) {
        const indexed = await offline(format, '--index', store);
        assert.equal(indexed.code, 0, indexed.stderr);
        assert.equal(indexed.stdout, plain.stdout, `${format.join(' ') || 'table'}, ${pass}`);
      }
    }
    const plain = results((await offline(['--json'], '--no-index')).stdout);
    assert.deepEqual(results((await offline(['--json'], '--index', store)).stdout), plain);
    const unmatched = plain.filter((r) => r.source.path === 'build.js.txt');
    assert.ok(unmatched.length > 0 && unmatched.every((r) => r.score === 0), JSON.stringify(unmatched));
    // The stored term data of build.js.txt now says each of its terms is "token", a query term: the ranking follows it.
    const [name] = readdirSync(store) as [string];
    const data = decodeIndex(readFileSync(path.join(store, name))) as IndexData;
    const pairs = (data.records.get('build.js.txt') as FileRecord).pairs;
    for (let at = 0; at < pairs.length; at += 2) pairs[at] = termHash('token');
    writeFileSync(path.join(store, name), encodeIndex(data));
    const doctored = results((await offline(['--json'], '--index', store)).stdout).filter((r) => r.source.path === 'build.js.txt');
    assert.equal(doctored.length, unmatched.length);
    assert.ok(doctored.every((r) => r.score > 0), JSON.stringify(doctored));
  });
});

// The built CLI with --index DIR: the same results as without it, an index file kept in DIR, a
// changed file seen by the next run, the first stage chosen from the index's term data, and no
// planted secret on disk. Only 127.0.0.1.

import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
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
    // A run without --index keeps secrets for the offline ranker's table; --index always applies the policy.
    const plain = await runBuiltCli(['-q', QUERY, '-p', 'local', '--format', 'prompt', '-k', '5', root]);
    for (const pass of ['cold', 'warm']) {
      const indexed = await runBuiltCli(['-q', QUERY, '-p', 'local', '--format', 'prompt', '-k', '5', '--index', store, root]);
      assert.equal(indexed.code, 0, indexed.stderr);
      assert.equal(indexed.stdout, plain.stdout, pass);
    }
    assert.equal(readdirSync(store).length, 1);
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

  it('writes nothing anywhere without the flag', async () => {
    await local();
    assert.deepEqual(readdirSync(store), []);
  });
});

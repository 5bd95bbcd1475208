// The built CLI's score cache against a loopback Cohere-shaped server: --cache DIR keeps scores
// across runs, the summary and --json say what came from it, --no-cache sends everything, the
// default folder follows XDG_CACHE_HOME, and a corrupt file is replaced.

import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runBuiltCli, type CliResult } from '../support/cliProcess';
import { startCohereServer, type CohereServer } from '../support/cohereServer';
import { makeTree, removeTree } from '../support/tempTree';

const KEY = 'co-FAKEKEY-cli-cache-7d2e9a4c1b6f';
const QUERY = 'quokka retry budget';
const DOCS = ['the quokka retry budget per tenant', 'bake bread at home', 'retry budget exhausted', 'quokka photographs', 'sailing knots'];

interface JsonStats {
  requests: number;
  fromCache?: { passages: number; requestsSaved: number };
}

describe('integration: the built CLI with the score cache', function () {
  this.timeout(20_000);
  let server: CohereServer;
  let dir: string;

  beforeEach(async () => {
    server = await startCohereServer({ apiKey: KEY });
    dir = makeTree({ 'docs.json': JSON.stringify(DOCS) });
  });

  afterEach(async () => {
    await server.close();
    removeTree(dir);
  });

  function cli(...extra: string[]): Promise<CliResult> {
    return runBuiltCli(['-q', QUERY, '--docs', path.join(dir, 'docs.json'), '--endpoint', server.url, '--batch-size', '2', ...extra], { key: KEY, env: { XDG_CACHE_HOME: path.join(dir, 'xdg') } });
  }

  function stats(result: CliResult): JsonStats {
    assert.equal(result.code, 0, result.stderr);
    return (JSON.parse(result.stdout) as { stats: JsonStats }).stats;
  }

  it('a second identical run sends no request, and says so on stderr and in --json', async () => {
    const cache = path.join(dir, 'cache');
    const first = await cli('--cache', cache);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(server.requests.length, 3);
    assert.doesNotMatch(first.stderr, /score cache/);
    const second = await cli('--cache', cache);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(server.requests.length, 3, 'the second run sent nothing');
    assert.equal(second.stdout, first.stdout, 'the same table');
    assert.match(second.stderr, /5 passages from the score cache, 3 requests saved/);
    assert.deepEqual(stats(await cli('--cache', cache, '--json')).fromCache, { passages: 5, requestsSaved: 3 });
  });

  it('keeps the cache under $XDG_CACHE_HOME/rerank by default', async () => {
    await cli();
    assert.deepEqual(readdirSync(path.join(dir, 'xdg', 'rerank')), ['scores.cache']);
    await cli();
    assert.equal(server.requests.length, 3);
  });

  it('--no-cache neither reads nor writes the cache', async () => {
    await cli();
    const withoutCache = stats(await cli('--no-cache', '--json'));
    assert.equal(server.requests.length, 6);
    assert.equal(withoutCache.fromCache, undefined);
  });

  it('--cache and --no-cache together are refused', async () => {
    const result = await cli('--cache', path.join(dir, 'cache'), '--no-cache');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^rerank: --cache and --no-cache disagree; give one\n$/);
  });

  it('a corrupt cache file is ignored and replaced: the run succeeds and says why', async () => {
    const cache = path.join(dir, 'cache');
    await cli('--cache', cache);
    writeFileSync(path.join(cache, 'scores.cache'), '{"format":"rerank-score-cache","version":1,"sha256":"00"}\n[["0123');
    const result = await cli('--cache', cache, '--json');
    assert.equal(stats(result).fromCache, undefined);
    assert.equal(server.requests.length, 6);
    assert.match(result.stderr, /the score cache file was not a valid cache of this version; it is replaced/);
    await cli('--cache', cache);
    assert.equal(server.requests.length, 6, 'the replaced file serves the next run');
  });

  it('an offline run keeps no cache', async () => {
    const result = await runBuiltCli(['-q', QUERY, '--docs', path.join(dir, 'docs.json'), '-p', 'local'], { env: { XDG_CACHE_HOME: path.join(dir, 'xdg') } });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(existsSync(path.join(dir, 'xdg')), false);
  });

  it('the cache file holds no document, query or key', async () => {
    await cli();
    const content = readFileSync(path.join(dir, 'xdg', 'rerank', 'scores.cache'), 'utf8');
    for (const text of [KEY, QUERY, 'quokka', 'budget', ...DOCS]) assert.ok(!content.includes(text), text);
  });
});

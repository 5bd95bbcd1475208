// The score cache against a loopback Cohere-shaped server: the engine, a ranker built by
// createRanker with a cache in a temporary folder, and the server counting what it receives.

import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Dispatcher } from 'undici';
import { rerank, type RerankOptions } from '../../src/core/engine';
import type { Candidate, Run } from '../../src/core/types';
import { createRanker, type RankerConfig } from '../../src/providers/index';
import { ScoreCache } from '../../src/providers/scoreCache';
import { createDispatcher, undiciTransport } from '../../src/providers/undiciTransport';
import { SCORE_CACHE_FILE, nodeCacheStorage } from '../../src/cli/scoreCacheDir';
import { startCohereServer, type CohereServer } from '../support/cohereServer';
import { makeTree, removeTree } from '../support/tempTree';

const KEY = 'co-FAKE-scorecache-key-5e4d3c2b1a';
const QUERY = 'zanzibar quokka retry budget';
const TEXTS = [
  'the zanzibar ledger keeps a retry budget per tenant',
  'quokka photographs from the island',
  'bake bread at home with rye flour',
  'retry budget exhausted: the quokka service gives up',
  'unrelated notes about sailing knots',
  'zanzibar quokka retry budget in one line',
  'a retry loop without any budget',
];

function candidates(texts: readonly string[]): Candidate[] {
  return texts.map((text, index) => ({ id: String(index), text, source: { kind: 'input', index } }));
}

/** What a run ranked: positions and scores, in order. */
function ranking(run: Run): [number, number][] {
  return run.items.map((item) => [item.index, item.score]);
}

describe('integration: the score cache against a Cohere-shaped server', function () {
  let server: CohereServer;
  let dispatcher: Dispatcher;
  let dir: string;

  beforeEach(async () => {
    server = await startCohereServer({ apiKey: KEY });
    dispatcher = createDispatcher();
    dir = makeTree({});
  });

  afterEach(async () => {
    await server.close();
    await dispatcher.destroy();
    removeTree(dir);
  });

  function ranker(config: Partial<RankerConfig> = {}, cached = true) {
    return createRanker({
      provider: 'cohere',
      apiKey: KEY,
      endpoint: server.url,
      http: { transport: undiciTransport(dispatcher), timeoutMs: 2_000 },
      ...(cached ? { scoreCache: new ScoreCache(nodeCacheStorage(dir)) } : {}),
      ...config,
    });
  }

  function run(texts: readonly string[], config: Partial<RankerConfig> = {}, options: RerankOptions = {}, query = QUERY, cached = true): Promise<Run> {
    return rerank(query, candidates(texts), ranker(config, cached), { topK: 5, ...options });
  }

  /** Documents the server received, request by request. */
  function received(): string[][] {
    return server.requests.map((r) => r.body?.documents as string[]);
  }

  it('returns the same ranking as an uncached run, and a second identical run sends no request', async () => {
    const uncached = await run(TEXTS, {}, { batchSize: 3 }, QUERY, false);
    server.requests.length = 0;
    const first = await run(TEXTS, {}, { batchSize: 3 });
    assert.equal(server.requests.length, 3);
    const second = await run(TEXTS, {}, { batchSize: 3 });
    assert.equal(server.requests.length, 3, 'the second run sent nothing');
    assert.deepEqual(ranking(first), ranking(uncached));
    assert.deepEqual(ranking(second), ranking(uncached));
    assert.deepEqual(second.stats.fromCache, { passages: TEXTS.length, requestsSaved: 3 });
    assert.equal(second.stats.requests, 0);
    assert.equal(first.stats.fromCache, undefined, 'a run with nothing from the cache says nothing of it');
  });

  it('sends only the passages without a cached score, still in batches', async () => {
    await run(TEXTS, {}, { batchSize: 2 });
    server.requests.length = 0;
    const changed = [...TEXTS];
    changed[1] = 'quokka photographs from the island, retouched';
    changed[4] = 'zanzibar sailing knots';
    changed[6] = 'a retry loop with a quokka budget';
    const again = await run(changed, {}, { batchSize: 2 });
    assert.deepEqual(received(), [[changed[1], changed[4]], [changed[6]]]);
    assert.deepEqual(again.stats.fromCache, { passages: 4, requestsSaved: 2 });
    assert.deepEqual(ranking(again), ranking(await run(changed, {}, { batchSize: 2 }, QUERY, false)));
  });

  it('asks the server for every score of what it sends, so one top-K run caches every passage', async () => {
    await run(TEXTS, {}, { topK: 1 });
    assert.equal(server.requests[0]?.body?.top_n, TEXTS.length);
    const second = await run(TEXTS, {}, { topK: 5 });
    assert.equal(server.requests.length, 1);
    assert.equal(second.items.length, 5);
  });

  for (const [what, config, query] of [
    ['model', { model: 'rerank-english-v3.0' }, QUERY],
    ['max tokens per document', { maxTokensPerDoc: 256 }, QUERY],
    ['query', {}, 'quokka retry budget'],
  ] as const) {
    it(`is keyed by the ${what}: changing it sends every passage again`, async () => {
      await run(TEXTS);
      await run(TEXTS, config, {}, query);
      assert.deepEqual(received(), [TEXTS, TEXTS]);
    });
  }

  it('is keyed by the document text as sent: a new document header sends every passage again', async () => {
    await run(TEXTS);
    await run(TEXTS, {}, { documentText: (c) => `# ${c.id}\n${c.text}` });
    assert.equal(server.requests.length, 2);
    assert.equal(received()[1]?.length, TEXTS.length);
  });

  it('never applies to a listwise ranker (jina-reranker-v3): every run sends every passage and nothing is written', async () => {
    const jina = { provider: 'jina', model: 'jina-reranker-v3', apiKey: KEY } as const;
    const first = await run(TEXTS, jina);
    const second = await run(TEXTS, jina);
    assert.deepEqual(received(), [TEXTS, TEXTS]);
    assert.equal(second.stats.fromCache, undefined);
    assert.deepEqual(ranking(second), ranking(first));
    assert.deepEqual(readdirSync(dir), []);
  });

  it('is left alone by a run merged by reciprocal rank', async () => {
    await run(TEXTS);
    const fused = await run(TEXTS, {}, { merge: 'rrf', batchSize: 4 });
    assert.equal(server.requests.length, 3);
    assert.equal(fused.stats.fromCache, undefined);
  });

  it('writes no passage text, query or key to disk: only hashes and scores', async () => {
    await run(TEXTS, { maxTokensPerDoc: 300 });
    const files = readdirSync(dir);
    assert.deepEqual(files, [SCORE_CACHE_FILE]);
    for (const file of files) {
      const content = readFileSync(path.join(dir, file), 'utf8');
      for (const secret of [KEY, QUERY, 'zanzibar', 'quokka', ...TEXTS, server.url, '127.0.0.1', 'rerank-v3.5']) {
        assert.ok(!content.includes(secret), `${file} holds "${secret}"`);
      }
      assert.match(content, /^\{"format":"rerank-score-cache","version":1,"sha256":"[0-9a-f]{64}"\}\n\[(\["[0-9a-f]{32}",[-0-9.e]+\],?)+\]$/);
    }
  });

  for (const [what, spoil] of [
    ['garbage', () => 'not a cache at all'],
    ['truncated', (text: string) => text.slice(0, text.length - 20)],
    ['a changed score (checksum)', (text: string) => text.replace(/,(0\.\d+|1|0)\]/, ',0.987654]')],
    ['another version', (text: string) => text.replace('"version":1', '"version":999')],
  ] as const) {
    it(`ignores a corrupt cache file (${what}): the run sends everything, succeeds and replaces it`, async () => {
      const first = await run(TEXTS);
      const file = path.join(dir, SCORE_CACHE_FILE);
      writeFileSync(file, spoil(readFileSync(file, 'utf8')));
      const again = await run(TEXTS);
      assert.deepEqual(received(), [TEXTS, TEXTS]);
      assert.deepEqual(ranking(again), ranking(first));
      await run(TEXTS);
      assert.equal(server.requests.length, 2, 'the replaced file serves the third run');
    });
  }
});

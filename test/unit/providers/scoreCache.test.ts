import * as assert from 'node:assert/strict';
import { createRanker } from '../../../src/providers/index';
import { CachedRanker, ScoreCache, type ScoreCacheStorage, type ScoreScope } from '../../../src/providers/scoreCache';

/** A cache file in memory. */
function memoryStorage(): ScoreCacheStorage & { text: string | undefined } {
  const storage = {
    text: undefined as string | undefined,
    read: async () => storage.text,
    write: async (text: string) => {
      storage.text = text;
    },
  };
  return storage;
}

const SCOPE: ScoreScope = { provider: 'cohere', url: 'https://api.cohere.com/v2/rerank', model: 'rerank-v3.5' };

describe('score cache keys', () => {
  const cache = new ScoreCache(memoryStorage());
  const keyOf = async (scope: ScoreScope, query = 'q', text = 'passage') => (await cache.keys(scope, query, [text]))[0];

  it('are 32 hex characters, the same for the same scope, query and text', async () => {
    assert.match((await keyOf(SCOPE)) ?? '', /^[0-9a-f]{32}$/);
    assert.equal(await keyOf(SCOPE), await keyOf({ ...SCOPE }));
  });

  it('differ with the provider, the endpoint, the model, the max tokens per document, the query and the text', async () => {
    const keys = await Promise.all([
      keyOf(SCOPE),
      keyOf({ ...SCOPE, provider: 'cohere-v1' }),
      keyOf({ ...SCOPE, url: 'https://gateway.example/v2/rerank' }),
      keyOf({ ...SCOPE, model: 'rerank-english-v3.0' }),
      keyOf({ ...SCOPE, maxTokensPerDoc: 512 }),
      keyOf(SCOPE, 'q2'),
      keyOf(SCOPE, 'q', 'passage2'),
      // The split between query and text is unambiguous.
      keyOf(SCOPE, 'q\npassage', ''),
    ]);
    assert.equal(new Set(keys).size, keys.length);
  });
});

describe('createRanker with a score cache', () => {
  const http = { transport: async () => { throw new Error('no network in this test'); } };
  const scoreCache = new ScoreCache(memoryStorage());

  it('wraps a ranker whose scores compare across requests', () => {
    assert.ok(createRanker({ provider: 'cohere', apiKey: 'k', scoreCache, http }) instanceof CachedRanker);
    assert.ok(createRanker({ provider: 'tei', endpoint: 'http://127.0.0.1:1', scoreCache, http }) instanceof CachedRanker);
  });

  it('leaves listwise and offline rankers alone', () => {
    assert.ok(!(createRanker({ provider: 'jina', apiKey: 'k', model: 'jina-reranker-v3', scoreCache, http }) instanceof CachedRanker));
    assert.ok(!(createRanker({ provider: 'local', scoreCache, http }) instanceof CachedRanker));
  });
});

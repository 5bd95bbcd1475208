import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import { DEFAULT_BM25 } from '../../../src/core/bm25';
import { LocalRanker } from '../../../src/providers/local';

describe('LocalRanker', () => {
  const docs = ['cats purr', 'rate limit retry with backoff', 'retry later', 'dogs bark'];

  it('ranks by BM25 with the best score normalized to 1', async () => {
    const { results } = await new LocalRanker().rank('retry backoff', docs);
    assert.equal(results[0]?.index, 1);
    assert.equal(results[0]?.score, 1);
    assert.equal(results[1]?.index, 2);
    assert.ok((results[1]?.score ?? 0) > 0 && (results[1]?.score ?? 1) < 1);
  });

  it('returns every document: those without a shared term follow at 0 in input order', async () => {
    const { results } = await new LocalRanker().rank('retry', docs);
    assert.deepEqual(results.map((r) => r.index), [2, 1, 0, 3]);
    assert.deepEqual(results.slice(2).map((r) => r.score), [0, 0]);
  });

  it('honours topN', async () => {
    const { results } = await new LocalRanker().rank('retry', docs, { topN: 1 });
    assert.deepEqual(results.map((r) => r.index), [2]);
  });

  it('scores all zero when nothing matches, without dividing by zero', async () => {
    const { results } = await new LocalRanker().rank('zebra', docs, { topN: 2 });
    assert.deepEqual(results, [{ index: 0, score: 0 }, { index: 1, score: 0 }]);
  });

  it('ranks a request of the indexed list from the index, not from the texts', async () => {
    const hits = sinon.stub().returns([{ index: 3, score: 4 }, { index: 0, score: 1 }]);
    const { results } = await new LocalRanker().withIndex({ count: docs.length, hits }).rank('retry', docs);
    assert.deepEqual(results, [{ index: 3, score: 1 }, { index: 0, score: 0.25 }, { index: 1, score: 0 }, { index: 2, score: 0 }]);
    assert.deepEqual(hits.args, [['retry', DEFAULT_BM25]]);
  });

  it('ranks from the texts a request that holds another number of documents than the index', async () => {
    const hits = sinon.stub().returns([{ index: 0, score: 1 }]);
    const ranker = new LocalRanker().withIndex({ count: docs.length + 1, hits });
    assert.deepEqual((await ranker.rank('retry backoff', docs)).results, (await new LocalRanker().rank('retry backoff', docs)).results);
    assert.equal(hits.called, false);
  });

  it('makes no request and declares its scores not comparable across batches', async () => {
    const ranker = new LocalRanker();
    const response = await ranker.rank('x', ['x']);
    assert.equal(response.requests, 0);
    assert.equal(ranker.limits.scoresComparable, false);
    assert.equal(ranker.limits.scoreKind, 'normalized-bm25');
  });
});

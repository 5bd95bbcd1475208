import * as assert from 'node:assert/strict';
import { RRF_K, mergeBatches } from '../../../src/core/merge';

describe('mergeBatches', () => {
  const hits = [
    { index: 0, score: 0.2, batchRank: 2 },
    { index: 1, score: 0.9, batchRank: 1 },
    { index: 5, score: 0.95, batchRank: 1 },
    { index: 6, score: 0.1, batchRank: 2 },
  ];

  it('orders by score and keeps top-K', () => {
    assert.deepEqual(mergeBatches(hits, 'score', 3).map((h) => h.index), [5, 1, 0]);
  });

  it('orders by reciprocal rank with k = 60, ties in input order', () => {
    const merged = mergeBatches(hits, 'rrf', 4);
    assert.deepEqual(merged.map((h) => h.index), [1, 5, 0, 6]);
    assert.equal(merged[0]?.fusedScore, 1 / (RRF_K + 1));
    assert.equal(merged[2]?.fusedScore, 1 / (RRF_K + 2));
  });

  it('does not reorder its input', () => {
    const input = hits.slice();
    mergeBatches(input, 'score', 2);
    assert.deepEqual(input, hits);
  });
});

import * as assert from 'node:assert/strict';
import { bm25FirstStage } from '../../../src/sources/firstStage';

const docs = [
  { id: 'a', text: 'retry the request after a rate limit' },
  { id: 'b', text: 'parse the configuration file' },
  { id: 'c', text: 'rate limit handling and retry backoff for every request' },
  { id: 'd', text: 'draw the results tree' },
  { id: 'e', text: 'retry' },
];

describe('bm25FirstStage', () => {
  it('keeps the top N by BM25, best first', () => {
    const kept = bm25FirstStage(docs, 'rate limit retry', 2).map((d) => d.id);
    // a is shorter and holds all three terms: BM25 puts it above c (2.005 against 1.762).
    assert.deepEqual(kept, ['a', 'c']);
  });

  it('fills up to N with the candidates that share no term, in their order', () => {
    assert.deepEqual(bm25FirstStage(docs, 'configuration', 3).map((d) => d.id), ['b', 'a', 'c']);
  });

  it('keeps everything when N is at least the candidate count', () => {
    assert.equal(bm25FirstStage(docs, 'retry', 10).length, 5);
    assert.deepEqual(bm25FirstStage(docs, 'retry', 0), []);
  });
});

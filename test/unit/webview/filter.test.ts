import * as assert from 'node:assert/strict';
import { filterItems, thresholdMode, topK } from '../../../src/webview/filter';
import { item } from './fixtures';

describe('filterItems', () => {
  const items = [
    item(1, 0.91, 'Retry the request after a 429'),
    item(2, 0.42, 'Rate limits per minute', { kind: 'file', path: 'docs/limits.md', range: { startLine: 10, endLine: 12 } }),
    item(3, 0.05, 'Unrelated text about colours'),
  ];
  const ranks = (xs: { rank: number }[]) => xs.map((x) => x.rank);

  it('matches text in any case', () => {
    assert.deepEqual(ranks(filterItems(items, 'probability', { text: 'RETRY' })), [1]);
  });

  it('needs every whitespace-separated term, in any order', () => {
    assert.deepEqual(ranks(filterItems(items, 'probability', { text: 'request retry' })), [1]);
    assert.deepEqual(ranks(filterItems(items, 'probability', { text: 'retry colours' })), []);
  });

  it('matches the source label as well as the text', () => {
    assert.deepEqual(ranks(filterItems(items, 'probability', { text: 'limits.md:10' })), [2]);
  });

  it('matches a selection block by the document name the Source column shows', () => {
    const selection = item(4, 0.3, 'a block', { kind: 'selection', uri: 'file:///w/plan.md', block: 0, range: { startLine: 9, endLine: 10 } });
    assert.deepEqual(ranks(filterItems([...items, selection], 'probability', { text: 'plan.md:9' })), [4]);
  });

  it('keeps everything for an empty or blank filter', () => {
    assert.deepEqual(ranks(filterItems(items, 'probability', { text: '   ' })), [1, 2, 3]);
  });

  it('keeps scores at or above the minimum for probabilities', () => {
    assert.deepEqual(ranks(filterItems(items, 'probability', { text: '', minScore: 0.42 })), [1, 2]);
  });

  it('applies the minimum score to normalized BM25 scores too', () => {
    assert.deepEqual(ranks(filterItems(items, 'normalized-bm25', { text: '', minScore: 0.5 })), [1]);
  });

  it('ignores the minimum score for logits and keeps the top ranks instead', () => {
    const logits = [item(1, 7.2, 'a'), item(2, -1.5, 'b'), item(3, -4, 'c')];
    assert.deepEqual(ranks(filterItems(logits, 'logit', { text: '', minScore: 100 })), [1, 2, 3]);
    assert.deepEqual(ranks(filterItems(logits, 'logit', { text: '', maxRank: 2 })), [1, 2]);
  });

  it('ignores the rank limit for probabilities', () => {
    assert.deepEqual(ranks(filterItems(items, 'probability', { text: '', maxRank: 1 })), [1, 2, 3]);
  });

  it('combines the text filter with the threshold', () => {
    assert.deepEqual(ranks(filterItems(items, 'probability', { text: 'r', minScore: 0.4 })), [1, 2]);
  });
});

describe('thresholdMode', () => {
  it('filters logits by rank and every other kind by score', () => {
    assert.equal(thresholdMode('logit'), 'rank');
    assert.equal(thresholdMode('probability'), 'score');
    assert.equal(thresholdMode('normalized-bm25'), 'score');
  });
});

describe('topK', () => {
  const shuffled = [item(3, 0.1, 'c'), item(1, 0.9, 'a'), item(2, 0.5, 'b')];

  it('keeps the K best ranks, best first, whatever the input order', () => {
    assert.deepEqual(topK(shuffled, 2).map((x) => x.rank), [1, 2]);
  });

  it('keeps everything when K is undefined or larger than the list', () => {
    assert.deepEqual(topK(shuffled, undefined).map((x) => x.rank), [1, 2, 3]);
    assert.deepEqual(topK(shuffled, 10).map((x) => x.rank), [1, 2, 3]);
  });

  it('keeps nothing for K = 0 and does not reorder its input', () => {
    assert.deepEqual(topK(shuffled, 0), []);
    assert.deepEqual(shuffled.map((x) => x.rank), [3, 1, 2]);
  });
});

import * as assert from 'node:assert/strict';
import { defaultDirection, sortItems } from '../../../src/webview/sort';
import { item } from './fixtures';

describe('sortItems', () => {
  const items = [
    item(1, 0.9, 'beta', { kind: 'file', path: 'src/file10.ts', range: { startLine: 5, endLine: 6 } }),
    item(2, 0.9, 'alpha', { kind: 'file', path: 'src/file9.ts', range: { startLine: 20, endLine: 21 } }),
    item(3, 0.2, 'Gamma', { kind: 'file', path: 'src/file9.ts', range: { startLine: 3, endLine: 4 } }),
    item(4, 0.5, 'delta', { kind: 'input', index: 0 }),
  ];
  const ranks = (xs: { rank: number }[]) => xs.map((x) => x.rank);

  it('orders by rank', () => {
    assert.deepEqual(ranks(sortItems([...items].reverse(), 'rank', 'asc')), [1, 2, 3, 4]);
    assert.deepEqual(ranks(sortItems(items, 'rank', 'desc')), [4, 3, 2, 1]);
  });

  it('orders by score, equal scores by rank', () => {
    assert.deepEqual(ranks(sortItems(items, 'score', 'desc')), [1, 2, 4, 3]);
    assert.deepEqual(ranks(sortItems(items, 'score', 'asc')), [3, 4, 1, 2]);
  });

  it('orders by text, ignoring case', () => {
    assert.deepEqual(ranks(sortItems(items, 'text', 'asc')), [2, 1, 4, 3]);
  });

  it('orders by source path with numbers in numeric order, then by line', () => {
    // input sources have no path and come first; file9 before file10; line 3 before line 20.
    assert.deepEqual(ranks(sortItems(items, 'source', 'asc')), [4, 3, 2, 1]);
  });

  it('returns a copy and leaves its input alone', () => {
    const before = ranks(items);
    sortItems(items, 'text', 'desc');
    assert.deepEqual(ranks(items), before);
  });
});

describe('defaultDirection', () => {
  it('puts the best score first and everything else A to Z', () => {
    assert.equal(defaultDirection('score'), 'desc');
    assert.equal(defaultDirection('rank'), 'asc');
    assert.equal(defaultDirection('text'), 'asc');
  });
});

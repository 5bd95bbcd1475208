import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Bm25Index, searchBm25 } from '../../../src/core/bm25';

describe('Bm25Index', () => {
  // Expected scores computed by hand with k1 = 1.2, b = 0.75, idf = ln(1 + (N - df + 0.5) / (df + 0.5)).
  const docs = ['a b', 'a c c', 'd'];

  it('scores a rare term by Okapi BM25', () => {
    const hits = new Bm25Index(docs).search('c');
    assert.equal(hits.length, 1);
    assert.equal(hits[0]?.index, 1);
    assert.ok(Math.abs((hits[0]?.score ?? 0) - 1.1823695104798893) < 1e-12);
  });

  it('normalizes by document length: the shorter document wins on a shared term', () => {
    const hits = new Bm25Index(docs).search('a');
    assert.deepEqual(hits.map((h) => h.index), [0, 1]);
    assert.ok(Math.abs((hits[0]?.score ?? 0) - 0.47000362924573563) < 1e-12);
    assert.ok(Math.abs((hits[1]?.score ?? 0) - 0.39019169220400696) < 1e-12);
  });

  it('counts a repeated query term once', () => {
    const index = new Bm25Index(docs);
    assert.deepEqual(index.search('c c c'), index.search('c'));
  });

  it('leaves out documents without a query term, and unknown terms score nothing', () => {
    assert.deepEqual(new Bm25Index(docs).search('zebra'), []);
    assert.deepEqual(new Bm25Index(docs).search('d zebra').map((h) => h.index), [2]);
  });

  it('breaks ties by document order', () => {
    assert.deepEqual(new Bm25Index(['x y', 'x y', 'x y']).search('x').map((h) => h.index), [0, 1, 2]);
  });

  it('finds code by identifier parts and by the whole identifier', () => {
    const index = new Bm25Index(['function getUserName() {}', 'const user = load(name)', 'unrelated']);
    assert.equal(index.search('getUserName')[0]?.index, 0);
    assert.deepEqual(index.search('user name').map((h) => h.index).sort(), [0, 1]);
  });

  it('handles an empty corpus and empty documents', () => {
    assert.deepEqual(new Bm25Index([]).search('a'), []);
    assert.deepEqual(new Bm25Index(['', 'a']).search('a').map((h) => h.index), [1]);
  });
});

describe('searchBm25 (one query, no index)', () => {
  const repo = path.resolve(__dirname, '../../..');
  const documents = readdirSync(path.join(repo, 'src/core'))
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .flatMap((name) => readFileSync(path.join(repo, 'src/core', name), 'utf8').split('\n\n'));

  it("gives Bm25Index's hits and scores, over this repository's core sources", () => {
    const index = new Bm25Index(documents);
    for (const query of ['rerank engine batches', 'token estimate', 'secret redact policy', 'getUserName', 'no such term zzz', 'the the a']) {
      assert.deepEqual(searchBm25(documents, query), index.search(query), query);
    }
  });

  it('handles no documents and a query without tokens', () => {
    assert.deepEqual(searchBm25([], 'x'), []);
    assert.deepEqual(searchBm25(['a b'], '  '), []);
  });
});

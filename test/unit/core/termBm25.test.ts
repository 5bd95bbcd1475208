import * as assert from 'node:assert/strict';
import { searchBm25 } from '../../../src/core/bm25';
import { tokenize } from '../../../src/core/tokenize';
import { TermCounter, searchTermBlocks, termHash, type TermBlock } from '../../../src/core/termBm25';

const docs = [
  'retry the request after a rate limit',
  'parse the configuration file',
  'rate limit handling and retry backoff for every request, retry again',
  'getUserName returns the user name',
  'draw the results tree',
];

/** The docs' term data in blocks of `sizes` passages each. */
function blocksOf(texts: readonly string[], sizes: readonly number[]): TermBlock[] {
  const blocks: TermBlock[] = [];
  let at = 0;
  const counter = new TermCounter();
  for (const size of sizes) {
    const stats: number[] = [];
    const pairs: number[] = [];
    for (const text of texts.slice(at, at + size)) {
      const terms = counter.count(text);
      stats.push(terms.length, terms.pairs.length / 2);
      pairs.push(...terms.pairs);
    }
    blocks.push({ passages: size, stats, stride: 2, pairs });
    at += size;
  }
  return blocks;
}

describe('searchTermBlocks', () => {
  for (const query of ['rate limit retry', 'user name', 'configuration', 'nothing shared', 'the the retry']) {
    it(`gives searchBm25's hits and scores for "${query}"`, () => {
      assert.deepEqual(searchTermBlocks(blocksOf(docs, [2, 0, 3]), query), searchBm25(docs, query));
    });
  }

  it('counts a term only when its whole hash is a query term\'s, not its low bits alone', () => {
    const near = (termHash('retry') ^ 0x10000) >>> 0;
    const block: TermBlock = { passages: 2, stats: [3, 1, 3, 1], stride: 2, pairs: [near, 3, termHash('retry'), 1] };
    assert.deepEqual(searchTermBlocks([block], 'retry').map((hit) => hit.index), [1]);
  });

  it('finds the terms of a long query too', () => {
    const query = 'a b c d e f g h i j k l m n o retry user';
    assert.deepEqual(searchTermBlocks(blocksOf(docs, [5]), query), searchBm25(docs, query));
  });

  it('hashes each token as the hash of its lower-case text: capitals, identifiers and Unicode words alike', () => {
    const text = 'HTTPServer2 getUserName Café ÉCOLE max_tokens SHA256 重排';
    const expected = new Map<number, number>();
    for (const token of tokenize(text)) expected.set(termHash(token), (expected.get(termHash(token)) ?? 0) + 1);
    const terms = new TermCounter().count(text);
    const counts = new Map<number, number>();
    for (let i = 0; i < terms.pairs.length; i += 2) counts.set(terms.pairs[i] as number, terms.pairs[i + 1] as number);
    assert.deepEqual(counts, expected);
    assert.equal(terms.length, tokenize(text).length);
  });

  it('gives each passage its own pairs, in the order terms first occur, past the table growing', () => {
    const counter = new TermCounter();
    const words = Array.from({ length: 700 }, (_, i) => `w${i.toString(36)}x`);
    const passages = ['alpha beta alpha', words.join(' ') + ' ' + words.slice(0, 50).join(' '), 'beta gamma', words.slice(300).join(' ')];
    for (const text of passages) {
      const expected: number[] = [];
      const counts = new Map<number, number>();
      for (const token of tokenize(text)) counts.set(termHash(token), (counts.get(termHash(token)) ?? 0) + 1);
      for (const [hash, count] of counts) expected.push(hash, count);
      assert.deepEqual(counter.count(text), { length: tokenize(text).length, pairs: expected }, text.slice(0, 20));
    }
  });

  it('counts each distinct term of a passage once, with its frequency', () => {
    const terms = new TermCounter().count('retry retry getUserName');
    // retry, get, user, name, getusername
    assert.equal(terms.length, 6);
    const counts = new Map<number, number>();
    for (let i = 0; i < terms.pairs.length; i += 2) counts.set(terms.pairs[i] as number, terms.pairs[i + 1] as number);
    assert.equal(counts.get(termHash('retry')), 2);
    assert.equal(counts.get(termHash('getusername')), 1);
  });
});

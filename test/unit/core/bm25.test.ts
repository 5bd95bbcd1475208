import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Bm25Index, searchBm25 } from '../../../src/core/bm25';
import { forEachToken } from '../../../src/core/tokenize';

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

  it('finds query terms in every kind of token range: capitals, long identifiers, Unicode words, shared first letters', () => {
    const long = 'configurationLoaderForEveryWorkspaceFolderAndFile';
    const texts = [
      `const ${long} = HTTPServer2.parse(Config)`,
      'PARSE the CONFIG; parse_config; ParseConfig; parser configs',
      'Café Müller über ÉCOLE; naïve 重排序 iPhone手机',
      `${long.toLowerCase()} and ${long.toUpperCase()} and ${long.slice(0, 31)}`,
      'pa pars parse parsed parses p',
      'http server 2 server2 httpserver2 sha256Hash SHA256',
    ];
    const index = new Bm25Index(texts);
    for (const query of ['parse config', 'ParseConfig parse_config', long, long.slice(0, 31), 'café école über 排', 'iPhone phone', 'HTTPServer2 sha256', 'pars parse parses p pa']) {
      assert.deepEqual(searchBm25(texts, query), index.search(query), query);
    }
  });

  it('handles no documents and a query without tokens', () => {
    assert.deepEqual(searchBm25([], 'x'), []);
    assert.deepEqual(searchBm25(['a b'], '  '), []);
  });

  it('scores a long query over many passages as the textbook formula does', () => {
    const words = vocabulary(600);
    const passages = Array.from({ length: 3000 }, (_, i) => Array.from({ length: 8 + (i % 13) }, (_, j) => words[(i * 7 + j * j * 31) % words.length]).join(' '));
    const query = words.filter((_, i) => i % 2 === 0).join(' ') + ' absent';
    assert.deepEqual(searchBm25(passages, query), referenceBm25(passages, query));
  });

  it('holds only the query terms each passage contains: a long query over many passages fits in a small heap', async () => {
    // Counting every query term for every matching passage would need 20,000 × 3,000 numbers here.
    const result = await inSmallHeap(`
      const words = Array.from({ length: 3000 }, (_, i) => 'w' + i.toString(26).replace(/[0-9]/g, (d) => 'qrstuvwxyz'[d]));
      const passages = Array.from({ length: 20000 }, (_, i) => Array.from({ length: 10 }, (_, j) => words[(i * 11 + j * 37) % 3000]).join(' '));
      return searchBm25(passages, words.join(' ')).length;`);
    assert.equal(result, 20000);
  });
});

/** `count` distinct lower-case words the tokenizer keeps whole. */
function vocabulary(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `w${i.toString(26).replace(/[0-9]/g, (d) => 'qrstuvwxyz'[Number(d)] as string)}`);
}

/** BM25 straight from its definition: every document scored against every distinct query term. */
function referenceBm25(documents: readonly string[], query: string, k1 = 1.2, b = 0.75) {
  const tokens = (text: string) => {
    const out: string[] = [];
    forEachToken(text, (t) => out.push(t));
    return out;
  };
  const terms = [...new Set(tokens(query))];
  const docs = documents.map(tokens);
  const n = docs.length;
  const avg = docs.reduce((sum, d) => sum + d.length, 0) / n || 1;
  const idf = terms.map((term) => {
    const df = docs.filter((d) => d.includes(term)).length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  });
  const hits = [];
  for (const [index, d] of docs.entries()) {
    const norm = k1 * (1 - b + (b * d.length) / avg);
    let score = 0;
    let matches = false;
    terms.forEach((term, t) => {
      const tf = d.filter((token) => token === term).length;
      if (tf === 0) return;
      matches = true;
      score += ((idf[t] as number) * tf * (k1 + 1)) / (tf + norm);
    });
    if (matches) hits.push({ index, score });
  }
  return hits.sort((a, c) => c.score - a.score || a.index - c.index);
}

/** Runs `body` (searchBm25 in scope; what it returns is the result) in a worker with a 48 MB heap. */
function inSmallHeap(body: string): Promise<unknown> {
  const source = `
    require(${JSON.stringify(require.resolve('tsx/cjs'))});
    const { searchBm25 } = require(${JSON.stringify(path.resolve(__dirname, '../../../src/core/bm25.ts'))});
    require('node:worker_threads').parentPort.postMessage((() => { ${body} })());`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 48 } });
    worker.once('message', (value) => {
      resolve(value);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

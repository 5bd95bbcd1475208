import * as assert from 'node:assert/strict';
import { RequestBodyCache, type LeasedBody } from '../../../src/providers/bodyCache';

const HEAD = '{"query":"q","documents":';
const text = (lease: LeasedBody) => (Buffer.isBuffer(lease.body) ? lease.body : Buffer.concat(lease.body)).toString('utf8');
const expected = (head: string, docs: readonly string[]) => `${head}${JSON.stringify(docs)}}`;

describe('RequestBodyCache', () => {
  it('sends head + documents exactly as JSON.stringify writes them + the closing brace, in one Buffer', () => {
    const docs = ['a "quoted" line\nand a newline', 'ünïcödé ✓', '</script>', '\u2028'];
    const lease = new RequestBodyCache().lease(HEAD, docs);
    assert.ok(Buffer.isBuffer(lease.body));
    assert.equal(text(lease), expected(HEAD, docs));
    assert.deepEqual(JSON.parse(text(lease)), { query: 'q', documents: docs });
  });

  it('reuses the encoding for the same strings in a new array, with the next head written in front', () => {
    const cache = new RequestBodyCache();
    const docs = ['one', 'two'];
    const first = cache.lease(HEAD, docs);
    first.release();
    const head = '{"query":"a longer query than before","top_n":2,"documents":';
    const second = cache.lease(head, docs.slice());
    assert.ok(Buffer.isBuffer(first.body) && Buffer.isBuffer(second.body));
    assert.equal(second.body.buffer, first.body.buffer, 'the same memory, not a new encoding');
    assert.equal(text(second), expected(head, docs));
  });

  it('never writes into a body that is still out: a second lease of the same documents gets its own bytes', () => {
    const cache = new RequestBodyCache();
    const docs = ['one', 'two'];
    const first = cache.lease('{"query":"first","documents":', docs);
    const second = cache.lease('{"query":"second","documents":', docs);
    assert.equal(text(first), expected('{"query":"first","documents":', docs));
    assert.equal(text(second), expected('{"query":"second","documents":', docs));
    second.release();
    first.release();
    assert.equal(text(cache.lease(HEAD, docs)), expected(HEAD, docs));
  });

  it('sends a head too long for the room in front as a separate piece', () => {
    const cache = new RequestBodyCache();
    const docs = ['one'];
    cache.lease(HEAD, docs).release();
    const head = `{"query":"${'q'.repeat(20_000)}","documents":`;
    const lease = cache.lease(head, docs);
    assert.ok(!Buffer.isBuffer(lease.body));
    assert.equal(text(lease), expected(head, docs));
  });

  it('encodes anew when any document differs, and is not fooled by a caller that changes its array', () => {
    const cache = new RequestBodyCache();
    const docs = ['one', 'two'];
    cache.lease(HEAD, docs).release();
    assert.equal(text(cache.lease(HEAD, ['one', 'three'])), expected(HEAD, ['one', 'three']));
    docs[1] = 'changed';
    assert.equal(text(cache.lease(HEAD, docs)), expected(HEAD, ['one', 'changed']));
  });

  it('keeps at most its entry and byte bounds, and still encodes what is too big to keep', () => {
    const cache = new RequestBodyCache(2, 64 * 1024);
    const a = cache.lease(HEAD, ['a']);
    a.release();
    for (const doc of ['b', 'c']) cache.lease(HEAD, [doc]).release();
    const again = cache.lease(HEAD, ['a']);
    assert.ok(Buffer.isBuffer(a.body) && Buffer.isBuffer(again.body));
    assert.notEqual(again.body.buffer, a.body.buffer, 'the oldest entry was dropped');
    const big = ['x'.repeat(100_000)];
    const first = cache.lease(HEAD, big);
    first.release();
    const second = cache.lease(HEAD, big);
    assert.equal(text(second), expected(HEAD, big));
    assert.ok(Buffer.isBuffer(first.body) && Buffer.isBuffer(second.body));
    assert.notEqual(second.body.buffer, first.body.buffer, 'too big to keep: encoded each time');
  });
});

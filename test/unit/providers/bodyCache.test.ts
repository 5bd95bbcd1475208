import * as assert from 'node:assert/strict';
import { EncodedDocumentsCache } from '../../../src/providers/bodyCache';

describe('EncodedDocumentsCache', () => {
  it('encodes documents exactly as JSON.stringify does', () => {
    const docs = ['a "quoted" line\nand a newline', 'ünïcödé ✓', '</script>'];
    assert.equal(new EncodedDocumentsCache().encode(docs).toString('utf8'), JSON.stringify(docs));
  });

  it('reuses the encoding for the same strings in a new array', () => {
    const cache = new EncodedDocumentsCache();
    const docs = ['one', 'two'];
    assert.equal(cache.encode(docs), cache.encode(docs.slice()));
  });

  it('encodes anew when any document differs', () => {
    const cache = new EncodedDocumentsCache();
    const first = cache.encode(['one', 'two']);
    const second = cache.encode(['one', 'three']);
    assert.notEqual(first, second);
    assert.equal(second.toString(), '["one","three"]');
  });

  it('is not fooled by a caller that changes its array after sending it', () => {
    const cache = new EncodedDocumentsCache();
    const docs = ['one', 'two'];
    cache.encode(docs);
    docs[1] = 'changed';
    assert.equal(cache.encode(docs).toString(), '["one","changed"]');
  });

  it('keeps at most its entry and byte bounds', () => {
    const cache = new EncodedDocumentsCache(2, 1024);
    const a = cache.encode(['a']);
    cache.encode(['b']);
    cache.encode(['c']);
    assert.notEqual(cache.encode(['a']), a, 'the oldest entry was dropped');
    const big = 'x'.repeat(2000);
    assert.equal(cache.encode([big]).length, 2004, 'too big to keep, still encoded');
  });
});

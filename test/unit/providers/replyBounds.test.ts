import * as assert from 'node:assert/strict';
import { JsonShapeMeter, MAX_REPLY_DEPTH, MAX_REPLY_ELEMENTS, describeExcess } from '../../../src/providers/replyBounds';

/** Feeds the text in pieces of `piece` bytes and returns the first limit passed. */
function measure(text: string, meter = new JsonShapeMeter(), piece = 7): string | undefined {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += piece) {
    const excess = meter.feed(bytes.subarray(i, i + piece));
    if (excess) return excess;
  }
  return undefined;
}

describe('reply bounds: the shape of a reply before it is parsed', () => {
  it('passes a real rerank reply', () => {
    const reply = JSON.stringify({ id: 'x', results: [{ index: 0, relevance_score: 0.9, document: { text: 'a [ { b' } }], meta: { billed_units: { search_units: 1 } } });
    assert.equal(measure(reply), undefined);
  });

  it(`refuses nesting deeper than ${MAX_REPLY_DEPTH} levels, arrays or objects`, () => {
    assert.equal(measure('['.repeat(MAX_REPLY_DEPTH) + ']'.repeat(MAX_REPLY_DEPTH)), undefined);
    assert.equal(measure('['.repeat(MAX_REPLY_DEPTH + 1)), 'depth');
    assert.equal(measure('{"a":'.repeat(MAX_REPLY_DEPTH + 1)), 'depth');
  });

  it('counts depth, not brackets: closed levels are given back', () => {
    assert.equal(measure('[[]],'.repeat(1000)), undefined);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    assert.equal(measure(`["${'['.repeat(500)}"]`), undefined);
    assert.equal(measure(`["\\"${'{'.repeat(500)}"]`), undefined);
    // An escaped backslash ends the escape: the quote after it closes the string.
    assert.equal(measure(`["\\\\", ${'['.repeat(MAX_REPLY_DEPTH + 1)}`), 'depth');
  });

  it('reads UTF-8 split across pieces without mistaking any byte for a bracket', () => {
    assert.equal(measure(`["${'é€😀'.repeat(200)}"]`, new JsonShapeMeter(), 1), undefined);
  });

  it('refuses more elements than a rerank reply could hold', () => {
    assert.equal(measure('[' + '0,'.repeat(99) + '0]', new JsonShapeMeter(64, 100)), undefined);
    assert.equal(measure('[' + '0,'.repeat(100) + '0]', new JsonShapeMeter(64, 100)), 'elements');
    assert.equal(measure('[' + '{},'.repeat(60) + '{}]', new JsonShapeMeter(64, 100)), 'elements');
    assert.ok(MAX_REPLY_ELEMENTS >= 100_000, 'room for a reply of 10,000 results');
  });

  it('says which limit and which endpoint, on one line', () => {
    const depth = describeExcess('depth', '127.0.0.1:8080/v2/rerank');
    assert.match(depth, /^the reply from 127\.0\.0\.1:8080\/v2\/rerank nests deeper than 64 levels/);
    assert.match(describeExcess('elements', 'api.example.com/rerank'), /api\.example\.com\/rerank holds more than 500,000 JSON elements/);
    assert.doesNotMatch(depth, /\n/);
  });
});

import * as assert from 'node:assert/strict';
import type { RerankError } from '../../../src/core/errors';
import { COHERE_RESPONSE, errorMessageOf, parseResults } from '../../../src/providers/wire';

// A fake key; the filler around it shares no character with it, so any piece of it is visible.
const KEY = 'co-FAKEKEY-wire-7q9z3x5v1n8m6k4j';
const PATHS = [['message']] as const;

/** Every offset at which the key straddles `limit` or ends just before it. */
function offsetsAcross(limit: number): number[] {
  return Array.from({ length: KEY.length + 1 }, (_, i) => limit - KEY.length + i);
}

/** No piece of the key of 4 characters or more is left in `text`. */
function assertNoPieceOfKey(text: string, where: string): void {
  for (let end = 4; end <= KEY.length; end++) {
    assert.ok(!text.includes(KEY.slice(0, end)), `${where}: the first ${end} characters of the key survived in ${JSON.stringify(text)}`);
  }
}

describe('errorMessageOf', () => {
  it("gives the API's message, else the start of the raw text", () => {
    assert.equal(errorMessageOf({ message: 'invalid model' }, '', PATHS, []), 'invalid model');
    assert.equal(errorMessageOf(undefined, '  <html>bad gateway</html>\n', PATHS, []), '<html>bad gateway</html>');
  });

  it('never leaves a piece of a key in a raw text cut at 200 characters', () => {
    for (const at of offsetsAcross(200)) {
      const text = `${'.'.repeat(at - 'Bearer '.length)}Bearer ${KEY} and more text after it`;
      const said = errorMessageOf(undefined, text, PATHS, [KEY]);
      assertNoPieceOfKey(said, `key at ${at}`);
      assert.ok(said.length <= 200, `${said.length} characters`);
    }
  });

  it("never leaves a piece of a key in an API's message cut at 500 characters", () => {
    for (const at of offsetsAcross(500)) {
      const message = `${'.'.repeat(at)}${KEY} and more text after it`;
      const said = errorMessageOf({ message }, JSON.stringify({ message }), PATHS, [KEY]);
      assertNoPieceOfKey(said, `key at ${at}`);
      assert.ok(said.length <= 500, `${said.length} characters`);
    }
  });

  it('never leaves a piece of a key in validation messages cut at 500 characters', () => {
    const detail = [{ msg: '.'.repeat(480) }, { msg: `${KEY} is not allowed` }];
    const said = errorMessageOf({ detail }, JSON.stringify({ detail }), [['detail']], [KEY]);
    assertNoPieceOfKey(said, 'key across the cut');
  });

  it('redacts every secret given, short keys included', () => {
    const said = errorMessageOf({ message: 'sent k-12345 and co-other-9876' }, '', PATHS, ['k-12345', 'co-other-9876']);
    assert.equal(said, 'sent [redacted] and [redacted]');
  });
});

describe('parseResults: what a bad response shows of the server', () => {
  it('cuts a long value to 100 characters and says so', () => {
    const body = { results: [{ index: 'x'.repeat(10_000), relevance_score: 1 }] };
    assert.throws(
      () => parseResults(body, 3, COHERE_RESPONSE, []),
      (err: RerankError) => {
        assert.equal(err.kind, 'bad-response');
        assert.match(err.message, /^bad response: results\[0\]\.index is "x{98}…, expected an integer in 0\.\.2$/);
        return true;
      },
    );
  });

  it('keeps a short value whole', () => {
    assert.throws(() => parseResults({ results: [{ index: 0, relevance_score: { a: 1 } }] }, 1, COHERE_RESPONSE, []), /relevance_score is \{"a":1\}, expected a finite number$/);
  });

  it('never shows a piece of a key, wherever the cut falls', () => {
    for (const at of offsetsAcross(100)) {
      const body = { results: [{ index: 0, relevance_score: { echo: `${'.'.repeat(Math.max(0, at - 10))}${KEY}` } }] };
      assert.throws(
        () => parseResults(body, 1, COHERE_RESPONSE, [KEY]),
        (err: RerankError) => {
          assert.equal(err.kind, 'bad-response');
          assertNoPieceOfKey(err.message, `key at ${at}`);
          return true;
        },
      );
    }
  });
});

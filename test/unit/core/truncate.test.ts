import * as assert from 'node:assert/strict';
import { errorText } from '../../../src/core/errors';
import { truncate } from '../../../src/core/truncate';

describe('truncate', () => {
  it('keeps text within the limit whole', () => {
    assert.equal(truncate('short', 5), 'short');
  });

  it('cuts to the limit, "…" included, without blanks before it', () => {
    assert.equal(truncate('abcdefghij', 5), 'abcd…');
    assert.equal(truncate('abc   defghij', 5), 'abc…');
  });

  it('never leaves half of a surrogate pair', () => {
    const cut = truncate('ab😀cdef', 4);
    assert.equal(cut, 'ab…');
    assert.doesNotMatch(cut, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('errorText', () => {
  it('gives an error\'s message, an object\'s message, else the value as text', () => {
    assert.equal(errorText(new TypeError('bad thing')), 'bad thing');
    assert.equal(errorText({ message: 'from another realm' }), 'from another realm');
    assert.equal(errorText('plain'), 'plain');
    assert.equal(errorText(undefined), 'undefined');
    assert.equal(errorText(null), 'null');
  });
});

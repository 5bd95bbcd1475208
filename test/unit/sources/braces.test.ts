import * as assert from 'node:assert/strict';
import { RerankError } from '../../../src/core/errors';
import { expandBraces, MAX_BRACE_ALTERNATIVES } from '../../../src/sources/braces';

describe('expandBraces', () => {
  it('expands alternatives, nested ones too, and keeps a group without a comma or a closing brace as text', () => {
    assert.deepEqual(expandBraces('a{b,c}d'), ['abd', 'acd']);
    assert.deepEqual(expandBraces('{x,y{1,2}}/z'), ['x/z', 'y1/z', 'y2/z']);
    assert.deepEqual(expandBraces('{a}'), ['{a}']);
    assert.deepEqual(expandBraces('a{b,c'), ['a{b,c']);
    assert.deepEqual(expandBraces('\\{a,b}'), ['\\{a,b}']);
    assert.deepEqual(expandBraces('{,x}y'), ['y', 'xy']);
  });

  it('reads a one-character class as text: "[{]" and "[,]" are how a settings glob writes a literal brace or comma', () => {
    assert.deepEqual(expandBraces('b[{]x,y[}]'), ['b[{]x,y[}]']);
    assert.deepEqual(expandBraces('{a[,]b}'), ['{a[,]b}']);
    assert.deepEqual(expandBraces('{[a],b}'), ['[a]', 'b']);
  });

  it(`allows ${MAX_BRACE_ALTERNATIVES} alternatives and refuses more with a bad-input error, before expanding them`, function () {
    this.timeout(2000);
    assert.equal(expandBraces('{a,b}'.repeat(8)).length, 256);
    for (const pattern of ['{a,b}'.repeat(9), '{a,b}'.repeat(5000), `{${Array(300).fill('x').join(',')}}`]) {
      assert.throws(() => expandBraces(pattern), (err: unknown) => err instanceof RerankError && err.kind === 'bad-input' && /more than 256 alternatives/.test(err.message));
    }
    assert.throws(() => expandBraces(`${'{a,'.repeat(17)}b${'}'.repeat(17)}`), /nests braces more than 16 deep/);
  });

  it('reads many unclosed braces as text at once', function () {
    this.timeout(2000);
    assert.deepEqual(expandBraces(`${'{a,'.repeat(5000)}b`), [`${'{a,'.repeat(5000)}b`]);
  });
});

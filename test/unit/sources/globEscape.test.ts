import * as assert from 'node:assert/strict';
import { escapeGlob } from '../../../src/sources/globEscape';
import { compileGlobs } from '../../../src/sources/globs';

describe('escapeGlob', () => {
  const NAMES = ['a[1]', 'b{x,y}', 'c{d}', '*', 'q?', '[!x]', 'a]b', '#notes', ' padded ', 'plain', 'x!y', '{a,b}[c]*?'];

  for (const name of NAMES) {
    it(`"${name}" matches that folder and what is under it, nothing else`, () => {
      const matches = compileGlobs([escapeGlob(name)]);
      assert.ok(matches, 'a pattern');
      assert.equal(matches(`${name}/`), true, 'the folder');
      assert.equal(matches(`${name}/inner.txt`), true, 'a file under it');
      assert.equal(matches(`deep/${name}/`), true, 'at any depth, unanchored');
      for (const other of ['a1', 'bx', 'by', 'c', 'cd', 'q1', 'ab', 'y', 'notes', 'padded', 'xy', 'z']) {
        if (other !== name) assert.equal(matches(`${other}/`), false, other);
      }
    });
  }

  it('keeps the "/" of a path and anchors with a leading one', () => {
    const matches = compileGlobs([`/${escapeGlob('sub/a[1]')}`]);
    assert.equal(matches?.('sub/a[1]/f.txt'), true);
    assert.equal(matches?.('sub/a1/f.txt'), false);
    assert.equal(matches?.('other/sub/a[1]/f.txt'), false);
  });

  it('leaves a name without glob characters as it is', () => {
    assert.equal(escapeGlob('fixtures/data'), 'fixtures/data');
  });
});

import * as assert from 'node:assert/strict';
import { lineAt, lineTable, linesText, splitLines } from '../../../src/core/lines';

describe('lines', () => {
  it('breaks lines at LF, CRLF and a lone CR, as VS Code does', () => {
    assert.deepEqual(splitLines('a\nb\r\nc\rd'), ['a', 'b', 'c', 'd']);
    assert.deepEqual(splitLines('a\n'), ['a', '']);
    assert.deepEqual(splitLines(''), ['']);
  });

  it('builds a table that agrees with splitLines, with or without CR', () => {
    for (const text of ['a\nbb\n\nccc', 'a\r\nbb\r\n\r\nccc\r\n', 'x\ry\r\n\nz', '', '\n']) {
      const table = lineTable(text);
      const lines = splitLines(text);
      assert.equal(table.starts.length, lines.length, JSON.stringify(text));
      lines.forEach((line, i) => assert.equal(text.slice(table.starts[i], table.ends[i]), line));
    }
  });

  it('returns lines joined by LF whatever the file used', () => {
    const text = 'one\r\ntwo\r\nthree\r\n';
    assert.equal(linesText(text, lineTable(text), 1, 2), 'one\ntwo');
    assert.equal(linesText(text, lineTable(text), 3, 3), 'three');
  });

  it('finds the 1-based line of an offset', () => {
    const text = 'ab\r\ncd\nef';
    const table = lineTable(text);
    assert.deepEqual([0, 1, 2, 3, 4, 6, 7, 8].map((o) => lineAt(table, o)), [1, 1, 1, 1, 2, 2, 3, 3]);
  });
});

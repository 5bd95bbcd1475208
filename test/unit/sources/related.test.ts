import * as assert from 'node:assert/strict';
import type { Candidate } from '../../../src/core/types';
import { outsideSelection, selectedLines } from '../../../src/sources/related';

const chunk = (uri: string, startLine: number, endLine: number): Candidate => ({ id: `${uri}:${startLine}`, text: 'x', source: { kind: 'file', path: 'a.ts', uri, range: { startLine, endLine } } });
const A = 'file:///w/src/a.ts';

describe('Find Related leaves out the selection itself', () => {
  const selected = { uri: A, ranges: [{ startLine: 10, endLine: 14 }] };

  it('drops the passages of the selected document that overlap the selection', () => {
    assert.equal(outsideSelection(chunk(A, 1, 10), selected), false);
    assert.equal(outsideSelection(chunk(A, 12, 13), selected), false);
    assert.equal(outsideSelection(chunk(A, 14, 30), selected), false);
    assert.equal(outsideSelection(chunk(A, 5, 40), selected), false);
  });

  it('keeps the rest of that document and every other file', () => {
    assert.equal(outsideSelection(chunk(A, 1, 9), selected), true);
    assert.equal(outsideSelection(chunk(A, 15, 20), selected), true);
    assert.equal(outsideSelection(chunk('file:///w/src/b.ts', 10, 14), selected), true);
  });

  it('counts each of several selections', () => {
    const two = { uri: A, ranges: [{ startLine: 1, endLine: 2 }, { startLine: 50, endLine: 50 }] };
    assert.equal(outsideSelection(chunk(A, 48, 60), two), false);
    assert.equal(outsideSelection(chunk(A, 3, 47), two), true);
  });

  it('reads an editor selection ending at the start of a line as ending on the line before', () => {
    assert.deepEqual(selectedLines({ line: 9 }, { line: 14, character: 0 }), { startLine: 10, endLine: 14 });
    assert.deepEqual(selectedLines({ line: 9 }, { line: 9, character: 0 }), { startLine: 10, endLine: 10 });
    assert.deepEqual(selectedLines({ line: 9 }, { line: 13, character: 4 }), { startLine: 10, endLine: 14 });
  });
});

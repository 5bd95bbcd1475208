import * as assert from 'node:assert/strict';
import { resolveSplit, selectionCandidates, type EditorState } from '../../../src/sources/selection';

const uri = 'file:///work/notes.md';
const editor = (text: string, startLine = 1, languageId = 'plaintext'): EditorState => ({ uri, languageId, selections: [{ text, startLine }] });
const summary = (state: EditorState, split: Parameters<typeof selectionCandidates>[1]) =>
  selectionCandidates(state, split).map((c) => {
    assert.equal(c.source.kind, 'selection');
    if (c.source.kind !== 'selection') throw new Error('unreachable');
    return [c.source.range.startLine, c.source.range.endLine, c.text];
  });

describe('selectionCandidates', () => {
  const prose = 'First para\ncontinues here.\n\n\nSecond para.\n   \nThird\npara';

  it('splits by paragraph at blank lines, with document line numbers', () => {
    assert.deepEqual(summary(editor(prose, 10), 'paragraph'), [
      [10, 11, 'First para\ncontinues here.'],
      [14, 14, 'Second para.'],
      [16, 17, 'Third\npara'],
    ]);
  });

  it('splits by line, dropping blank lines', () => {
    assert.deepEqual(summary(editor('a\n\n  \nb\nc'), 'line'), [
      [1, 1, 'a'],
      [4, 4, 'b'],
      [5, 5, 'c'],
    ]);
  });

  it('splits Markdown at headings, leaving headings inside code fences alone', () => {
    const md = ['Intro text', '', '# One', 'body one', '```bash', '# not a heading', '```', '', '## Two', 'body two', '', ''].join('\n');
    assert.deepEqual(summary(editor(md, 5, 'markdown'), 'heading'), [
      [5, 5, 'Intro text'],
      [7, 11, '# One\nbody one\n```bash\n# not a heading\n```'],
      [13, 14, '## Two\nbody two'],
    ]);
  });

  it('keeps the selection whole with none, trimmed of blank lines at its ends', () => {
    assert.deepEqual(summary(editor('\n\nkeep\n\nall of it\n\n', 3), 'none'), [[5, 7, 'keep\n\nall of it']]);
  });

  it('picks headings for Markdown and paragraphs otherwise under auto', () => {
    assert.equal(resolveSplit('auto', 'markdown'), 'heading');
    assert.equal(resolveSplit('auto', 'typescript'), 'paragraph');
    assert.equal(resolveSplit('line', 'markdown'), 'line');
    const md = '# A\ntext\n\nmore\n# B\nend';
    assert.equal(selectionCandidates(editor(md, 1, 'markdown'), 'auto').length, 2);
    assert.equal(selectionCandidates(editor(md, 1, 'typescript'), 'auto').length, 2);
    assert.deepEqual(summary(editor(md, 1, 'typescript'), 'auto').map((b) => b[0]), [1, 4]);
  });

  it('gives each selection of a multi-cursor editor its own blocks, numbered across all', () => {
    const state: EditorState = {
      uri,
      languageId: 'plaintext',
      selections: [
        { text: 'alpha\n\nbeta', startLine: 3 },
        { text: 'gamma', startLine: 40 },
        { text: '   ', startLine: 50 },
      ],
    };
    const candidates = selectionCandidates(state, 'paragraph');
    assert.deepEqual(
      candidates.map((c) => (c.source.kind === 'selection' ? [c.source.block, c.source.range.startLine, c.source.uri] : [])),
      [
        [0, 3, uri],
        [1, 5, uri],
        [2, 40, uri],
      ],
    );
    assert.equal(new Set(candidates.map((c) => c.id)).size, 3);
  });

  it('reads CRLF selections as the lines an editor shows', () => {
    assert.deepEqual(summary(editor('one\r\ntwo\r\n\r\nthree\r\n', 1), 'paragraph'), [
      [1, 2, 'one\ntwo'],
      [4, 4, 'three'],
    ]);
  });

  it('drops selections that are empty or blank', () => {
    assert.deepEqual(selectionCandidates(editor(''), 'paragraph'), []);
    assert.deepEqual(selectionCandidates(editor('\n \n'), 'none'), []);
  });
});

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

  it('resolves auto to paragraphs in every language', () => {
    assert.equal(resolveSplit('auto'), 'paragraph');
    assert.equal(resolveSplit('line'), 'line');
    const md = '# A\ntext\n\nmore\n# B\nend';
    assert.deepEqual(summary(editor(md, 1, 'typescript'), 'auto').map((b) => b[0]), [1, 4]);
    assert.deepEqual(summary(editor(md, 1, 'markdown'), 'auto').map((b) => b[0]), [1, 4, 5]);
  });

  describe('Markdown paragraphs', () => {
    // A README section as people write it: one heading, prose, a list, a command, a table.
    const readme = [
      '## Configuration',
      '',
      'Rerank reads its settings from the `rerank.*` namespace. Every setting can be set per',
      'workspace, so a team can commit a shared endpoint without sharing a key.',
      '',
      'The provider decides which API is called. Cohere is the default; any Cohere-shaped',
      'server works once its endpoint is set.',
      '',
      'Supported providers:',
      '',
      '- `cohere`: the hosted Rerank API (needs a key)',
      '- `jina`: Jina Reranker',
      '',
      '  Jina also accepts a `top_n` of zero.',
      '- `local`: BM25 in the extension, nothing leaves the machine',
      '',
      'To point at a self-hosted server, run:',
      '',
      '```bash',
      'code --install-extension rerank.vsix',
      '',
      '# then, in settings.json',
      '```',
      '',
      'Keys live in the operating system\'s keychain, never in settings.json.',
      '',
      'Timeouts are per request; the whole run has a deadline of its own.',
      '',
      'See [the troubleshooting guide](docs/troubleshooting.md) when a run fails.',
    ].join('\n');

    it('splits a section of several paragraphs into them, the heading with the first', () => {
      assert.deepEqual(summary(editor(readme, 40, 'markdown'), 'auto').map(([start, end, text]) => [start, end, String(text).split('\n')[0]]), [
        [40, 43, '## Configuration'],
        [45, 46, 'The provider decides which API is called. Cohere is the default; any Cohere-shaped'],
        [48, 54, 'Supported providers:'],
        [56, 62, 'To point at a self-hosted server, run:'],
        [64, 64, "Keys live in the operating system's keychain, never in settings.json."],
        [66, 66, 'Timeouts are per request; the whole run has a deadline of its own.'],
        [68, 68, 'See [the troubleshooting guide](docs/troubleshooting.md) when a run fails.'],
      ]);
    });

    it('keeps a list with its blank lines and indented continuations in one block', () => {
      const list = summary(editor(readme, 1, 'markdown'), 'paragraph')[2];
      assert.equal(list?.[2], readme.split('\n').slice(8, 15).join('\n'));
    });

    it('keeps a code fence whole, blank lines and "#" lines inside it included', () => {
      const fence = summary(editor(readme, 1, 'markdown'), 'paragraph')[3];
      assert.match(String(fence?.[2]), /^To point at[^]*```bash\ncode --install-extension rerank\.vsix\n\n# then, in settings\.json\n```$/);
    });

    it('starts a block at a heading that follows text directly, and joins stacked headings', () => {
      const md = ['Intro line', '# Title', '', '## Usage', '', 'Select text.', '', 'Run the command.'].join('\n');
      assert.deepEqual(summary(editor(md, 1, 'markdown'), 'auto'), [
        [1, 1, 'Intro line'],
        [2, 6, '# Title\n\n## Usage\n\nSelect text.'],
        [8, 8, 'Run the command.'],
      ]);
    });

    it('ends a list at the next unindented paragraph', () => {
      const md = ['- one', '- two', '', 'After the list.'].join('\n');
      assert.deepEqual(summary(editor(md, 1, 'markdown'), 'paragraph').map((b) => b[0]), [1, 4]);
    });

    it('leaves other languages split at every blank line', () => {
      assert.equal(selectionCandidates(editor(readme, 1, 'plaintext'), 'paragraph').length, 12);
    });

    it('keeps whole sections with heading', () => {
      assert.equal(selectionCandidates(editor(readme, 1, 'markdown'), 'heading').length, 1);
    });
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

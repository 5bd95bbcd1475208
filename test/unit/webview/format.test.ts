import * as assert from 'node:assert/strict';
import { barFraction, formatScore, isRevealable, previewText, scoreRange, sourceLabel, sourceTitle } from '../../../src/webview/format';
import { item } from './fixtures';

describe('sourceLabel (the one in core, as the panel shows it)', () => {
  it('writes a file with its line range as path:start-end, a whole file as its path', () => {
    assert.equal(sourceLabel({ kind: 'file', path: 'src/a.ts', range: { startLine: 3, endLine: 9 } }), 'src/a.ts:3-9');
    assert.equal(sourceLabel({ kind: 'file', path: 'a.md' }), 'a.md');
  });

  it('numbers selection blocks from 1 for people', () => {
    assert.equal(sourceLabel({ kind: 'selection', uri: 'file:///x', block: 0, range: { startLine: 1, endLine: 2 } }), 'selection block 1');
  });

  it('gives the selection document and lines in the tooltip', () => {
    assert.equal(sourceTitle({ kind: 'selection', uri: 'file:///x.md', block: 2, range: { startLine: 4, endLine: 8 } }), 'file:///x.md, lines 4-8');
  });

  it('can reveal files and selections but not command-line inputs', () => {
    assert.equal(isRevealable({ kind: 'input', index: 0 }), false);
    assert.equal(isRevealable({ kind: 'file', path: 'a' }), true);
  });
});

describe('formatScore', () => {
  it('shows probabilities with four decimals and logits with three', () => {
    assert.equal(formatScore(0.91234, 'probability'), '0.9123');
    assert.equal(formatScore(-2.5, 'logit'), '-2.500');
  });

  it('switches to exponent notation for huge values', () => {
    assert.equal(formatScore(123456, 'logit'), '1.23e+5');
  });
});

describe('barFraction', () => {
  const range = scoreRange([item(1, 8, 'a'), item(2, -2, 'b')]);

  it('uses a probability as its own share, clamped to 0..1', () => {
    assert.equal(barFraction(0.25, 'probability', range), 0.25);
    assert.equal(barFraction(1.5, 'probability', range), 1);
  });

  it('places logits and BM25 scores within the run range', () => {
    assert.equal(barFraction(8, 'logit', range), 1);
    assert.equal(barFraction(-2, 'logit', range), 0);
    assert.equal(barFraction(3, 'normalized-bm25', range), 0.5);
  });

  it('fills the bar when every score is the same', () => {
    assert.equal(barFraction(2, 'logit', { min: 2, max: 2 }), 1);
  });
});

describe('previewText', () => {
  it('keeps a short text whole', () => {
    assert.deepEqual(previewText('one\ntwo'), { preview: 'one\ntwo', truncated: false });
  });

  it('keeps the first three lines', () => {
    assert.deepEqual(previewText('1\n2\n3\n4\n5'), { preview: '1\n2\n3', truncated: true });
  });

  it('cuts a long line at the character limit', () => {
    const { preview, truncated } = previewText('x'.repeat(500), 3, 100);
    assert.equal(preview.length, 100);
    assert.equal(truncated, true);
  });

  it('does not split a surrogate pair at the cut', () => {
    const { preview } = previewText(`${'x'.repeat(9)}😀tail`, 3, 10);
    assert.equal(preview, 'x'.repeat(9));
  });

  it('does not call a text truncated for trailing blank lines', () => {
    assert.equal(previewText('a\nb\n\n\n').truncated, false);
  });
});

import * as assert from 'node:assert/strict';
import { displayWidth, formatTable, terminalSafe } from '../../../src/cli/output';
import { item, run } from '../webview/fixtures';

describe('CLI table', () => {
  it("prints a file's control characters as U+FFFD, so its escape sequences cannot act on the terminal", () => {
    const table = formatTable(run([item(1, 0.9, '\u001b[2J\u001b[31mred text\u0007 and a bare\rreturn\tand a tab')]));
    // eslint-disable-next-line no-control-regex
    assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(table), JSON.stringify(table));
    assert.match(table, /\ufffd\[2J\ufffd\[31mred text\ufffd and a bare\ufffdreturn and a tab/);
  });

  it('never cuts an emoji in half at the column edge', () => {
    for (let pad = 0; pad < 4; pad++) {
      const text = `${'x'.repeat(70 + pad)}${'😀'.repeat(40)}`;
      const row = formatTable(run([item(1, 0.9, text)])).split('\n')[1] ?? '';
      assert.ok(row.endsWith('…'));
      assert.ok(!/[\ud800-\udbff]…$/.test(row) && !/(^|[^\ud800-\udbff])[\udc00-\udfff]/.test(row), `a lone surrogate at ${pad}`);
    }
  });

  it('counts terminal columns: two for CJK, fullwidth and emoji, none for combining marks', () => {
    const cases: [string, number][] = [
      ['abc', 3],
      ['日本語', 6],
      ['한국어', 6],
      ['ｱｲ', 2],
      ['ＡＢ', 4],
      ['e\u0301', 1],
      ['é', 1],
      ['👍🏽', 2],
      ['🇫🇷', 2],
      ['a\u200bb', 2],
      ['src/日本/a.ts:1-2', 17],
      ['1\ufe0f\u20e3', 2],
      ['\u231a\ufe0e', 1],
      ['\u{17000}', 2],
      ['soft\u00adhyphen', 11],
    ];
    for (const [text, width] of cases) assert.equal(displayWidth(text), width, JSON.stringify(text));
  });

  it('lines up its columns and keeps rows to the width with wide characters', () => {
    const rows: [string, string][] = [
      ['src/日本語/設定.ts', `TEXT1 ${'日本語のテキスト'.repeat(20)}`],
      ['src/a.ts', `TEXT2 ${'plain ascii text '.repeat(10)}`],
      ['docs/한국어.md', `TEXT3 ${'한국어 '.repeat(40)}`],
      ['notes/😀.md', `TEXT4 ${'mixed 中文 and 😀 '.repeat(10)}`],
    ];
    const items = rows.map(([path, text], i) => item(i + 1, 0.9 - i / 10, text, { kind: 'file', path, range: { startLine: 1, endLine: 2 } }));
    const lines = formatTable(run(items), 100).split('\n').slice(1);
    // Every row's text starts at the same terminal column, and no row is wider than asked.
    const starts = lines.map((line, i) => displayWidth(line.slice(0, line.indexOf(`TEXT${i + 1}`))));
    assert.equal(new Set(starts).size, 1, JSON.stringify(lines));
    for (const line of lines) {
      assert.ok(displayWidth(line) <= 100, `${displayWidth(line)} columns: ${line}`);
      assert.ok(line.endsWith('…'));
    }
  });

  it('shows bidi controls as U+FFFD, so a file cannot reorder its row', () => {
    assert.equal(terminalSafe('abc\u202edcba\u2066x\u2069'), 'abc\ufffddcba\ufffdx\ufffd');
  });

  it('widens the score column for scores longer than its header', () => {
    const items = [item(1, -12.3456, 'TEXT1 a'), item(2, 0.5, 'TEXT2 b')];
    const lines = formatTable(run(items, 'logit')).split('\n').slice(1);
    assert.equal(lines[0]?.indexOf('TEXT1'), lines[1]?.indexOf('TEXT2'));
  });

  it('leaves ordinary text alone', () => {
    assert.equal(terminalSafe('plain text, ünïcödé ✓'), 'plain text, ünïcödé ✓');
  });
});

import * as assert from 'node:assert/strict';
import { displayWidth, formatTable, stderrLine, summary } from '../../../src/cli/output';
import { item, run } from '../webview/fixtures';

describe('CLI table', () => {
  it("shows a passage's control characters as escapes, so its escape sequences cannot act on the terminal", () => {
    const table = formatTable(run([item(1, 0.9, '\u001b[2J\u001b[31mred text\u0007 and \u009b2J\u001b]8;;http://x\u001b\\link\tand a tab')]));
    // eslint-disable-next-line no-control-regex
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(table), JSON.stringify(table));
    assert.ok(table.includes('\\x1b[2J\\x1b[31mred text\\x07 and \\x9b2J\\x1b]8;;http://x\\x1b\\link and a tab'), table);
  });

  it('keeps each row on one line: the first line with text, then breaks of any kind shown as ⏎', () => {
    const rows = formatTable(run([item(1, 0.9, '\n  first\rsecond'), item(2, 0.5, 'a\u2028b\u0085c', { kind: 'file', path: 'x\ny.md', range: { startLine: 1, endLine: 1 } })]), 200).split('\n');
    assert.equal(rows.length, 3, JSON.stringify(rows));
    assert.match(rows[1] ?? '', /first$/);
    assert.match(rows[2] ?? '', /x⏎y\.md:1-1 +a⏎b⏎c$/);
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

  it('shows bidi controls as escapes, so a file name cannot reorder its row', () => {
    const table = formatTable(run([item(1, 0.9, 'text', { kind: 'file', path: 'abc\u202edcba\u2066x\u2069.ts' })]));
    assert.ok(table.includes('abc\\u202edcba\\u2066x\\u2069.ts'), table);
  });

  it('widens the score column for scores longer than its header', () => {
    const items = [item(1, -12.3456, 'TEXT1 a'), item(2, 0.5, 'TEXT2 b')];
    const lines = formatTable(run(items, 'logit')).split('\n').slice(1);
    assert.equal(lines[0]?.indexOf('TEXT1'), lines[1]?.indexOf('TEXT2'));
  });

  it('leaves ordinary text alone', () => {
    assert.match(formatTable(run([item(1, 0.9, 'plain text, ünïcödé ✓')])), /plain text, ünïcödé ✓$/);
  });
});

describe('CLI lines on stderr', () => {
  it('puts a message with line breaks and escape sequences on one line', () => {
    const line = stderrLine('bad request:\n\u001b[31mred\u001b[0m\r\nfake prompt$ \u202eevil');
    assert.equal(line, 'rerank: bad request:⏎\\x1b[31mred\\x1b[0m⏎fake prompt$ \\u202eevil\n');
  });

  it('shows a provider or model name a server or flag gave as text', () => {
    const r = { ...run([item(1, 0.9, 'a')]), model: 'm\u001b]52;c;aGk=\u0007\nx' };
    assert.match(summary(r), /m\\x1b\]52;c;aGk=\\x07⏎x/);
  });
});

import * as assert from 'node:assert/strict';
import { formatTable, terminalSafe } from '../../../src/cli/output';
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

  it('leaves ordinary text alone', () => {
    assert.equal(terminalSafe('plain text, ünïcödé ✓'), 'plain text, ünïcödé ✓');
  });
});

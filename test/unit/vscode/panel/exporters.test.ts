import * as assert from 'node:assert/strict';
import { isRun } from '../../../../src/core/runCheck';
import { csvField, exportCsv, exportJson, exportMarkdown, exportRun, markdownCell } from '../../../../src/vscode/panel/exporters';
import { item, run } from '../../webview/fixtures';

describe('exportJson', () => {
  const r = run([item(1, 0.9, 'a'), item(2, 0.5, 'b'), item(3, 0.1, 'c')]);

  it('writes a Run holding only the given items, in the given order', () => {
    const parsed: unknown = JSON.parse(exportJson(r, [r.items[2], r.items[0]].filter((i) => i !== undefined)));
    assert.ok(isRun(parsed));
    assert.deepEqual(parsed.items.map((i) => i.rank), [3, 1]);
    assert.equal(parsed.query, r.query);
  });
});

describe('csvField', () => {
  it('leaves a plain field as it is', () => {
    assert.equal(csvField('plain text'), 'plain text');
  });

  it('quotes a field with a comma, a quote or a line break, doubling quotes (RFC 4180)', () => {
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('line 1\nline 2'), '"line 1\nline 2"');
    assert.equal(csvField('cr\rhere'), '"cr\rhere"');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    assert.equal(csvField('=HYPERLINK("http://x","y")'), '"\'=HYPERLINK(""http://x"",""y"")"');
    assert.equal(csvField('+1'), "'+1");
    assert.equal(csvField('-2+3'), "'-2+3");
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvField('\t=1'), "'\t=1");
  });

  it('writes numbers as numbers, a negative score included', () => {
    assert.equal(csvField(-3.25), '-3.25');
    assert.equal(csvField(0.5), '0.5');
    assert.equal(csvField(undefined), '');
  });
});

describe('exportCsv', () => {
  it('writes a header and one CRLF-terminated record per item', () => {
    const csv = exportCsv([item(1, 0.9, 'first, "quoted"\nline'), { ...item(2, -1.5, '=cmd|calc'), fusedScore: 0.016 }]);
    assert.equal(
      csv,
      'rank,score,fused_score,source,candidate_id,text\r\n' +
        '1,0.9,,src/f1.ts:1-3,c1,"first, ""quoted""\nline"\r\n' +
        "2,-1.5,0.016,src/f2.ts:1-3,c2,'=cmd|calc\r\n",
    );
  });
});

describe('markdownCell', () => {
  it('escapes pipes so a cell cannot end early', () => {
    assert.equal(markdownCell('a | b'), 'a \\| b');
  });

  it('turns every kind of line break into <br> so a row stays one line', () => {
    assert.equal(markdownCell('a\nb\r\nc\rd'), 'a<br>b<br>c<br>d');
  });

  it('escapes HTML and Markdown syntax so a document cannot inject markup', () => {
    assert.equal(markdownCell('<img src=x onerror=alert(1)>'), '\\<img src=x onerror=alert(1)\\>');
    assert.equal(markdownCell('*b* _i_ `c` [l](u) ~s~ &amp; \\'), '\\*b\\* \\_i\\_ \\`c\\` \\[l\\](u) \\~s\\~ \\&amp; \\\\');
  });
});

describe('exportMarkdown', () => {
  it('writes a title and a table whose rows stay one line each', () => {
    const md = exportMarkdown(run([item(1, 0.9123, 'x | y\nz')]), [item(1, 0.9123, 'x | y\nz')]);
    const lines = md.trimEnd().split('\n');
    assert.equal(lines[0], '# Rerank results: how to retry');
    assert.equal(lines.at(-3), '| Rank | Score | Source | Text |');
    assert.equal(lines.at(-1), '| 1 | 0.9123 | src/f1.ts:1-3 | x \\| y<br>z |');
  });

  it('names the score column Logit for logit runs', () => {
    assert.match(exportMarkdown(run([item(1, 4.2, 'a')], 'logit'), []), /\| Rank \| Logit \|/);
  });
});

describe('exportRun', () => {
  it('dispatches on the format', () => {
    const r = run([item(1, 0.9, 'a')]);
    assert.ok(exportRun('json', r, r.items).startsWith('{'));
    assert.ok(exportRun('csv', r, r.items).startsWith('rank,score'));
    assert.ok(exportRun('markdown', r, r.items).startsWith('# Rerank results'));
  });
});

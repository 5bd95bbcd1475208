import * as assert from 'node:assert/strict';
import { blockText, controlsAsSpaces, forTerminal, jsonLine, markdownLine } from '../../../src/core/outsideText';

/** Anything a terminal acts on: C0 but tab and LF, DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('forTerminal', () => {
  it('shows ESC, CSI, OSC 8 hyperlinks and OSC 52 clipboard writes as text', () => {
    assert.equal(forTerminal('a\u001b]52;c;aGk=\u0007b'), 'a\\x1b]52;c;aGk=\\x07b');
    assert.equal(forTerminal('\u001b]8;;http://evil\u001b\\click\u001b]8;;\u001b\\'), '\\x1b]8;;http://evil\\x1b\\click\\x1b]8;;\\x1b\\');
    assert.equal(forTerminal('\u009b2J\u009d0;title\u009c'), '\\x9b2J\\x9d0;title\\x9c');
    assert.equal(forTerminal('\u0000\u007f'), '\\x00\\x7f');
  });

  it('shows every bidi control as its code', () => {
    const bidi = '\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';
    assert.equal(forTerminal(bidi), '\\u061c\\u200e\\u200f\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069');
  });

  it('keeps text on one line: every kind of line break is ⏎, a tab a space', () => {
    assert.equal(forTerminal('a\nb\r\nc\rd\u0085e\u2028f\u2029g\th'), 'a⏎b⏎c⏎d⏎e⏎f⏎g h');
  });

  it('leaves printable text alone', () => {
    const text = 'src/日本/a b.ts: ünïcödé ✓ 😀 \\x1b [31m';
    assert.equal(forTerminal(text), text);
  });

  it('leaves nothing a terminal acts on, for every code point up to U+FFFF', () => {
    const all = Array.from({ length: 0xd800 }, (_, c) => String.fromCharCode(c)).join('') + Array.from({ length: 0x2000 }, (_, c) => String.fromCharCode(0xe000 + c)).join('');
    const shown = forTerminal(all);
    assert.doesNotMatch(shown, ACTIVE);
    assert.ok(!/[\n\r\u2028\u2029]/.test(shown));
  });
});

describe('blockText', () => {
  it('keeps line feeds and tabs, makes CR LF and a lone CR line feeds, and shows the other controls', () => {
    assert.equal(blockText('a\r\nb\rc\n\td\u001b[2J\u0085\u202e'), 'a\nb\nc\n\td\\x1b[2J\\x85\\u202e');
  });
});

describe('markdownLine', () => {
  it('escapes what could open a section, a fence, a link, HTML, a table cell or emphasis', () => {
    assert.equal(markdownLine('# a\n## b'), '\\# a⏎\\#\\# b');
    assert.equal(markdownLine('```js'), '\\`\\`\\`js');
    assert.equal(markdownLine('[x](http://e) <img> *b* _i_ a|b ~~s~~ &lt; $m$ \\'), '\\[x\\](http://e) \\<img\\> \\*b\\* \\_i\\_ a\\|b \\~\\~s\\~\\~ \\&lt; \\$m\\$ \\\\');
  });

  it('leaves an underscore between letters or digits, which cannot make emphasis', () => {
    assert.equal(markdownLine('src/max_retries/v1_2.ts'), 'src/max_retries/v1_2.ts');
    assert.equal(markdownLine('_private.ts'), '\\_private.ts');
  });
});

describe('jsonLine', () => {
  it('escapes C1 and bidi controls and U+2028/9 as JSON escapes, keeping the value', () => {
    const value = { text: '\u001b[2J\u009b31m\u202e\u2028\u0085é日' };
    const line = jsonLine(value);
    assert.doesNotMatch(line, ACTIVE);
    assert.ok(!/[\u2028\u2029]/.test(line));
    assert.deepEqual(JSON.parse(line), value);
  });
});

describe('controlsAsSpaces', () => {
  it('turns every control, bidi control and line or paragraph separator into a space, and leaves the rest', () => {
    assert.equal(controlsAsSpaces('a\tb\nc\rd\u001b[2Je\u009bf\u202eg\u2028h\u200ei'), 'a b c d [2Je f g h i');
    assert.equal(controlsAsSpaces('naïve 日本 — ok'), 'naïve 日本 — ok');
  });
});

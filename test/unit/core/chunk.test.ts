import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { chunkBudget, chunkText, type Passage } from '../../../src/core/chunk';
import { splitLines } from '../../../src/core/lines';
import { HUNDREDTHS_PER_TOKEN, tokenHundredths } from '../../../src/core/tokens';

const tokenWeight = (line: string): number => tokenHundredths(line) / HUNDREDTHS_PER_TOKEN;

const repo = path.resolve(__dirname, '../../..');

/** Every passage is exactly its lines, in order, covering every non-blank line. */
function assertPassagesTrue(text: string, passages: Passage[], name: string): void {
  const lines = splitLines(text);
  const covered = new Uint8Array(lines.length);
  let previousStart = 0;
  for (const p of passages) {
    assert.ok(p.startLine >= 1 && p.startLine <= p.endLine && p.endLine <= lines.length, `${name}: range ${p.startLine}-${p.endLine}`);
    assert.ok(p.startLine > previousStart, `${name}: passages in order`);
    assert.equal(p.text, lines.slice(p.startLine - 1, p.endLine).join('\n'), `${name}: text of ${p.startLine}-${p.endLine}`);
    assert.notEqual(lines[p.startLine - 1]?.trim(), '', `${name}: starts on a blank line`);
    assert.notEqual(lines[p.endLine - 1]?.trim(), '', `${name}: ends on a blank line`);
    for (let i = p.startLine - 1; i < p.endLine; i++) covered[i] = 1;
    previousStart = p.startLine;
  }
  lines.forEach((line, i) => {
    if (tokenWeight(line) > 0) assert.equal(covered[i], 1, `${name}: line ${i + 1} lost`);
  });
}

/** A deterministic sample of real text files: this repository's sources and some of node_modules. */
function realFiles(): { name: string; text: string }[] {
  const files: string[] = [];
  const walk = (dir: string, every: number, limit: number): void => {
    const found: string[] = [];
    const visit = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) visit(p);
        else if (e.isFile()) found.push(p);
      }
    };
    visit(dir);
    files.push(...found.filter((_, i) => i % every === 0).slice(0, limit));
  };
  walk(path.join(repo, 'src'), 1, 200);
  walk(path.join(repo, 'node_modules'), 60, 300);
  const out: { name: string; text: string }[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    if (bytes.length > 300_000 || bytes.subarray(0, 8192).includes(0)) continue;
    out.push({ name: path.relative(repo, file), text: bytes.toString('utf8') });
  }
  return out;
}

describe('chunkText', () => {
  it('keeps every passage equal to its lines over hundreds of real files, as LF, CRLF and CR', function () {
    this.timeout(60_000);
    const files = realFiles();
    assert.ok(files.length > 200, `only ${files.length} files sampled`);
    let passages = 0;
    for (const { name, text } of files) {
      const lf = chunkText(text);
      passages += lf.length;
      assertPassagesTrue(text, lf, name);
      const crlf = text.replace(/\r?\n/g, '\r\n');
      const crlfPassages = chunkText(crlf);
      assertPassagesTrue(crlf, crlfPassages, `${name} (CRLF)`);
      // Line endings change neither the ranges nor the text a user sees.
      assert.deepEqual(crlfPassages, chunkText(text.replace(/\r\n/g, '\n').replace(/\r/g, '\n')), `${name}: CRLF differs from LF`);
      assertPassagesTrue(text.replace(/\r?\n/g, '\r'), chunkText(text.replace(/\r?\n/g, '\r')), `${name} (CR)`);
    }
    assert.ok(passages > files.length, 'some files were split');
  });

  it('keeps each passage within the budget unless it is a single line', () => {
    for (const { name, text } of realFiles().slice(0, 150)) {
      for (const p of chunkText(text, { maxTokens: 120 })) {
        const lines = p.text.split('\n');
        const cost = lines.reduce((sum, line) => sum + tokenWeight(line) + 1, 0);
        assert.ok(cost <= 120 || lines.length === 1, `${name} ${p.startLine}-${p.endLine}: ${cost.toFixed(0)} tokens`);
      }
    }
  });

  it('gives nothing for blank text, and one passage for text within the budget', () => {
    assert.deepEqual(chunkText(''), []);
    assert.deepEqual(chunkText('\n  \n\t\n'), []);
    assert.deepEqual(chunkText('\n\nhello\nworld\n\n'), [{ startLine: 3, endLine: 4, text: 'hello\nworld' }]);
  });

  it('cuts before top-level declarations rather than inside them', () => {
    const fn = (name: string): string =>
      [`export function ${name}(input: string): string {`, ...Array.from({ length: 12 }, (_, i) => `  const step${i} = transform(input, ${i});`), '  return input;', '}'].join('\n');
    const text = ['a', 'b', 'c', 'd', 'e', 'f'].map(fn).join('\n\n');
    const passages = chunkText(text, { maxTokens: 300 });
    assert.ok(passages.length >= 2);
    for (const p of passages) {
      assert.match(p.text, /^export function \w\(/, `passage ${p.startLine}-${p.endLine} starts inside a function`);
      assert.match(p.text, /\}$/, `passage ${p.startLine}-${p.endLine} ends inside a function`);
    }
  });

  it('cuts Markdown before headings, and does not repeat lines across them', () => {
    const section = (n: number): string => `## Section ${n}\n\n${'Some words about this part of the guide. '.repeat(12).trim()}\n`;
    const text = `# Guide\n\n${[1, 2, 3, 4, 5, 6].map(section).join('\n')}`;
    const passages = chunkText(text, { maxTokens: 250 });
    assert.ok(passages.length >= 3);
    for (const p of passages.slice(1)) assert.match(p.text, /^## Section \d/);
    for (let i = 1; i < passages.length; i++) assert.ok((passages[i] as Passage).startLine > (passages[i - 1] as Passage).endLine);
  });

  it('overlaps consecutive passages by a few lines when a cut falls inside a unit', () => {
    const text = Array.from({ length: 120 }, (_, i) => `    value${i} = compute(value${i - 1}, ${i});`).join('\n');
    const passages = chunkText(text, { maxTokens: 200, overlapLines: 2 });
    assert.ok(passages.length > 3);
    for (let i = 1; i < passages.length; i++) {
      const overlap = (passages[i - 1] as Passage).endLine - (passages[i] as Passage).startLine + 1;
      assert.equal(overlap, 2, `passages ${i - 1} and ${i}`);
    }
    const none = chunkText(text, { maxTokens: 200, overlapLines: 0 });
    for (let i = 1; i < none.length; i++) assert.equal((none[i] as Passage).startLine, (none[i - 1] as Passage).endLine + 1);
  });

  it('gives a line longer than the budget a passage of its own, losing nothing', () => {
    const long = 'x'.repeat(5000).replace(/x{10}/g, 'word word ');
    const text = `first line\n${long}\nlast line`;
    const passages = chunkText(text, { maxTokens: 50 });
    assert.deepEqual(
      passages.map((p) => [p.startLine, p.endLine]),
      [
        [1, 1],
        [2, 2],
        [3, 3],
      ],
    );
    assert.equal(passages[1]?.text, long);
    // Many long lines in a row: one passage each, and the loop ends.
    const many = Array.from({ length: 50 }, () => long).join('\n');
    assert.equal(chunkText(many, { maxTokens: 10 }).length, 50);
  });

  it("never lets the budget exceed the provider's max_tokens_per_doc", () => {
    assert.equal(chunkBudget({}), 400);
    assert.equal(chunkBudget({ maxTokens: 400, maxTokensPerDoc: 128 }), 128);
    assert.equal(chunkBudget({ maxTokens: 100, maxTokensPerDoc: 4096 }), 100);
    assert.equal(chunkBudget({ maxTokens: 0 }), 1);
    const text = Array.from({ length: 200 }, (_, i) => `line ${i} has a few words in it`).join('\n');
    for (const p of chunkText(text, { maxTokensPerDoc: 64 })) {
      assert.ok(p.text.split('\n').reduce((s, l) => s + tokenWeight(l) + 1, 0) <= 64);
    }
  });
});

import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { lineTable } from '../../../src/core/lines';
import { estimateTokens, lineWeights, tokenWeight } from '../../../src/core/tokens';

describe('estimateTokens', () => {
  it('costs nothing for empty or whitespace-only text but its line feeds', () => {
    assert.equal(estimateTokens(''), 0);
    assert.equal(estimateTokens('  \t \r '), 0);
    assert.equal(estimateTokens('\n\n'), 2);
  });

  it('charges 1 to start a run and a fraction for each further character of it', () => {
    // "ab" = 1 + 0.07, " " = 0, "12" = 1 + 0.3, "!?" = 1 + 0.4
    assert.ok(Math.abs(tokenWeight('ab 12 !?') - 3.77) < 1e-9);
    assert.equal(estimateTokens('ab 12 !?'), 4);
  });

  it('charges one token per character outside ASCII', () => {
    assert.equal(estimateTokens('日本語'), 3);
    assert.equal(estimateTokens('é'), 1);
  });

  it('weighs a slice exactly as the same text on its own', () => {
    const text = 'const answer = computeTheAnswer(42);\nreturn answer;';
    assert.equal(tokenWeight(text, 6, 36), tokenWeight(text.slice(6, 36)));
  });

  it('never exceeds the number of characters', () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = 'abcXYZ019_ \t\n\r{}();.,é日🙂';
    for (let n = 0; n < 200; n++) {
      let text = '';
      for (let i = 0; i < 1 + Math.floor(random() * 80); i++) text += alphabet[Math.floor(random() * alphabet.length)];
      assert.ok(estimateTokens(text) <= text.length, JSON.stringify(text));
    }
  });

  // Real counts from cl100k (gpt-tokenizer 4.0.0). The estimate is meant to lean high, within
  // reason, so a chunk under a provider's limit by the estimate is under it for real.
  const measured: [string, number][] = [
    ['The quick brown fox jumps over the lazy dog.', 10],
    ['function getUserName(user: User): string {\n  return user.name;\n}', 15],
    ['const x = [1, 2, 3];', 12],
    ['こんにちは世界', 4],
  ];
  for (const [text, real] of measured) {
    it(`stays between 0.85x and 1.8x of a real tokenizer: ${JSON.stringify(text).slice(0, 40)}`, () => {
      const ratio = estimateTokens(text) / real;
      assert.ok(ratio >= 0.85 && ratio <= 1.8, `ratio ${ratio.toFixed(2)}`);
    });
  }
});

describe('lineWeights', () => {
  /** The definition: lineTable's lines, each weighed by tokenWeight. */
  function assertAgrees(text: string, limit: number, name: string): void {
    const table = lineTable(text);
    const lines = lineWeights(text, limit);
    assert.equal(lines.count, table.starts.length, `${name}: line count`);
    for (let i = 0; i < lines.count; i++) {
      assert.equal(lines.starts[i], table.starts[i], `${name}: start of line ${i + 1}`);
      assert.equal(lines.ends[i], table.ends[i], `${name}: end of line ${i + 1}`);
      const weight = tokenWeight(text, table.starts[i], table.ends[i]);
      // To the last bit below the limit; above it, only "above" is promised.
      if (weight <= limit) assert.equal(lines.weights[i], weight, `${name}: weight of line ${i + 1}`);
      else assert.ok((lines.weights[i] as number) > limit, `${name}: line ${i + 1} over the limit`);
    }
  }

  it("finds lineTable's lines and tokenWeight's weights, with LF, CRLF, CR or a mix", () => {
    const dir = path.resolve(__dirname, '../../../src/core');
    for (const file of readdirSync(dir).sort()) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      for (const [ending, variant] of [['LF', text], ['CRLF', text.replace(/\n/g, '\r\n')], ['CR', text.replace(/\n/g, '\r')]]) {
        assertAgrees(variant as string, 400, `${file} (${ending})`);
      }
    }
    for (const text of ['', '\n', '\r', '\r\n', 'a', 'a\n', 'a\r\n\r\nb', 'x\ry\r\n\nz\r', '日本\n🙂 ok\r\n\té']) assertAgrees(text, 400, JSON.stringify(text));
  });

  it('stops weighing a line once it is over the limit, and still finds where the line ends', () => {
    const long = 'word '.repeat(5000);
    const text = `short line\n${long}\r\n${'x'.repeat(3000)}\nlast`;
    const lines = lineWeights(text, 50);
    assert.equal(lines.count, 4);
    assert.deepEqual([...lines.ends.subarray(0, 4)], [10, 11 + long.length, 13 + long.length + 3000, text.length]);
    assert.ok((lines.weights[1] as number) > 50 && (lines.weights[1] as number) < tokenWeight(long));
    assertAgrees(text, 50, 'long lines');
    assertAgrees(text, Infinity, 'no limit');
  });
});

import * as assert from 'node:assert/strict';
import { estimateTokens, tokenHundredths } from '../../../src/core/tokens';

describe('estimateTokens', () => {
  it('costs nothing for empty or whitespace-only text but its line feeds', () => {
    assert.equal(estimateTokens(''), 0);
    assert.equal(estimateTokens('  \t \r '), 0);
    assert.equal(estimateTokens('\n\n'), 2);
  });

  it('charges 1 to start a run and a fraction for each further character of it', () => {
    // "ab" = 1 + 0.07, " " = 0, "12" = 1 + 0.3, "!?" = 1 + 0.4
    assert.equal(tokenHundredths('ab 12 !?'), 377);
    assert.equal(estimateTokens('ab 12 !?'), 4);
  });

  it('prices every pair of ASCII characters by their classes', () => {
    const classOf = (c: number): string =>
      /[A-Za-z_]/.test(String.fromCharCode(c)) ? 'letter' : /[0-9]/.test(String.fromCharCode(c)) ? 'digit' : [9, 11, 12, 13, 32].includes(c) ? 'free' : c > 32 && c < 127 ? 'symbol' : 'single';
    const further: Record<string, number> = { letter: 7, digit: 30, symbol: 40, single: 100 };
    for (let a = 0; a < 128; a++) {
      for (let b = 0; b < 128; b++) {
        const [first, second] = [classOf(a), classOf(b)];
        const expected = (first === 'free' ? 0 : 100) + (second === 'free' ? 0 : first === second ? (further[second] as number) : 100);
        assert.equal(tokenHundredths(String.fromCharCode(a, b)), expected, `${a} ${b}`);
      }
    }
  });

  it('stops counting once over the limit', () => {
    const text = 'word '.repeat(1000);
    assert.equal(tokenHundredths(text), 121_000);
    const capped = tokenHundredths(text, 0, text.length, 5_000);
    assert.ok(capped > 5_000 && capped < 5_200, String(capped));
  });

  it('charges one token per character outside ASCII', () => {
    assert.equal(estimateTokens('日本語'), 3);
    assert.equal(estimateTokens('é'), 1);
  });

  it('weighs a slice exactly as the same text on its own', () => {
    const text = 'const answer = computeTheAnswer(42);\nreturn answer;';
    assert.equal(tokenHundredths(text, 6, 36), tokenHundredths(text.slice(6, 36)));
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

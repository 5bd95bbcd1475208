import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { lineTable } from '../../../src/core/lines';
import { weighText, weighUtf8 } from '../../../src/core/lineWeightsKernel';
import { LINE_WEIGHTS_WASM } from '../../../src/core/lineWeightsWasm';
import { decodeLineWeights, estimateTokens, lineWeights, lineWeightsJs, tokenHundredths, tokenWeight, type LineWeights } from '../../../src/core/tokens';

describe('estimateTokens', () => {
  it('costs nothing for empty or whitespace-only text but its line feeds', () => {
    assert.equal(estimateTokens(''), 0);
    assert.equal(estimateTokens('  \t \r '), 0);
    assert.equal(estimateTokens('\n\n'), 2);
  });

  it('charges 1 to start a run and a fraction for each further character of it', () => {
    // "ab" = 1 + 0.07, " " = 0, "12" = 1 + 0.3, "!?" = 1 + 0.4
    assert.equal(tokenHundredths('ab 12 !?'), 377);
    assert.equal(tokenWeight('ab 12 !?'), 3.77);
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
  type Weigh = (text: string, limit: number) => LineWeights | undefined;
  const weighers: [string, Weigh][] = [
    ['lineWeights', (text, limit) => lineWeights(text, limit)],
    ['lineWeightsJs', (text, limit) => lineWeightsJs(text, limit)],
  ];

  /** The definition: lineTable's lines, each weighed by tokenHundredths; over `limit`, limit + 1. */
  function assertAgrees(text: string, limit: number, name: string, weigh: Weigh = lineWeights): void {
    const table = lineTable(text);
    const lines = weigh(text, limit);
    assert.ok(lines, `${name}: weighed`);
    assert.equal(lines.count, table.starts.length, `${name}: line count`);
    for (let i = 0; i < lines.count; i++) {
      assert.equal(lines.starts[i], table.starts[i], `${name}: start of line ${i + 1}`);
      assert.equal(lines.ends[i], table.ends[i], `${name}: end of line ${i + 1}`);
      const weight = tokenHundredths(text, table.starts[i], table.ends[i]);
      assert.equal(lines.weights[i], weight <= limit ? weight : limit + 1, `${name}: weight of line ${i + 1}`);
    }
  }

  const sources = readdirSync(path.resolve(__dirname, '../../../src/core'))
    .sort()
    .map((file) => [file, readFileSync(path.resolve(__dirname, '../../../src/core', file), 'utf8')] as const);

  for (const [weigher, weigh] of weighers) {
    it(`${weigher}: finds lineTable's lines and tokenHundredths' weights, with LF, CRLF, CR or a mix`, () => {
      for (const [file, text] of sources) {
        for (const [ending, variant] of [['LF', text], ['CRLF', text.replace(/\n/g, '\r\n')], ['CR', text.replace(/\n/g, '\r')]]) {
          assertAgrees(variant as string, 40_000, `${file} (${ending})`, weigh);
        }
      }
      for (const text of ['', '\n', '\r', '\r\n', 'a', 'a\n', 'a\r\n\r\nb', 'x\ry\r\n\nz\r', '日本\n🙂 ok\r\n\té']) assertAgrees(text, 40_000, JSON.stringify(text), weigh);
    });

    it(`${weigher}: gives a line over the limit limit + 1, and still finds where the line ends`, () => {
      const long = 'word '.repeat(5000);
      const text = `short line\n${long}\r\n${'x'.repeat(3000)}\nlast`;
      const lines = weigh(text, 5000);
      assert.ok(lines);
      assert.equal(lines.count, 4);
      assert.deepEqual([...lines.ends.subarray(0, 4)], [10, 11 + long.length, 13 + long.length + 3000, text.length]);
      assert.deepEqual([...lines.weights.subarray(0, 4)], [tokenHundredths('short line'), 5001, 5001, tokenHundredths('last')]);
      assertAgrees(text, 5000, 'long lines', weigh);
      assertAgrees(text, Infinity, 'no limit', weigh);
    });
  }

  describe('the WebAssembly kernel', () => {
    it('gives the tables lineWeightsJs gives, at every step boundary, from the text or from its UTF-8', () => {
      // Every character class next to every other, characters of 2, 3 and 4 bytes of UTF-8 (and
      // a lone surrogate), breaks of each kind at each of the 16 lanes of a step and across
      // steps, runs longer than a step and runs that cross steps.
      const pieces = ['abc', 'Z_9', '12345', '+-*/', '\t', ' ', '\x01\x02', '\x7f', '\n', '\r\n', '\r', '\r\r\n\n', 'x'.repeat(40), '{}[]();', 'é', '日本語', '🙂', 'a🙂b', '\u0080', '\ud800'];
      let seed = 11;
      const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      for (let n = 0; n < 300; n++) {
        let text = ' '.repeat(n % 17);
        while (text.length < 256 + (n % 64) * 9) text += pieces[Math.floor(random() * (n % 2 === 0 ? 14 : pieces.length))] as string;
        for (const limit of [40_000, 300, 0]) {
          const expected = tables(lineWeightsJs(text, limit));
          const fromText = weighText(text, limit);
          assert.ok(fromText, `kernel ran on ${JSON.stringify(text.slice(0, 40))}`);
          assert.deepEqual(tables(fromText), expected, JSON.stringify(text));
          assertFromBytes(text, limit);
        }
      }
      for (const [file, text] of sources) {
        if (text.length < 256) continue;
        assert.deepEqual(tables(weighText(text, 40_000) as LineWeights), tables(lineWeightsJs(text, 40_000)), file);
      }
    });

    it('gives lines over the limit limit + 1 and finds their ends, past non-ASCII text, to the end of the text', () => {
      // Lines of a few hundred to a few thousand characters, so the kernel finds many over the
      // limit and only looks for their breaks from there on (code units still counted: the
      // offsets after them must come out right), some ending exactly at a step boundary and one
      // running to the end of the text.
      const pieces = ['abc', 'Z_9', '12345', '+-*/', ' ', '\t', 'é', '日本語', '🙂', 'x'.repeat(100), '\x01'];
      const breaks = ['\n', '\r\n', '\r', '\n\n'];
      let seed = 5;
      const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      for (let n = 0; n < 60; n++) {
        let text = '';
        while (text.length < 3000 + n * 200) {
          const length = Math.floor(random() * (n % 3 === 0 ? 4000 : 600));
          let line = '';
          while (line.length < length) line += pieces[Math.floor(random() * pieces.length)] as string;
          text += line + (breaks[Math.floor(random() * breaks.length)] as string);
        }
        if (n % 2 === 1) text += 'y'.repeat(2000 + n);
        for (const limit of [40_000, 5_000, 300, 0]) {
          const expected = tables(lineWeightsJs(text, limit));
          assert.deepEqual(tables(weighText(text, limit) as LineWeights), expected, `text ${n}, limit ${limit}`);
          assertFromBytes(text, limit);
        }
      }
      // A line that goes over the limit in its last step before the break, and breaks at each lane.
      for (let lane = 0; lane < 16; lane++) {
        const text = `${'ab '.repeat(100)}${'x'.repeat(128 * 3 + lane)}\nnext line\n${'z'.repeat(300)}`;
        assert.deepEqual(tables(weighText(text, 1000) as LineWeights), tables(lineWeightsJs(text, 1000)), `lane ${lane}`);
      }
    });

    it('decodes UTF-8 with its line breaks made "\\n", and weighs the lines of that text, CRs anywhere in a step', () => {
      // CRLF, lone CR and runs of them at every lane of a step and across steps (a CR in the last
      // lane with its LF the next step's first byte), next to 2-, 3- and 4-byte characters, in
      // lines within and far over the limit, and at the very end of the text.
      const pieces = ['abc', 'Z_9', '12345', '+-*/', ' ', 'é', '日本語', '🙂', 'x'.repeat(40), '\r\n', '\r', '\n', '\r\r\n\n', '\n\r', 'y'.repeat(700)];
      let seed = 3;
      const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      for (let n = 0; n < 200; n++) {
        let text = n % 3 === 0 ? '\r\n' : '';
        while (text.length < 256 + (n % 50) * 37) text += pieces[Math.floor(random() * pieces.length)] as string;
        if (n % 4 === 1) text += '\r';
        if (n % 4 === 2) text += '\r\n';
        const normalized = text.replace(/\r\n?/g, '\n');
        for (const limit of [40_000, 300]) {
          const decoded = decodeLineWeights(Buffer.from(text, 'utf8'), limit);
          assert.ok(decoded);
          assert.equal(decoded.text, normalized, JSON.stringify(text));
          assert.deepEqual(tables(decoded.lines), tables(lineWeightsJs(normalized, limit)), JSON.stringify(text));
          // The kernel's own tables, not JavaScript's standing in for tables that did not fit.
          const kernel = weighUtf8(Buffer.from(text, 'utf8'), limit);
          assert.ok(kernel?.lines, JSON.stringify(text));
          assert.deepEqual(tables(kernel.lines), tables(decoded.lines));
        }
      }
      // Lanes 0-15 for a CR whose LF starts the next step, and for a lone CR there.
      for (let lane = 0; lane < 16; lane++) {
        for (const tail of ['\r\nnext', '\rnext', '\r\r\nnext']) {
          const text = 'a'.repeat(256 + lane) + tail + '\r\n' + 'b'.repeat(40);
          const decoded = weighUtf8(Buffer.from(text, 'utf8'), 40_000);
          assert.equal(decoded?.text, text.replace(/\r\n?/g, '\n'), `lane ${lane} ${JSON.stringify(tail)}`);
          assert.ok(decoded.lines);
          assert.deepEqual(tables(decoded.lines), tables(lineWeightsJs(decoded.text, 40_000)));
        }
      }
    });

    it('decodes strictly: bytes that are not UTF-8 give undefined, long or short; one byte order mark is dropped', () => {
      const invalid = Buffer.concat([Buffer.from('x\r\n'.repeat(200)), Buffer.from([0xc3, 0x0d, 0x0a, 0xa9]), Buffer.from('tail')]);
      assert.equal(decodeLineWeights(invalid, 40_000), undefined);
      assert.equal(decodeLineWeights(Buffer.from([0x63, 0xe9, 0x0a]), 40_000), undefined);
      const bom = [0xef, 0xbb, 0xbf];
      for (const body of ['short\r\n', 'const x = 1;\r\n'.repeat(40)]) {
        assert.equal(decodeLineWeights(Buffer.concat([Buffer.from(bom), Buffer.from(body)]), 40_000)?.text.replace(/\r/g, ''), body.replace(/\r/g, ''));
        // A second mark is text, as the decoder has it.
        assert.equal(decodeLineWeights(Buffer.concat([Buffer.from([...bom, ...bom]), Buffer.from(body)]), 40_000)?.text.replace(/\r/g, ''), `\ufeff${body.replace(/\r/g, '')}`);
      }
    });

    it('skips the byte order mark in front of a file\'s bytes, as the decoder does', () => {
      const text = '// é\nconst x = 1;\n'.repeat(30);
      const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
      assert.equal(new TextDecoder().decode(utf8), text);
      const weighed = weighUtf8(utf8, 40_000);
      assert.equal(weighed?.text, text);
      assert.deepEqual(tables(weighed.lines as LineWeights), tables(lineWeightsJs(text, 40_000)));
    });

    it('has room for a file of nothing but line breaks (a line more than its bytes)', () => {
      for (const text of ['\n'.repeat(300), '\r\n'.repeat(300), '\r'.repeat(300), ' \n'.repeat(300)]) assertFromBytes(text, 1000);
    });

    it('takes a limit that is not a positive number as 0, in both paths', () => {
      const text = 'hello world\n'.repeat(30);
      for (const limit of [NaN, -5, 0]) assert.deepEqual(tables(lineWeights(text, limit)), tables(lineWeightsJs(text, limit)), String(limit));
      assert.deepEqual(tables(lineWeights(text, NaN)).weights.slice(0, 2), [1, 1]);
    });

    it('leaves short text and very long text to JavaScript', () => {
      assert.ok(weighText('const x = 1;\n'.repeat(40), 40_000));
      assert.equal(weighText('short', 40_000), undefined);
      const long = 'x'.repeat((1 << 20) + 1);
      assert.equal(weighText(long, 40_000), undefined);
      assert.deepEqual(tables(lineWeights(long, 40_000)), tables(lineWeightsJs(long, 40_000)));
    });

    it('grows empty reused arrays in JavaScript too', () => {
      const reuse: LineWeights = { count: 0, starts: new Int32Array(0), ends: new Int32Array(0), weights: new Int32Array(0) };
      assert.deepEqual(tables(lineWeightsJs('a\nb', 1000, reuse)), tables(lineWeightsJs('a\nb', 1000)));
    });

    it('fills a reused table, growing its arrays when they are too short', () => {
      const reuse: LineWeights = { count: 0, starts: new Int32Array(2), ends: new Int32Array(2), weights: new Int32Array(2) };
      const text = 'line\n'.repeat(100);
      assert.equal(weighText(text, 40_000, reuse), reuse);
      assert.deepEqual(tables(reuse), tables(lineWeightsJs(text, 40_000)));
    });

    it('is the assembly of src/core/lineWeights.wat (npm run build:wasm after editing it)', async () => {
      const { assemble } = (await import(pathToFileURL(path.resolve(__dirname, '../../../scripts/build-wasm.mjs')).href)) as { assemble(): Promise<string> };
      assert.equal(await assemble(), LINE_WEIGHTS_WASM);
    });
  });
});

/**
 * The kernel weighs `text`'s UTF-8 as lineWeightsJs weighs the text those bytes hold (a lone
 * surrogate is encoded as U+FFFD) with its line breaks made "\n".
 */
function assertFromBytes(text: string, limit: number): void {
  const utf8 = Buffer.from(text, 'utf8');
  const normalized = utf8.toString('utf8').replace(/\r\n?/g, '\n');
  const weighed = weighUtf8(utf8, limit);
  assert.equal(weighed?.text, normalized, JSON.stringify(text));
  assert.ok(weighed.lines, `the kernel's own tables for ${JSON.stringify(text.slice(0, 40))}`);
  assert.deepEqual(tables(weighed.lines), tables(lineWeightsJs(normalized, limit)), JSON.stringify(text));
}

function tables(lines: LineWeights): { starts: number[]; ends: number[]; weights: number[] } {
  return {
    starts: [...lines.starts.subarray(0, lines.count)],
    ends: [...lines.ends.subarray(0, lines.count)],
    weights: [...lines.weights.subarray(0, lines.count)],
  };
}

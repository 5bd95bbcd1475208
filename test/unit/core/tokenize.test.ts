import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { tokenize } from '../../../src/core/tokenize';

describe('tokenize', () => {
  it('lowercases plain words and keeps digits and one-letter words', () => {
    assert.deepEqual(tokenize('The Quick 2 fox, a x'), ['the', 'quick', '2', 'fox', 'a', 'x']);
  });

  it('keeps stop words: a user may search for "not" or "the"', () => {
    assert.deepEqual(tokenize('to be or not to be'), ['to', 'be', 'or', 'not', 'to', 'be']);
  });

  it('splits camelCase and keeps the whole identifier', () => {
    assert.deepEqual(tokenize('getUserName'), ['get', 'user', 'name', 'getusername']);
  });

  it('splits acronyms inside identifiers', () => {
    assert.deepEqual(tokenize('parseHTTPResponse'), ['parse', 'http', 'response', 'parsehttpresponse']);
    assert.deepEqual(tokenize('HTTPServer2'), ['http', 'server', '2', 'server2', 'httpserver2']);
  });

  it('keeps letters followed by digits inside an identifier as the token the plain word makes', () => {
    assert.deepEqual(tokenize('sha256Hash'), ['sha', '256', 'hash', 'sha256', 'sha256hash']);
    assert.ok(tokenize('sha256Hash').includes(tokenize('sha256')[0] as string));
    assert.ok(tokenize('apiV2Client').includes(tokenize('v2')[0] as string));
    assert.deepEqual(tokenize('SHA256'), ['sha', '256', 'sha256'], 'once, not again as the whole');
  });

  it('splits snake_case and keeps the whole identifier', () => {
    assert.deepEqual(tokenize('max_tokens_per_doc'), ['max', 'tokens', 'per', 'doc', 'max_tokens_per_doc']);
    assert.deepEqual(tokenize('__init__'), ['init']);
  });

  it('splits kebab-case at the hyphen', () => {
    assert.deepEqual(tokenize('retry-after header'), ['retry', 'after', 'header']);
  });

  it('reads Unicode words with their accents', () => {
    assert.deepEqual(tokenize('Café Müller naïve ÉCOLE'), ['café', 'müller', 'naïve', 'école']);
    assert.deepEqual(tokenize('Привет мир'), ['привет', 'мир']);
  });

  it('reads a word typed with combining accents as the same word precomposed (NFC)', () => {
    assert.deepEqual(tokenize('cafe\u0301'), tokenize('caf\u00e9'));
    assert.deepEqual(tokenize('E\u0301COLE'), ['\u00e9cole']);
  });

  it('splits scripts written without spaces into characters', () => {
    assert.deepEqual(tokenize('重排序'), ['重', '排', '序']);
  });

  it('reads the Latin part of a word mixed with an unspaced script as a word of its own', () => {
    assert.deepEqual(tokenize('iPhone手机'), ['i', 'phone', 'iphone', '手', '机']);
    assert.deepEqual(tokenize('rerank排序v2'), ['rerank', '排', '序', 'v2']);
  });

  it('yields nothing for punctuation and whitespace', () => {
    assert.deepEqual(tokenize(' ... --- !!! \n\t'), []);
  });
});

/**
 * The tokenizer's rules spelled with Unicode regular expressions only: every word the WORD pattern
 * finds, NFC, unspaced scripts by character, identifiers split into parts, letters-then-digits
 * pairs and the whole. The character-code scan must give exactly these tokens, in this order.
 */
function byPatterns(text: string): string[] {
  const out: string[] = [];
  const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
  const plain = /^[a-z0-9]+$/;
  const identifier = (word: string): void => {
    const parts: string[] = [];
    const alphanumerics: string[] = [];
    for (const piece of word.split('_').filter(Boolean)) {
      let letters = '';
      for (const [p] of piece.matchAll(/\p{Lu}+(?![\p{Ll}\p{M}])|\p{Lu}?[\p{Ll}\p{M}]+|\p{N}+|[\p{L}\p{M}]+/gu)) {
        const part = p.toLowerCase();
        parts.push(part);
        const digits = /^\p{N}/u.test(part);
        if (digits && letters !== '') alphanumerics.push(letters + part);
        letters = digits ? '' : part;
      }
    }
    out.push(...parts);
    if (parts.length < 2) return;
    const whole = word.replace(/^_+|_+$/g, '').toLowerCase();
    out.push(...alphanumerics.filter((a) => a !== whole), whole);
  };
  for (const [raw] of text.matchAll(/[\p{L}\p{M}\p{N}_]+/gu)) {
    if (plain.test(raw)) {
      out.push(raw);
      continue;
    }
    const word = raw.normalize('NFC');
    if (!unspaced.test(word)) {
      identifier(word);
      continue;
    }
    for (const [run] of word.matchAll(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]+/gu)) {
      if (unspaced.test(run)) out.push(run.toLowerCase());
      else if (plain.test(run)) out.push(run);
      else identifier(run);
    }
  }
  return out;
}

describe('tokenize: words read by character codes', () => {
  it("gives the Unicode patterns' tokens over this repository's sources", () => {
    const repo = path.resolve(__dirname, '../../..');
    const files = ['src/core', 'src/sources', 'src/vscode/workspace', 'test/unit/core', 'docs'].flatMap((dir) =>
      readdirSync(path.join(repo, dir)).filter((name) => name.endsWith('.ts') || name.endsWith('.md')).map((name) => path.join(repo, dir, name)),
    );
    let nonAscii = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if ([...text].some((c) => c.charCodeAt(0) > 0x7f)) nonAscii++;
      assert.deepEqual(tokenize(text), byPatterns(text), file);
    }
    assert.ok(files.length > 20 && nonAscii > 3, `${files.length} files compared, ${nonAscii} with text outside ASCII`);
  });

  it('splits capital runs, digits and snake case as the Unicode patterns do', () => {
    for (const text of ['HTTPServer2Go', 'parseHTTPResponse', 'XMLHttpRequest', 'sha256Hash apiV2Client', '__init__ _private MAX_RETRY_COUNT', 'A B2 Cc 9a a9 ABCdef', 'x_1_y', 'IDs', 'iPhone']) {
      assert.deepEqual(tokenize(text), byPatterns(text), text);
    }
    // Parts come out as they are found: "_" ends a letters-then-digits pair, and the whole is trimmed of "_".
    for (const text of 'a_1 v2_3 _a1_ __x__y2__ Foo _ __ A1B2 HTTP2Server_v3 ABC_DEF9_g1h'.split(' ')) assert.deepEqual(tokenize(text), byPatterns(text), text);
  });

  it('reads a word that starts, goes on or ends outside ASCII as one word', () => {
    for (const text of ['café naïve', 'cafe\u0301 Cafe\u0301Bar', 'iPhone手机 手机iPhone', 'Straße_v2 ÉcoleNormale2', 'x→y a—b «quoted»', '日本語テキスト', 'emoji😀word 😀 𝐀bc', 'über_ALLES9 ÜberAlles']) {
      assert.deepEqual(tokenize(text), byPatterns(text), text);
    }
  });
});

import * as assert from 'node:assert/strict';
import { redact } from '../../../src/core/errors';
import { seededRandom } from '../../../scripts/seededRandom.cjs';

// A key with the characters that encodings change: "/", "+", "=" and "-" among base62.
function fakeKey(): string {
  const random = seededRandom(7);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let body = '';
  for (let i = 0; i < 36; i++) body += alphabet[Math.floor(random() * alphabet.length)];
  return `${body.slice(0, 10)}/${body.slice(10, 20)}+${body.slice(20, 30)}-${body.slice(30)}=`;
}

const key = fakeKey();

/** No 8-character piece of the key survives, in any case. */
function assertGone(text: string): void {
  const lower = text.toLowerCase();
  for (let i = 0; i + 8 <= key.length; i++) {
    const piece = key.slice(i, i + 8).toLowerCase();
    assert.ok(!lower.includes(piece), `"${key.slice(i, i + 8)}" survives in: ${text}`);
  }
}

const html = (s: string): string => s.replace(/\//g, '&#x2F;').replace(/\+/g, '&#43;').replace(/=/g, '&#x3d;');

describe('redact', () => {
  const echoes: [string, string][] = [
    ['exact', `invalid api token: ${key}`],
    ['URL-encoded', `GET /v2/rerank?key=${encodeURIComponent(key)} 401`],
    ['URL-encoded twice', `upstream said ${encodeURIComponent(encodeURIComponent(key))}`],
    ['JSON-escaped "\\/"', JSON.stringify({ message: `bad key ${key}` }).replace(/\//g, '\\/')],
    ['JSON \\u escapes', `{"message":"bad key ${key.replace(/[/+=]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"}`],
    ['HTML entities', `<p>Key ${html(key)} is not valid</p>`],
    ['HTML named entities', `<p>${key.replace(/\//g, '&sol;').replace(/=/g, '&equals;')}</p>`],
    ['lower-cased', `token ${key.toLowerCase()} unknown`],
    ['upper-cased', `TOKEN ${key.toUpperCase()} UNKNOWN`],
    ['base64', `header was ${Buffer.from(key).toString('base64')}`],
    ['base64url', `header was ${Buffer.from(key).toString('base64url')}`],
    ['Basic user:key (user of 3)', `Authorization: Basic ${Buffer.from(`api:${key}`).toString('base64')}`],
    ['Basic user:key (user of 4)', `Authorization: Basic ${Buffer.from(`user:${key}`).toString('base64')}`],
    ['Basic user:key (user of 5)', `Authorization: Basic ${Buffer.from(`admin:${key}`).toString('base64')}`],
    ['a prefix of 8 characters', `key starting with ${key.slice(0, 8)}… was revoked`],
    ['a prefix of 20 characters', `key ${key.slice(0, 20)}... was revoked`],
    ['a prefix, URL-encoded', `key=${encodeURIComponent(key.slice(0, 15))}`],
  ];
  for (const [form, text] of echoes) {
    it(`removes the key echoed ${form}`, () => {
      const out = redact(text, [key]);
      assert.match(out, /\[redacted\]/);
      assertGone(out);
    });
  }

  it('removes the Basic form but for the user name and a character or two at its ends', () => {
    for (const user of ['a', 'ab', 'abc']) {
      const out = redact(`Basic ${Buffer.from(`${user}:${key}`).toString('base64')}`, [key]);
      const left = out.replace(/^Basic /, '').split('[redacted]');
      // "abc:" is 6 characters of base64; the key's first and last byte may share one with it.
      for (const part of left) assert.ok(part.length <= Math.ceil(((user.length + 1) * 4) / 3) + 1, `${user}: ${out}`);
    }
  });

  it('leaves text around the key as it was', () => {
    assert.equal(redact(`a ${key} b`, [key]), 'a [redacted] b');
    assert.equal(redact('no key here, only sk-proj words', [key]), 'no key here, only sk-proj words');
  });

  it('keeps a start of fewer than 8 characters, which names no key', () => {
    assert.equal(redact(`starts ${key.slice(0, 7)}`, [key]), `starts ${key.slice(0, 7)}`);
  });

  it('removes a short secret only whole, and ignores missing and tiny ones', () => {
    assert.equal(redact('pin abcde1 and abcde', ['abcde1', undefined, 'ab']), 'pin [redacted] and abcde');
  });
});

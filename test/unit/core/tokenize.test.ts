import * as assert from 'node:assert/strict';
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
    assert.deepEqual(tokenize('HTTPServer2'), ['http', 'server', '2', 'httpserver2']);
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

  it('splits scripts written without spaces into characters', () => {
    assert.deepEqual(tokenize('重排序'), ['重', '排', '序']);
  });

  it('yields nothing for punctuation and whitespace', () => {
    assert.deepEqual(tokenize(' ... --- !!! \n\t'), []);
  });
});

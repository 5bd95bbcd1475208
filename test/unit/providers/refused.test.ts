import * as assert from 'node:assert/strict';
import { RerankError } from '../../../src/core/errors';
import { isConnectionRefused, isPrivateHost, isQuickFailure, refusedError } from '../../../src/providers/refused';

const hostOf = (url: string) => new URL(url).hostname;
/** A refusal as Node's socket reports it. */
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8080'), { code: 'ECONNREFUSED' });

describe('refused: a self-hosted server that is not running fails at once', () => {
  it('knows loopback, private addresses and local names, as the URL parser writes them', () => {
    const urls = [
      'http://127.0.0.1:8080', 'http://127.9.9.9', 'http://localhost:8080', 'http://LOCALHOST.', 'http://[::1]:8080', 'http://0.0.0.0:8080',
      'http://10.0.0.5', 'http://10.255.255.255', 'http://172.16.0.1', 'http://172.31.255.1', 'http://192.168.1.20:8000',
      'http://[fc00::1]', 'http://[fd12:3456::7]:8080', 'http://rerank.local', 'http://gpu-box.internal:8080', 'http://app.localhost',
    ];
    for (const url of urls) assert.ok(isPrivateHost(hostOf(url)), url);
  });

  it('does not take a public host or a look-alike for a private one', () => {
    const urls = [
      'https://api.cohere.com', 'http://172.15.0.1', 'http://172.32.0.1', 'http://192.169.0.1', 'http://11.0.0.1', 'http://8.8.8.8',
      'http://[2001:db8::1]', 'http://[fe80::1]', 'http://[fb00::1]', 'http://local.example.com', 'http://internal.example.com', 'http://10.0.0.1.nip.io',
    ];
    for (const url of urls) assert.ok(!isPrivateHost(hostOf(url)), url);
  });

  it('finds ECONNREFUSED on the error, inside fetch\'s "fetch failed", and on every address of an AggregateError', () => {
    assert.ok(isConnectionRefused(refused()));
    assert.ok(isConnectionRefused(new TypeError('fetch failed', { cause: refused() })));
    assert.ok(isConnectionRefused(new TypeError('fetch failed', { cause: new AggregateError([refused(), refused()]) })));
  });

  it('does not take other network errors, or a name where one address answered otherwise, for a refusal', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const timedOut = Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' });
    for (const error of [reset, timedOut, new TypeError('fetch failed', { cause: reset }), new AggregateError([refused(), timedOut]), new AggregateError([]), 'ECONNREFUSED', undefined, null]) {
      assert.ok(!isConnectionRefused(error), String(error));
    }
  });

  it('fails at once only for a refusal from a private host: a public one is retried as before', () => {
    assert.ok(isQuickFailure(refused(), 'http://127.0.0.1:8080/v2/rerank'));
    assert.ok(isQuickFailure(new TypeError('fetch failed', { cause: refused() }), new URL('http://192.168.0.10:8000/rerank')));
    assert.ok(!isQuickFailure(refused(), 'https://api.cohere.com/v2/rerank'));
    assert.ok(!isQuickFailure(Object.assign(new Error('reset'), { code: 'ECONNRESET' }), 'http://127.0.0.1:8080/v2/rerank'));
  });

  it('names the endpoint in plain words and says what to check, as a network error', () => {
    const err = refusedError('http://127.0.0.1:8080/v2/rerank');
    assert.ok(err instanceof RerankError);
    assert.equal(err.kind, 'network');
    assert.equal(err.message, 'nothing answers at http://127.0.0.1:8080 (connection refused). Is the server running?');
  });
});

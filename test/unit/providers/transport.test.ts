import * as assert from 'node:assert/strict';
import { RerankError } from '../../../src/core/errors';
import { createDispatcher, undiciTransport } from '../../../src/providers/undiciTransport';
import { createRanker } from '../../../src/providers/index';
import { checkKeyTransport, isLoopbackHost } from '../../../src/providers/transport';

const hostOf = (url: string) => new URL(url).hostname;

describe('transport: where a key may go', () => {
  it('knows this machine by name and address, as the URL parser writes them', () => {
    for (const url of ['http://localhost:8080', 'http://LOCALHOST./', 'http://127.0.0.1', 'http://127.1.2.3:9', 'http://127.1', 'http://[::1]:8080', 'http://[0:0::1]']) {
      assert.ok(isLoopbackHost(hostOf(url)), url);
    }
  });

  it('does not take a look-alike for this machine', () => {
    for (const url of ['http://rerank.example.invalid', 'http://127.0.0.1.nip.io', 'http://localhost.example.com', 'http://10.0.0.1', 'http://[::2]', 'http://128.0.0.1', 'http://0.0.0.0']) {
      assert.ok(!isLoopbackHost(hostOf(url)), url);
    }
  });

  it('refuses a key over plain http:// to another host, saying why and how to opt in, on one line', () => {
    assert.throws(
      () => checkKeyTransport('http://rerank.example.invalid:8080/v2/rerank', true, false),
      (err: unknown) => {
        assert.ok(err instanceof RerankError);
        assert.equal(err.kind, 'bad-input');
        assert.match(err.message, /^refusing to send the API key over plain http:\/\/ to rerank\.example\.invalid:8080, where anyone on the network path can read it; use https:\/\/, or opt in with --allow-insecure-http \(CLI\) or the user setting rerank\.allowInsecureHttp$/);
        return true;
      },
    );
  });

  it('lets the key go over https://, over http:// to this machine, with the opt-in, or no key at all', () => {
    checkKeyTransport('https://rerank.example.invalid/v2/rerank', true, false);
    checkKeyTransport('http://127.0.0.1:9/v2/rerank', true, false);
    checkKeyTransport('http://localhost:9/v2/rerank', true, false);
    checkKeyTransport('http://rerank.example.invalid/v2/rerank', true, true);
    checkKeyTransport('http://rerank.example.invalid/v2/rerank', false, false);
  });

  it('is what createRanker checks, for every face', async () => {
    const dispatcher = createDispatcher();
    try {
      const build = (allowInsecureHttp: boolean) => () =>
        createRanker({ provider: 'cohere', apiKey: 'co-test-key-0001', endpoint: 'http://rerank.example.invalid', allowInsecureHttp, http: { transport: undiciTransport(dispatcher) } });
      assert.throws(build(false), /refusing to send the API key over plain http:\/\//);
      assert.doesNotThrow(build(true));
      assert.doesNotThrow(() => createRanker({ provider: 'tei', endpoint: 'http://gpu-box.example.invalid:8080', http: { transport: undiciTransport(dispatcher) } }), 'no key, nothing to leak');
    } finally {
      await dispatcher.close();
    }
  });
});

import * as assert from 'node:assert/strict';
import { RerankError } from '../../../src/core/errors';
import type { Ranker } from '../../../src/core/types';
import { DEFAULT_MAX_REQUESTS, allApiKeys, engineOptions, rankerFromArgs, type CliIo } from '../../../src/cli/ranker';

function io(env: NodeJS.ProcessEnv): CliIo {
  return { stdout: () => undefined, stderr: () => undefined, env, readStdin: () => Promise.resolve('') };
}

describe('the CLI key', () => {
  for (const [name, key] of [
    ['an ellipsis', 'co-FAKE-cli-key\u2026'],
    ['a non-breaking space', 'co-FAKE-cli\u00a0key'],
    ['a space inside', 'co-FAKE-cli key'],
    ['a control character', 'co-FAKE-cli\u0007key'],
  ] as const) {
    it(`refuses a key with ${name} before sending anything, naming the variable and not the value`, () => {
      assert.throws(
        () => rankerFromArgs({}, 'cohere', io({ COHERE_API_KEY: key })),
        (err: unknown) => {
          assert.ok(err instanceof RerankError);
          assert.equal(err.kind, 'bad-input');
          assert.match(err.message, /COHERE_API_KEY holds characters that cannot be sent in an HTTP header/);
          assert.ok(!err.message.includes('co-FAKE'), 'the key is in the message');
          return true;
        },
      );
    });
  }

  it('accepts printable ASCII with blanks around it (they are trimmed)', () => {
    const ranker = rankerFromArgs({ endpoint: 'http://127.0.0.1:9' }, 'cohere', io({ COHERE_API_KEY: '  co-FAKE-cli-key~!#$%\n' }));
    assert.equal(ranker.provider, 'cohere');
  });

  it('redacts every key in the environment as it is sent: trimmed', () => {
    assert.deepEqual(allApiKeys({ COHERE_API_KEY: ' co-FAKE-cli-key-1\n', JINA_API_KEY: '\tjina-FAKE-2 ', VOYAGE_API_KEY: '   ' }).sort(), ['co-FAKE-cli-key-1', 'jina-FAKE-2']);
  });
});

describe('the CLI engine options', () => {
  const remote = { provider: 'cohere' } as Ranker;
  const local = { provider: 'local' } as Ranker;

  it('give --deadline to the engine, for the whole ranking', () => {
    assert.equal(engineOptions({ deadlineMs: 5_000 }, remote).deadlineMs, 5_000);
    assert.equal(engineOptions({}, remote).deadlineMs, undefined, 'the engine default (5 minutes)');
  });

  it('cap the requests of a remote ranker at --max-requests, 1000 by default, and refuse above it naming the flag', () => {
    assert.equal(engineOptions({}, remote).maxRequests, DEFAULT_MAX_REQUESTS);
    const options = engineOptions({ maxRequests: 10 }, remote);
    assert.equal(options.maxRequests, 10);
    assert.throws(
      () => options.approveRequests?.(12, 10),
      (err: unknown) => err instanceof RerankError && err.kind === 'bad-input' && /would send 12 requests to cohere, more than --max-requests 10; raise --max-requests/.test(err.message),
    );
  });

  it('leave the offline ranker uncapped: it sends nothing', () => {
    const options = engineOptions({ maxRequests: 10 }, local);
    assert.equal(options.maxRequests, undefined);
    assert.equal(options.approveRequests, undefined);
  });
});

describe('the CLI and plain http://', () => {
  const env = { COHERE_API_KEY: 'co-FAKE-cli-key-insecure-0001' };

  it('refuses the key to another host over http:// unless --allow-insecure-http', () => {
    const args = { endpoint: 'http://rerank.example.invalid' };
    assert.throws(() => rankerFromArgs(args, 'cohere', io(env)), /refusing to send the API key over plain http:\/\/ to rerank\.example\.invalid/);
    assert.equal(rankerFromArgs({ ...args, allowInsecureHttp: true }, 'cohere', io(env)).provider, 'cohere');
  });

  it('sends it over http:// to this machine', () => {
    assert.equal(rankerFromArgs({ endpoint: 'http://127.0.0.1:9' }, 'cohere', io(env)).provider, 'cohere');
  });
});

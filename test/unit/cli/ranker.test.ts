import * as assert from 'node:assert/strict';
import { RerankError } from '../../../src/core/errors';
import { allApiKeys, rankerFromArgs, type CliIo } from '../../../src/cli/ranker';

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

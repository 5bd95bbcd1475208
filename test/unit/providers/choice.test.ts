import * as assert from 'node:assert/strict';
import { RerankError } from '../../../src/core/errors';
import { rankerFromArgs, type CliIo } from '../../../src/cli/ranker';
import { FLAG_WORDS, resolveProvider, type ApiVersion, type ProviderName } from '../../../src/providers/index';
import { endpointUrl, profileFor } from '../../../src/vscode/providerChoice';

const KEY = { COHERE_API_KEY: 'co-FAKE-choice-key', JINA_API_KEY: 'jina-FAKE-choice-key' };

function io(): CliIo {
  return { stdout: () => undefined, stderr: () => undefined, env: KEY, readStdin: () => Promise.resolve('') };
}

/** The CLI's answer for -p and --api-version: the ranker's profile, or the error's message. */
function cli(provider: ProviderName, apiVersion?: ApiVersion): string {
  try {
    return rankerFromArgs(apiVersion ? { apiVersion } : {}, provider, io()).provider;
  } catch (err) {
    assert.ok(err instanceof RerankError && err.kind === 'bad-input', String(err));
    return `error: ${err.message}`;
  }
}

/** The extension's answer for rerank.provider and a rerank.apiVersion the user set. */
function extension(provider: ProviderName, apiVersion?: ApiVersion): string {
  try {
    return profileFor({ provider, ...(apiVersion ? { apiVersion } : {}) }) ?? 'local';
  } catch (err) {
    assert.ok(err instanceof RerankError && err.kind === 'bad-input', String(err));
    return `error: ${err.message}`;
  }
}

describe('the provider choice, the same in the CLI and the extension', () => {
  const cases: [ProviderName, ApiVersion | undefined, string][] = [
    ['cohere', undefined, 'cohere'],
    ['cohere', 'v2', 'cohere'],
    ['cohere', 'v1', 'cohere-v1'],
    ['cohere-v1', undefined, 'cohere-v1'],
    ['cohere-v1', 'v1', 'cohere-v1'],
    ['cohere-v1', 'v2', 'error'],
    ['jina', undefined, 'jina'],
    ['jina', 'v2', 'error'],
    ['local', undefined, 'local'],
    ['local', 'v1', 'error'],
  ];
  for (const [provider, apiVersion, expected] of cases) {
    it(`${provider} with ${apiVersion ?? 'no'} API version: ${expected}`, () => {
      const answers = [cli(provider, apiVersion), extension(provider, apiVersion)];
      assert.deepEqual(answers.map((a) => (a.startsWith('error') ? 'error' : a)), [expected, expected]);
    });
  }

  it('names a contradiction in each face\'s own words, with the way out', () => {
    assert.equal(cli('cohere-v1', 'v2'), "error: --api-version v2 contradicts -p cohere-v1 (Cohere's v1 API): use -p cohere for v2, or leave --api-version out");
    assert.equal(extension('cohere-v1', 'v2'), "error: rerank.apiVersion v2 contradicts rerank.provider cohere-v1 (Cohere's v1 API): use rerank.provider cohere for v2, or leave rerank.apiVersion out");
    assert.equal(cli('jina', 'v2'), 'error: --api-version applies to Cohere only, not to -p jina: leave --api-version out');
    assert.equal(extension('jina', 'v1'), 'error: rerank.apiVersion applies to Cohere only, not to rerank.provider jina: leave rerank.apiVersion out');
  });

  it('sends to the URL the profile and the endpoint make, the same in both faces', () => {
    assert.equal(resolveProvider({ provider: 'cohere', apiVersion: 'v1' }, FLAG_WORDS).url, 'https://api.cohere.com/v1/rerank');
    assert.equal(endpointUrl({ provider: 'cohere', apiVersion: 'v1' }), 'https://api.cohere.com/v1/rerank');
    assert.equal(endpointUrl({ provider: 'vllm', endpoint: 'http://127.0.0.1:8000' }), 'http://127.0.0.1:8000/v1/rerank');
    assert.equal(endpointUrl({ provider: 'local' }), undefined);
  });

  it('asks for the endpoint of a self-hosted server by the face\'s name for it', () => {
    assert.throws(() => endpointUrl({ provider: 'tei' }), /provider tei is self-hosted: set rerank\.endpoint to the server's URL/);
    assert.throws(() => rankerFromArgs({}, 'tei', io()), /provider tei is self-hosted: set --endpoint to the server's URL/);
  });
});

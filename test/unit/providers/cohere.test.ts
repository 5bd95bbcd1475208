import * as assert from 'node:assert/strict';
import { Agent } from 'undici';
import { resolveEndpointUrl } from '../../../src/providers/profiles';
import { parseResults } from '../../../src/providers/wire';
import { CohereRanker } from '../../support/cohereRanker';

const resolveRerankUrl = (endpoint: string, apiVersion: 'v1' | 'v2') => resolveEndpointUrl(endpoint, `/${apiVersion}/rerank`);
import { httpOptions } from '../../../src/providers/http';
import { undiciTransport } from '../../../src/providers/undiciTransport';

describe('resolveRerankUrl', () => {
  it('appends /v2/rerank or /v1/rerank to a base URL', () => {
    assert.equal(resolveRerankUrl('https://api.cohere.com', 'v2'), 'https://api.cohere.com/v2/rerank');
    assert.equal(resolveRerankUrl('https://api.cohere.com/', 'v1'), 'https://api.cohere.com/v1/rerank');
    assert.equal(resolveRerankUrl('http://127.0.0.1:8080/proxy/cohere', 'v2'), 'http://127.0.0.1:8080/proxy/cohere/v2/rerank');
  });

  it('uses a full URL ending in /rerank as given', () => {
    assert.equal(resolveRerankUrl('https://api.cohere.ai/v1/rerank', 'v2'), 'https://api.cohere.ai/v1/rerank');
    assert.equal(resolveRerankUrl('https://gateway.example/ai/rerank/', 'v2'), 'https://gateway.example/ai/rerank/');
  });

  it('refuses what is not an http(s) URL, or carries credentials', () => {
    assert.throws(() => resolveRerankUrl('api.cohere.com', 'v2'), /is not a URL/);
    assert.throws(() => resolveRerankUrl('file:///etc/passwd', 'v2'), /must be http or https/);
    assert.throws(() => resolveRerankUrl('https://user:pw@example.com', 'v2'), /must not carry credentials/);
  });
});

describe('parseResults', () => {
  it('returns results best first', () => {
    const body = { results: [{ index: 2, relevance_score: 0.3 }, { index: 0, relevance_score: 0.97 }] };
    assert.deepEqual(parseResults(body, 3), [{ index: 0, score: 0.97 }, { index: 2, score: 0.3 }]);
  });

  it('ignores extra fields such as document and meta', () => {
    const body = { id: 'x', results: [{ index: 0, relevance_score: 0.5, document: { text: 'a' } }], meta: {} };
    assert.deepEqual(parseResults(body, 1), [{ index: 0, score: 0.5 }]);
  });

  for (const [name, body, message] of [
    ['a body that is not an object', undefined, /not a JSON object/],
    ['missing results', { data: [] }, /"results" is missing or not an array/],
    ['an index out of range', { results: [{ index: 3, relevance_score: 1 }] }, /results\[0\]\.index is 3, expected an integer in 0\.\.2/],
    ['a negative index', { results: [{ index: -1, relevance_score: 1 }] }, /index is -1/],
    ['a fractional index', { results: [{ index: 0.5, relevance_score: 1 }] }, /index is 0\.5/],
    ['a string index', { results: [{ index: '1', relevance_score: 1 }] }, /index is "1"/],
    ['a repeated index', { results: [{ index: 1, relevance_score: 1 }, { index: 1, relevance_score: 0.5 }] }, /index 1 appears more than once/],
    ['a missing score', { results: [{ index: 1 }] }, /relevance_score is undefined/],
    ['a null score (JSON for NaN)', { results: [{ index: 1, relevance_score: null }] }, /relevance_score is null/],
    ['a null result', { results: [null] }, /results\[0\]\.index is undefined/],
  ] as const) {
    it(`rejects ${name} as a bad response`, () => {
      assert.throws(() => parseResults(body, 3), (err: Error & { kind?: string }) => {
        assert.equal(err.kind, 'bad-response');
        assert.match(err.message, message);
        return true;
      });
    });
  }
});

describe('CohereRanker', () => {
  const http = httpOptions({ transport: undiciTransport(new Agent()) });

  it('defaults to v2, rerank-v3.5 and api.cohere.com', () => {
    const ranker = new CohereRanker({ apiKey: 'k-123456', http });
    assert.equal(ranker.url, 'https://api.cohere.com/v2/rerank');
    assert.equal(ranker.model, 'rerank-v3.5');
    assert.equal(ranker.provider, 'cohere');
    assert.deepEqual(ranker.limits, { maxDocumentsPerRequest: 1000, scoresComparable: true, scoreKind: 'probability' });
  });

  it('names itself cohere-v1 on the v1 API', () => {
    const ranker = new CohereRanker({ apiKey: 'k-123456', apiVersion: 'v1', http });
    assert.equal(ranker.provider, 'cohere-v1');
    assert.equal(ranker.url, 'https://api.cohere.com/v1/rerank');
  });

  it('refuses an empty key', () => {
    assert.throws(() => new CohereRanker({ apiKey: ' ', http }), /provider cohere needs an API key \(COHERE_API_KEY or CO_API_KEY\)/);
  });
});

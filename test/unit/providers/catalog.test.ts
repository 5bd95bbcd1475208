import * as assert from 'node:assert/strict';
import { knownModels, providerSummary, takesModel } from '../../../src/providers/catalog';
import { PROVIDERS } from '../../../src/providers/index';

describe('the provider catalog', () => {
  it("offers Cohere's rerank models, the default among them", () => {
    assert.deepEqual(knownModels('cohere'), ['rerank-v4.0-pro', 'rerank-v4.0-fast', 'rerank-v3.5', 'rerank-multilingual-v3.0']);
  });

  it("puts a provider's default model first when no list names it", () => {
    assert.deepEqual(knownModels('together'), ['Salesforce/Llama-Rank-V1']);
    assert.ok(knownModels('voyage').includes('rerank-2.5-lite'));
  });

  it('offers no model name to a server that takes none, nor to the offline ranker', () => {
    assert.deepEqual(knownModels('tei'), []);
    assert.equal(takesModel('tei'), false);
    assert.equal(takesModel('local'), false);
    assert.equal(takesModel('vllm'), true);
    assert.deepEqual(knownModels('vllm'), []);
  });

  it('says in one line who runs each provider and what key it needs', () => {
    assert.equal(providerSummary('cohere'), 'Hosted by Cohere (api.cohere.com); needs a Cohere API key');
    assert.equal(providerSummary('tei'), 'Self-hosted Hugging Face Text Embeddings Inference: set rerank.endpoint to its URL; no API key');
    assert.equal(providerSummary('vllm'), 'Self-hosted vLLM: set rerank.endpoint to its URL; API key optional');
    assert.match(providerSummary('local'), /^Offline BM25/);
    for (const p of PROVIDERS) assert.ok(!providerSummary(p).includes('\n') && providerSummary(p).length < 120, p);
  });
});

import * as assert from 'node:assert/strict';
import { rankerStatus, type RankerState } from '../../../src/vscode/key/status';

const cohere: RankerState = { profile: 'cohere', host: 'api.cohere.com', model: 'rerank-v3.5', keyRequired: true, offlineChosen: false };

describe('the status bar text', () => {
  it('names the offline ranker once the user chose it for runs without a key', () => {
    const status = rankerStatus({ ...cohere, offlineChosen: true });
    assert.equal(status.text, '$(list-ordered) local · bm25');
    assert.equal(status.offline, true);
    assert.doesNotMatch(status.text, /cohere|warning/);
    assert.match(status.tooltip, /no API key for cohere at api\.cohere\.com/);
  });

  it('warns, with the reason, when the settings contradict each other and every run would fail', () => {
    const status = rankerStatus({ model: 'bm25', keyRequired: false, offlineChosen: false, conflict: 'rerank.apiVersion applies to Cohere only, not to rerank.provider jina: leave rerank.apiVersion out' });
    assert.equal(status.text, '$(list-ordered) rerank $(warning)');
    assert.match(status.tooltip, /^Rerank: rerank\.apiVersion applies to Cohere only, not to rerank\.provider jina: leave rerank\.apiVersion out\. Click to switch provider\.$/);
    assert.equal(status.offline, false);
  });

  it('warns about a missing key while the next run would still ask for one', () => {
    const status = rankerStatus(cohere);
    assert.equal(status.text, '$(list-ordered) cohere · rerank-v3.5 $(warning)');
    assert.match(status.tooltip, /no API key set/);
  });

  it('names the provider and model when a key is stored, even if offline was chosen before', () => {
    const status = rankerStatus({ ...cohere, keyFrom: 'secret storage', offlineChosen: true });
    assert.equal(status.text, '$(list-ordered) cohere · rerank-v3.5');
    assert.equal(status.offline, false);
  });

  it('does not warn about a key a self-hosted server does not need', () => {
    const status = rankerStatus({ profile: 'tei', host: '127.0.0.1:8080', model: 'server default', keyRequired: false, offlineChosen: true });
    assert.equal(status.text, '$(list-ordered) tei · server default');
    assert.match(status.tooltip, /no key needed/);
  });

  it('says a self-hosted provider needs its endpoint', () => {
    assert.match(rankerStatus({ profile: 'vllm', model: 'server default', keyRequired: false, offlineChosen: false }).tooltip, /set rerank\.endpoint/);
  });

  it('says local for the local provider', () => {
    assert.equal(rankerStatus({ model: 'bm25', keyRequired: false, offlineChosen: false }).text, '$(list-ordered) local · bm25');
  });
});

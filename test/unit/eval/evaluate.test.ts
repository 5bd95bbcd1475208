import * as assert from 'node:assert/strict';
import type { Qrels } from '../../../src/core/metrics';
import type { Ranker } from '../../../src/core/types';
import { evaluate } from '../../../src/eval/evaluate';
import { fakeSecrets } from '../../support/fakeSecrets';

const { githubToken } = fakeSecrets(7);

/** A remote-looking ranker that keeps every document it is sent and ranks them as given. */
function recordingRanker(): Ranker & { sent: string[] } {
  const sent: string[] = [];
  return {
    provider: 'cohere',
    model: 'test',
    limits: { maxDocumentsPerRequest: 100, scoresComparable: true, scoreKind: 'probability' },
    sent,
    rank: async (_query, documents) => {
      sent.push(...documents);
      return { results: documents.map((_, index) => ({ index, score: 1 - index / 100 })), requests: 1, retries: 0 };
    },
  };
}

describe('evaluate: the corpus sent to a ranker', () => {
  const corpus = [
    { id: 'd1', title: '', text: 'retry the request after a delay' },
    { id: 'd2', title: 'deploy', text: `export GITHUB_TOKEN=${githubToken}` },
    { id: 'd3', title: '', text: 'bake bread at home' },
  ];
  const queries = [
    { id: 'q1', text: 'retry request' },
    { id: 'q2', text: 'deploy token' },
  ];
  const qrels: Qrels = new Map([
    ['q1', new Map([['d1', 1]])],
    ['q2', new Map([['d2', 1]])],
  ]);
  const run = new Map([
    ['q1', ['d2', 'd1', 'd3']],
    ['q2', ['d2', 'd3']],
  ]);

  it('passes the secret guard: a likely secret is redacted before it is sent, and counted once per document', async () => {
    const ranker = recordingRanker();
    const result = await evaluate({ corpus, queries, qrels, run, ranker, secretPolicy: 'redact', k: 10 });
    assert.ok(ranker.sent.length > 0);
    assert.ok(!ranker.sent.some((text) => text.includes(githubToken)), 'the token was sent');
    assert.ok(ranker.sent.includes('deploy\nexport GITHUB_TOKEN=[redacted github-token]'));
    assert.deepEqual([result.secretsRedacted, result.documentsOmitted], [1, 0]);
  });

  it("with 'omit', sends no document holding one and ranks it after those it sent", async () => {
    const ranker = recordingRanker();
    const result = await evaluate({ corpus, queries, qrels, run, ranker, secretPolicy: 'omit', k: 10 });
    assert.ok(!ranker.sent.some((text) => text.includes('GITHUB_TOKEN')));
    assert.deepEqual(result.rankings.get('q1'), ['d1', 'd3', 'd2']);
    assert.deepEqual([result.secretsRedacted, result.documentsOmitted], [0, 1]);
  });
});

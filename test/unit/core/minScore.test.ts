import * as assert from 'node:assert/strict';
import { rerank } from '../../../src/core/engine';
import { aboveMinScore, belowMinScore } from '../../../src/core/minScore';
import { isRun } from '../../../src/core/runCheck';
import type { Candidate, Ranker, RankResponse } from '../../../src/core/types';

const TEXTS = ['0.9', '0.2', '0.6', '0.05', '0.4'];
const candidates: Candidate[] = TEXTS.map((text, index) => ({ id: String(index), text, source: { kind: 'input', index } }));

/** Scores each document by the number it holds. */
const ranker: Ranker = {
  provider: 'test',
  model: 'numbers',
  limits: { maxDocumentsPerRequest: 100, scoresComparable: true, scoreKind: 'probability' },
  rank: (_query, documents): Promise<RankResponse> => Promise.resolve({ results: documents.map((d, index) => ({ index, score: Number(d) })), requests: 1, retries: 0 }),
};

describe('the relevance cut-off', () => {
  it('is recorded on the run, which still holds every result (the panel lists them)', async () => {
    const run = await rerank('q', candidates, ranker, { topK: 10, minScore: 0.4 });
    assert.equal(run.minScore, 0.4);
    assert.equal(run.items.length, 5);
    assert.ok(isRun(run), 'a run with a cut-off is read back from storage');
  });

  it('leaves out the results scoring below it, keeping ranks and order; one at the cut-off stays', async () => {
    const run = await rerank('q', candidates, ranker, { topK: 10, minScore: 0.4 });
    assert.deepEqual(aboveMinScore(run).items.map((i) => [i.rank, i.score]), [[1, 0.9], [2, 0.6], [3, 0.4]]);
    assert.equal(belowMinScore(run), 2);
  });

  it('keeps every result of a run made without one', async () => {
    const run = await rerank('q', candidates, ranker, { topK: 10 });
    assert.equal(run.minScore, undefined);
    assert.equal(aboveMinScore(run), run);
    assert.equal(belowMinScore(run), 0);
  });

  it('takes a negative cut-off for raw logits', async () => {
    const run = await rerank('q', candidates, ranker, { topK: 10, minScore: -1 });
    assert.equal(aboveMinScore(run).items.length, 5);
  });

  it('is not a stored run when it is not a number', async () => {
    const run = await rerank('q', candidates, ranker, { topK: 10 });
    assert.equal(isRun({ ...run, minScore: '0.4' }), false);
  });
});

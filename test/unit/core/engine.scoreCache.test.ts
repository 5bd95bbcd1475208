import * as assert from 'node:assert/strict';
import { rerank } from '../../../src/core/engine';
import { RerankError } from '../../../src/core/errors';
import { scoreCacheNote } from '../../../src/core/progress';
import { isRun } from '../../../src/core/runCheck';
import type { Candidate, RankRequestOptions, RankResponse, Ranker, RankerLimits, ScoreMemory } from '../../../src/core/types';

function candidates(n: number): Candidate[] {
  return Array.from({ length: n }, (_, i) => ({ id: String(i), text: `doc ${i}`, source: { kind: 'input', index: i } }));
}

/** A ranker whose memory knows the scores in `known` (by text); the score of `doc N` is N. */
class RememberingRanker implements Ranker, ScoreMemory {
  readonly provider = 'test';
  readonly model = 'remembering';
  readonly memory: ScoreMemory = this;
  sent: string[][] = [];
  recalls = 0;
  persists = 0;
  fail = false;

  constructor(
    readonly limits: RankerLimits,
    readonly known = new Map<string, number>(),
  ) {}

  async recall(_query: string, documents: readonly string[]): Promise<(number | undefined)[]> {
    this.recalls++;
    return documents.map((d) => this.known.get(d));
  }

  async persist(): Promise<void> {
    this.persists++;
  }

  async rank(_query: string, documents: readonly string[], options: RankRequestOptions): Promise<RankResponse> {
    this.sent.push([...documents]);
    if (this.fail) throw new RerankError('server', 'server failed with 503', 503);
    const results = documents.map((text, index) => ({ index, score: Number(text.split(' ')[1]) })).sort((a, b) => b.score - a.score);
    return { results: results.slice(0, options.topN ?? results.length), requests: 1, retries: 0 };
  }
}

const comparable: RankerLimits = { maxDocumentsPerRequest: 2, scoresComparable: true, scoreKind: 'probability' };
const score = (n: number): [string, number] => [`doc ${n}`, n];

describe('engine with a score cache', () => {
  it('sends only the documents without a known score, in batches, and merges both by score', async () => {
    const ranker = new RememberingRanker(comparable, new Map([score(0), score(2), score(5)]));
    const run = await rerank('q', candidates(6), ranker, { topK: 3 });
    assert.deepEqual(ranker.sent, [['doc 1', 'doc 3'], ['doc 4']]);
    assert.deepEqual(run.items.map((i) => [i.index, i.score]), [[5, 5], [4, 4], [3, 3]]);
    assert.deepEqual(run.stats.fromCache, { passages: 3, requestsSaved: 1 });
    assert.equal(ranker.persists, 1);
  });

  it('sends nothing when every score is known', async () => {
    const ranker = new RememberingRanker(comparable, new Map([score(0), score(1), score(2)]));
    const run = await rerank('q', candidates(3), ranker, { topK: 2, maxRequests: 1 });
    assert.deepEqual(ranker.sent, []);
    assert.deepEqual(run.items.map((i) => i.index), [2, 1]);
    assert.deepEqual(run.stats, { requests: 0, retries: 0, batches: 0, fromCache: { passages: 3, requestsSaved: 2 } });
  });

  it('asks for every score of a batch it sends, whatever the top-K', async () => {
    const ranker = new RememberingRanker({ ...comparable, maxDocumentsPerRequest: 10 });
    const calls: (number | undefined)[] = [];
    const rank = ranker.rank.bind(ranker);
    ranker.rank = (q, d, o) => (calls.push(o.topN), rank(q, d, o));
    await rerank('q', candidates(6), ranker, { topK: 1 });
    assert.deepEqual(calls, [6]);
  });

  it('counts only the requests still to send against the run\'s limit', async () => {
    const ranker = new RememberingRanker(comparable, new Map([score(0), score(1), score(2), score(3)]));
    const run = await rerank('q', candidates(6), ranker, { maxRequests: 1, approveRequests: () => false });
    assert.equal(run.stats.batches, 1);
  });

  it('keeps what it learned when a batch fails', async () => {
    const ranker = new RememberingRanker(comparable);
    ranker.fail = true;
    await assert.rejects(rerank('q', candidates(3), ranker), /503/);
    assert.equal(ranker.persists, 1);
  });

  it('is not asked by a run merged by reciprocal rank, nor for a ranker whose scores do not compare', async () => {
    const fused = new RememberingRanker(comparable, new Map([score(0)]));
    await rerank('q', candidates(3), fused, { merge: 'rrf' });
    const listwise = new RememberingRanker({ ...comparable, scoresComparable: false }, new Map([score(0)]));
    await rerank('q', candidates(3), listwise);
    for (const ranker of [fused, listwise]) {
      assert.deepEqual([ranker.recalls, ranker.persists, ranker.sent.flat().length], [0, 0, 3]);
    }
  });

  it('is said in the run summary, and a stored run with it is read back', async () => {
    const ranker = new RememberingRanker(comparable, new Map([score(0)]));
    const run = await rerank('q', candidates(3), ranker);
    assert.equal(scoreCacheNote(run), '1 passage from the score cache, 1 request saved');
    assert.ok(isRun(run));
    assert.equal(isRun({ ...run, stats: { ...run.stats, fromCache: { passages: 'many' } } }), false);
    assert.equal(scoreCacheNote({ stats: { requests: 1, retries: 0, batches: 1 } }), undefined);
  });
});

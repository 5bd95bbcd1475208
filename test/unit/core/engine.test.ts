import * as assert from 'node:assert/strict';
import { splitIntoBatches } from '../../../src/core/batching';
import { rerank } from '../../../src/core/engine';
import { estimateTokens } from '../../../src/core/tokens';
import { RerankError } from '../../../src/core/errors';
import type { Candidate, RankRequestOptions, RankResponse, Ranker, RankerLimits, RerankProgress } from '../../../src/core/types';

function candidates(n: number): Candidate[] {
  return Array.from({ length: n }, (_, i) => ({ id: String(i), text: `doc ${i}`, source: { kind: 'input', index: i } }));
}

/**
 * An in-memory ranker: scores each document by a function of its text, so the expected global
 * order is known. Records calls and in-flight count; can be told to fail or to report 429 retries.
 */
class ScriptedRanker implements Ranker {
  readonly provider = 'test';
  readonly model = 'scripted';
  calls: { size: number; topN: number | undefined }[] = [];
  inFlight = 0;
  maxInFlight = 0;
  failOnCall?: number;
  rateLimitedCalls = new Set<number>();
  release: (() => void)[] = [];
  holdCalls = false;
  /** Answers a held call even when the signal aborted meanwhile. */
  ignoreSignal = false;
  /** Answers 413 to any request with more documents than this. */
  tooLargeAbove = Infinity;

  constructor(
    readonly limits: RankerLimits,
    private readonly score: (text: string) => number = (t) => Number(t.split(' ')[1]) % 97,
  ) {}

  async rank(_query: string, documents: readonly string[], options: RankRequestOptions): Promise<RankResponse> {
    const call = this.calls.length;
    this.calls.push({ size: documents.length, topN: options.topN });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await Promise.resolve();
      // A 429 arrives after a round trip, while the request is in flight.
      if (this.rateLimitedCalls.has(call)) options.onRetry?.({ attempt: 1, maxRetries: 5, delayMs: 0, status: 429, reason: 'rate limited' });
      if (this.holdCalls) await new Promise<void>((resolve) => this.release.push(resolve));
      if (options.signal?.aborted && !this.ignoreSignal) throw new RerankError('cancelled', 'cancelled');
      if (documents.length > this.tooLargeAbove) throw new RerankError('too-large', 'batch size 100 > maximum allowed batch size 32 (413)', 413);
      if (call === this.failOnCall) throw new RerankError('server', 'server failed with 503 after 6 attempts', 503);
      const results = documents
        .map((text, index) => ({ index, score: this.score(text) }))
        .sort((a, b) => b.score - a.score || a.index - b.index)
        .slice(0, options.topN ?? documents.length);
      return { results, requests: 1, retries: this.rateLimitedCalls.has(call) ? 1 : 0 };
    } finally {
      this.inFlight--;
    }
  }
}

const comparable: RankerLimits = { maxDocumentsPerRequest: 1000, scoresComparable: true, scoreKind: 'probability' };
const listwise: RankerLimits = { maxDocumentsPerRequest: 1000, scoresComparable: false, scoreKind: 'logit' };

describe('engine: rerank()', () => {
  it('splits candidates into batches within the ranker limit', () => {
    assert.deepEqual(
      splitIntoBatches(0, 2500, { maxDocuments: 1000, queryTokens: 0 }).map((b) => [b.start, b.size]),
      [[0, 1000], [1000, 1000], [2000, 500]],
    );
  });

  it('fills batches up to a token budget, counting the query once per document when the provider does', () => {
    // Documents of 10 tokens, a query of 5, a budget of 50 per request.
    const documentTokens = Array.from({ length: 10 }, () => 10);
    const sizes = (queryCountsPerDocument: boolean) =>
      splitIntoBatches(0, 10, { maxDocuments: 1000, queryTokens: 5, documentTokens, tokenBudget: { maxTokensPerRequest: 50, queryCountsPerDocument } }).map((b) => b.size);
    assert.deepEqual(sizes(false), [5, 5]);
    assert.deepEqual(sizes(true), [3, 3, 3, 1]);
  });

  it('gives a document over the token budget a batch of its own rather than dropping it', () => {
    const batches = splitIntoBatches(0, 3, { maxDocuments: 10, queryTokens: 1, documentTokens: [5, 500, 5], tokenBudget: { maxTokensPerRequest: 100, queryCountsPerDocument: false } });
    assert.deepEqual(batches.map((b) => [b.start, b.size]), [[0, 1], [1, 1], [2, 1]]);
  });

  it('refuses a query that alone exceeds the token budget', () => {
    assert.throws(
      () => splitIntoBatches(0, 3, { maxDocuments: 10, queryTokens: 200, documentTokens: [1, 1, 1], tokenBudget: { maxTokensPerRequest: 100, queryCountsPerDocument: true } }),
      /the query is about 200 tokens, over the provider's 100-token budget/,
    );
  });

  it('batches by the ranker token budget: each request as full as the budget allows', async () => {
    const budget = 40;
    const ranker = new ScriptedRanker({ ...comparable, tokenBudget: { maxTokensPerRequest: budget, queryCountsPerDocument: true } });
    const texts = candidates(30).map((c) => c.text);
    const run = await rerank('q', candidates(30), ranker, { topK: 30 });
    const cost = (i: number) => estimateTokens('q') + estimateTokens(texts[i] as string);
    let start = 0;
    for (const { size } of ranker.calls) {
      let used = 0;
      for (let i = start; i < start + size; i++) used += cost(i);
      assert.ok(used <= budget, `a request of ${used} tokens`);
      if (start + size < texts.length) assert.ok(used + cost(start + size) > budget, 'the next document would not have fit');
      start += size;
    }
    assert.equal(start, 30);
    assert.ok(ranker.calls.length > 1);
    assert.equal(run.items.length, 30);
  });

  it('halves the batch size on a 413 and finishes the run with every candidate', async () => {
    const ranker = new ScriptedRanker(comparable);
    ranker.tooLargeAbove = 32;
    const run = await rerank('q', candidates(100), ranker, { topK: 100, concurrency: 1 });
    // 100 -> 413; 50 -> 413; then 25-document batches.
    assert.deepEqual(ranker.calls.map((c) => c.size), [100, 50, 25, 25, 25, 25]);
    assert.equal(run.items.length, 100);
    assert.equal(new Set(run.items.map((i) => i.index)).size, 100);
    assert.equal(run.stats.batches, 4);
    assert.equal(run.stats.requests, 6);
  });

  it('fails when even one document is too large', async () => {
    const ranker = new ScriptedRanker(comparable);
    ranker.tooLargeAbove = 0;
    await assert.rejects(rerank('q', candidates(2), ranker, { topK: 2 }), (err: unknown) => err instanceof RerankError && err.kind === 'too-large');
  });

  it('sends 2,500 candidates as three requests and asks each for only top-K', async () => {
    const ranker = new ScriptedRanker(comparable);
    const run = await rerank('q', candidates(2500), ranker, { topK: 5 });
    assert.deepEqual(ranker.calls, [{ size: 1000, topN: 5 }, { size: 1000, topN: 5 }, { size: 500, topN: 5 }]);
    assert.equal(run.stats.batches, 3);
    assert.equal(run.stats.requests, 3);
  });

  it('merges comparable scores globally and maps batch indices back to candidates', async () => {
    const ranker = new ScriptedRanker(comparable);
    const cands = candidates(2500);
    const run = await rerank('q', cands, ranker, { topK: 30 });
    // Score = i % 97, so the best are i ≡ 96 (mod 97), in input order on ties.
    const expected = cands.map((_, i) => i).filter((i) => i % 97 === 96).slice(0, 25);
    assert.deepEqual(run.items.slice(0, 25).map((it) => it.index), expected);
    for (const item of run.items) assert.equal(item.candidate, cands[item.index]);
    assert.deepEqual(run.items.map((it) => it.rank), Array.from({ length: 30 }, (_, i) => i + 1));
    assert.equal(run.merge, 'score');
  });

  it('never returns a candidate twice and returns exactly top-K', async () => {
    const run = await rerank('q', candidates(2345), new ScriptedRanker(comparable), { topK: 500, batchSize: 300 });
    assert.equal(run.items.length, 500);
    assert.equal(new Set(run.items.map((i) => i.index)).size, 500);
  });

  it('returns every candidate when top-K exceeds their number', async () => {
    const run = await rerank('q', candidates(7), new ScriptedRanker(comparable), { topK: 10 });
    assert.deepEqual(run.items.map((i) => i.index).sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6]);
  });

  it('merges by reciprocal rank fusion when scores are not comparable across requests', async () => {
    const ranker = new ScriptedRanker(listwise, (t) => Number(t.split(' ')[1]));
    const run = await rerank('q', candidates(30), ranker, { topK: 6, batchSize: 10 });
    assert.equal(run.merge, 'rrf');
    // Each batch's best first (29, 19, 9), then each batch's second (28, 18, 8).
    assert.deepEqual(run.items.map((i) => i.index), [9, 19, 29, 8, 18, 28]);
    assert.equal(run.items[0]?.fusedScore, 1 / 61);
    assert.equal(run.items[3]?.fusedScore, 1 / 62);
  });

  it('merges by RRF when asked even if scores are comparable', async () => {
    const run = await rerank('q', candidates(30), new ScriptedRanker(comparable, (t) => Number(t.split(' ')[1])), { topK: 3, batchSize: 10, merge: 'rrf' });
    assert.equal(run.merge, 'rrf');
    assert.deepEqual(run.items.map((i) => i.index), [9, 19, 29]);
  });

  it('uses score merge for a single batch even when scores are not comparable', async () => {
    const run = await rerank('q', candidates(5), new ScriptedRanker(listwise), { topK: 3 });
    assert.equal(run.merge, 'score');
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const ranker = new ScriptedRanker(comparable);
    await rerank('q', candidates(10_000), ranker, { topK: 1, batchSize: 100, concurrency: 3 });
    assert.equal(ranker.calls.length, 100);
    assert.equal(ranker.maxInFlight, 3);
  });

  it('halves concurrency on a 429 and grows it back on success', async () => {
    const ranker = new ScriptedRanker(comparable);
    ranker.holdCalls = true;
    ranker.rateLimitedCalls = new Set([0, 1, 2, 3]);
    const cands = candidates(1200);
    const running = rerank('q', cands, ranker, { topK: 1, batchSize: 100, concurrency: 4 });
    await tick();
    assert.equal(ranker.calls.length, 4, 'four launched before any 429 was seen');
    assert.equal(ranker.release.length, 4);
    // Four 429s: 4 -> 2 -> 1 -> 1 -> 1. Finishing one batch grows the limit to 2: still 3 in flight, so no launch.
    ranker.release.shift()?.();
    await tick();
    assert.equal(ranker.calls.length, 4);
    ranker.release.shift()?.(); // limit 3, 2 in flight -> one launch
    await tick();
    assert.equal(ranker.calls.length, 5);
    ranker.holdCalls = false;
    for (const release of ranker.release.splice(0)) release();
    const run = await running;
    assert.equal(ranker.calls.length, 12);
    assert.equal(run.stats.retries, 4);
  });

  it('fails the whole run, naming the batch, when one batch fails after its retries', async () => {
    const ranker = new ScriptedRanker(comparable);
    ranker.failOnCall = 1;
    await assert.rejects(rerank('q', candidates(2500), ranker, { topK: 3, concurrency: 1 }), (err: unknown) => {
      assert.ok(err instanceof RerankError);
      assert.equal(err.kind, 'server');
      assert.match(err.message, /^batch 2\/3 \(candidates 1001-2000\): server failed with 503/);
      return true;
    });
    assert.equal(ranker.calls.length, 2, 'no batch is started after one failed');
  });

  it('rejects a ranker answer that would lose a candidate', async () => {
    const short: Ranker = {
      provider: 'test',
      model: 'short',
      limits: comparable,
      rank: async () => ({ results: [{ index: 0, score: 1 }], requests: 1, retries: 0 }),
    };
    await assert.rejects(rerank('q', candidates(5), short, { topK: 3 }), /returned 1 results for 5 documents, expected 3/);
  });

  it('rejects a ranker answer that repeats an index', async () => {
    const dup: Ranker = {
      provider: 'test',
      model: 'dup',
      limits: comparable,
      rank: async () => ({ results: [{ index: 1, score: 1 }, { index: 1, score: 0.5 }], requests: 1, retries: 0 }),
    };
    await assert.rejects(rerank('q', candidates(2), dup, { topK: 2 }), /invalid or repeated index 1/);
  });

  it('reports progress per batch and per retry', async () => {
    const ranker = new ScriptedRanker(comparable);
    ranker.rateLimitedCalls = new Set([1]);
    const events: RerankProgress[] = [];
    await rerank('q', candidates(250), ranker, { topK: 1, batchSize: 100, concurrency: 1 }, undefined, (p) => events.push(p));
    assert.deepEqual(events, [
      { type: 'batch', done: 1, total: 3 },
      { type: 'retry', batch: 2, totalBatches: 3, retry: { attempt: 1, maxRetries: 5, delayMs: 0, status: 429, reason: 'rate limited' } },
      { type: 'batch', done: 2, total: 3 },
      { type: 'batch', done: 3, total: 3 },
    ]);
  });

  it('stops at once with a cancellation error when the signal aborts', async () => {
    const ranker = new ScriptedRanker(comparable);
    ranker.holdCalls = true;
    const controller = new AbortController();
    const running = rerank('q', candidates(5000), ranker, { topK: 1, concurrency: 2 }, controller.signal);
    await tick();
    controller.abort();
    for (const release of ranker.release.splice(0)) release();
    await assert.rejects(running, (err: unknown) => err instanceof RerankError && err.kind === 'cancelled');
    assert.equal(ranker.calls.length, 2);
  });

  for (const [name, count] of [
    ['with batches still queued', 5000],
    ['when they were the last', 2000],
  ] as const) {
    it(`rejects as cancelled when the signal aborts and the batches in flight then succeed (${name})`, async () => {
      // A ranker that finishes what it started whatever the signal says (a reply already on its way).
      const ranker = new ScriptedRanker(comparable);
      ranker.holdCalls = true;
      ranker.ignoreSignal = true;
      const controller = new AbortController();
      let outcome: unknown = 'still pending';
      const running = rerank('q', candidates(count), ranker, { topK: 1, concurrency: 2 }, controller.signal).then(
        () => 'resolved',
        (err: unknown) => err,
      );
      void running.then((o) => (outcome = o));
      await tick();
      controller.abort();
      for (const release of ranker.release.splice(0)) release();
      for (let i = 0; i < 5; i++) await tick();
      assert.ok(outcome instanceof RerankError && outcome.kind === 'cancelled', `the run is ${String(outcome)}`);
      assert.equal(ranker.calls.length, 2, 'no batch is started after the abort');
    });
  }

  it('refuses an already aborted signal without calling the ranker', async () => {
    const ranker = new ScriptedRanker(comparable);
    await assert.rejects(rerank('q', candidates(3), ranker, {}, AbortSignal.abort()), /cancelled/);
    assert.equal(ranker.calls.length, 0);
  });

  for (const [name, query, n, options, message] of [
    ['an empty query', '  ', 3, {}, /query is empty/],
    ['no candidates', 'q', 0, {}, /no candidates/],
    ['a zero top-K', 'q', 3, { topK: 0 }, /top-K must be a positive integer/],
    ['a fractional batch size', 'q', 3, { batchSize: 1.5 }, /batch size must be a positive integer/],
    ['a zero concurrency', 'q', 3, { concurrency: 0 }, /concurrency must be a positive integer/],
  ] as const) {
    it(`rejects ${name} as bad input`, async () => {
      await assert.rejects(rerank(query, candidates(n), new ScriptedRanker(comparable), options), (err: unknown) => {
        assert.ok(err instanceof RerankError);
        assert.equal(err.kind, 'bad-input');
        assert.match(err.message, message);
        return true;
      });
    });
  }

  it('describes the run: provider, model, score kind, counts and duration', async () => {
    let t = 1_000;
    const run = await rerank('q', candidates(4), new ScriptedRanker(comparable), { topK: 2, now: () => (t += 7) });
    assert.equal(run.provider, 'test');
    assert.equal(run.model, 'scripted');
    assert.equal(run.scoreKind, 'probability');
    assert.equal(run.candidateCount, 4);
    assert.equal(run.durationMs, 7);
    assert.equal(run.startedAt, new Date(1_007).toISOString());
  });

  it('sends documentText to the ranker, counts its tokens, and keeps the candidate text in the Run', async () => {
    const seen: string[] = [];
    const ranker: Ranker = {
      provider: 'test',
      model: 'seen',
      limits: { maxDocumentsPerRequest: 1000, scoresComparable: true, scoreKind: 'probability', tokenBudget: { maxTokensPerRequest: 40, queryCountsPerDocument: false } },
      rank: async (_q, documents) => {
        seen.push(...documents);
        return { results: documents.map((_, index) => ({ index, score: 1 - index / 10 })), requests: 1, retries: 0 };
      },
    };
    const input = candidates(3);
    const header = 'a header of a dozen words or so that counts against the token budget\n\n';
    const run = await rerank('q', input, ranker, { topK: 3, documentText: (c) => header + c.text });
    assert.deepEqual(seen, input.map((c) => header + c.text));
    assert.equal(run.stats.batches, 3, 'each document with its header fills a request of 40 tokens');
    assert.deepEqual(run.items.map((i) => i.candidate.text), input.map((c) => c.text));
  });
});

function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

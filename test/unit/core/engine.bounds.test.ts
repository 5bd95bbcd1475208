// The engine's bounds on a run: one deadline for the whole run, a cap on the requests it may send,
// and no pile of abort listeners on one signal however many requests are in flight.

import * as assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import * as sinon from 'sinon';
import { rerank } from '../../../src/core/engine';
import { RerankError, abortReason } from '../../../src/core/errors';
import type { Candidate, RankRequestOptions, RankResponse, Ranker, RankerLimits } from '../../../src/core/types';

const LIMITS: RankerLimits = { maxDocumentsPerRequest: 1000, scoresComparable: true, scoreKind: 'probability' };

function candidates(n: number): Candidate[] {
  return Array.from({ length: n }, (_, i) => ({ id: String(i), text: `doc ${i}`, source: { kind: 'input', index: i } }));
}

/**
 * Answers each request after `delayMs` (a timer, so a fake clock drives it), listening for an
 * abort as the HTTP layer does: one listener on the request's signal while the request is out.
 */
class SlowRanker implements Ranker {
  readonly provider = 'test';
  readonly model = 'slow';
  limits = LIMITS;
  answered = 0;
  calls = 0;
  /** Every signal a request was given, with its abort listeners counted while the request was out. */
  listenerCounts: number[] = [];
  signals = new Set<AbortSignal>();
  /** Answer only when told (instead of after delayMs). */
  held: (() => void)[] = [];

  constructor(
    private readonly delayMs: number | 'held' | 'never',
    private readonly honourSignal = true,
  ) {}

  rank(_query: string, documents: readonly string[], options: RankRequestOptions): Promise<RankResponse> {
    this.calls++;
    const signal = options.signal as AbortSignal;
    this.signals.add(signal);
    return new Promise((resolve, reject) => {
      const answer = () => {
        signal.removeEventListener('abort', onAbort);
        this.answered++;
        resolve({ results: documents.map((_, index) => ({ index, score: 1 - index / documents.length })), requests: 1, retries: 0 });
      };
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortReason(signal));
      };
      if (this.honourSignal) signal.addEventListener('abort', onAbort, { once: true });
      this.listenerCounts.push(getEventListeners(signal, 'abort').length);
      const timer = typeof this.delayMs === 'number' ? setTimeout(answer, this.delayMs) : undefined;
      if (this.delayMs === 'held') this.held.push(answer);
    });
  }
}

describe('engine: bounds of a run', () => {
  describe('one deadline for the whole run', () => {
    let clock: sinon.SinonFakeTimers;
    beforeEach(() => {
      clock = sinon.useFakeTimers();
    });
    afterEach(() => clock.restore());

    it('ends a run of 10 slow batches when the run deadline passes, not after 10 per-batch waits', async () => {
      const ranker = new SlowRanker(600);
      const run = rerank('q', candidates(10), ranker, { batchSize: 1, concurrency: 1, deadlineMs: 2_000 });
      const outcome = run.then(
        () => undefined,
        (err: unknown) => err,
      );
      await clock.tickAsync(2_000);
      const err = await outcome;
      assert.ok(err instanceof RerankError, `the run ended with ${String(err)}`);
      assert.equal(err.kind, 'timeout');
      assert.equal(err.message, "the run's deadline of 2 s passed with 3 of 10 batches answered");
      assert.equal(ranker.answered, 3);
      assert.equal(ranker.calls, 4, 'the fourth request was aborted, and none after it sent');
    });

    it('passes the deadline to every request, so no retry waits past it', async () => {
      const seen: (number | undefined)[] = [];
      const ranker: Ranker = {
        provider: 'test',
        model: 'm',
        limits: LIMITS,
        rank: async (_q, docs, options) => {
          seen.push(options.deadline);
          return { results: docs.map((_, index) => ({ index, score: 0 })), requests: 1, retries: 0 };
        },
      };
      await rerank('q', candidates(3), ranker, { batchSize: 1, deadlineMs: 5_000 });
      assert.deepEqual(seen, [5_000, 5_000, 5_000]);
    });

    it('ends the run at its deadline even when a ranker ignores its signal', async () => {
      const ranker = new SlowRanker('never', false);
      const outcome = rerank('q', candidates(2), ranker, { deadlineMs: 1_500 }).catch((err: unknown) => err);
      await clock.tickAsync(1_500);
      const err = await outcome;
      assert.ok(err instanceof RerankError);
      assert.equal(err.message, "the run's deadline of 1.5 s passed");
    });

    it("tells the user's cancel apart from the deadline", async () => {
      const ranker = new SlowRanker(10_000);
      const controller = new AbortController();
      const outcome = rerank('q', candidates(4), ranker, { batchSize: 1, deadlineMs: 60_000 }, controller.signal).catch((err: unknown) => err);
      await clock.tickAsync(100);
      controller.abort();
      const err = await outcome;
      assert.ok(err instanceof RerankError);
      assert.equal(err.kind, 'cancelled');
    });
  });

  it('puts at most one abort listener on any signal with 32 requests in flight', async () => {
    const ranker = new SlowRanker('held');
    const controller = new AbortController();
    const run = rerank('q', candidates(64), ranker, { batchSize: 2, concurrency: 32 }, controller.signal);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(ranker.held.length, 32, 'every request is in flight');
    assert.ok(Math.max(...ranker.listenerCounts) <= 1, `a signal held ${Math.max(...ranker.listenerCounts)} abort listeners`);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 1, "the caller's signal has the engine's one listener");
    while (ranker.held.length > 0) {
      for (const answer of ranker.held.splice(0)) answer();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await run;
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0, 'and none once the run is over');
  });

  describe('the number of requests', () => {
    const quick = () => new SlowRanker(0);

    /** The count the engine asks about before sending anything (a limit of 0 makes it ask for any run). */
    async function plannedRequests(docs: readonly Candidate[], ranker: Ranker, batchSize?: number): Promise<number> {
      let asked = -1;
      const options = { maxRequests: 0, approveRequests: (count: number) => ((asked = count), false), ...(batchSize ? { batchSize } : {}) };
      await assert.rejects(rerank('q', docs, ranker, options), (err: unknown) => err instanceof RerankError && err.kind === 'cancelled');
      return asked;
    }

    it('is one per batch: the batch size and the ranker limit decide it', async () => {
      assert.equal(await plannedRequests(candidates(10), quick(), 3), 4);
      assert.equal(await plannedRequests(candidates(10), quick(), 10), 1);
      assert.equal(await plannedRequests(candidates(10), quick()), 1);
      assert.equal(await plannedRequests(candidates(2500), quick(), 5000), 3, 'never above the ranker limit of 1000 per request');
    });

    it('follows a token budget too', async () => {
      const budgeted = quick();
      Object.assign(budgeted, { limits: { ...LIMITS, tokenBudget: { maxTokensPerRequest: 100, queryCountsPerDocument: false } } });
      const long = candidates(4).map((c) => ({ ...c, text: 'word '.repeat(200) }));
      assert.equal(await plannedRequests(long, budgeted), 4);
      assert.equal(budgeted.calls, 0);
    });

    it('above maxRequests, without anyone to ask, refuses the run before sending anything', async () => {
      const ranker = quick();
      await assert.rejects(rerank('q', candidates(200), ranker, { batchSize: 1, maxRequests: 50 }), (err: unknown) => {
        assert.ok(err instanceof RerankError);
        assert.equal(err.kind, 'bad-input');
        assert.match(err.message, /would send 200 requests, more than the limit of 50/);
        return true;
      });
      assert.equal(ranker.calls, 0);
    });

    it('above maxRequests asks first: a no cancels with nothing sent, a yes sends them', async () => {
      const asked: [number, number][] = [];
      const no = quick();
      await assert.rejects(
        rerank('q', candidates(60), no, { batchSize: 1, maxRequests: 50, approveRequests: (count, max) => (asked.push([count, max]), false) }),
        (err: unknown) => err instanceof RerankError && err.kind === 'cancelled',
      );
      assert.equal(no.calls, 0);
      const yes = quick();
      const run = await rerank('q', candidates(60), yes, { batchSize: 1, maxRequests: 50, approveRequests: async () => true });
      assert.equal(run.stats.batches, 60);
      assert.deepEqual(asked, [[60, 50]]);
    });

    it("a server's 413s cannot split the run into more requests than it may send", async () => {
      let calls = 0;
      const picky: Ranker = {
        provider: 'test',
        model: 'm',
        limits: LIMITS,
        rank: async (_q, docs) => {
          calls++;
          if (docs.length > 1) throw new RerankError('too-large', 'batch too large (413)', 413);
          return { results: [{ index: 0, score: 1 }], requests: 1, retries: 0 };
        },
      };
      // 8 -> 413, two of 4 (3 requests in all); 4 -> 413, four of 2: 6 requests, over the 4 allowed.
      await assert.rejects(rerank('q', candidates(8), picky, { batchSize: 8, concurrency: 1, maxRequests: 4 }), (err: unknown) => {
        assert.ok(err instanceof RerankError);
        assert.match(err.message, /^the server wants smaller batches, which would make 6 requests, more than the 4 this run may send: batch too large \(413\)$/);
        return true;
      });
      assert.equal(calls, 2);
    });

    it('at or under maxRequests asks nothing', async () => {
      const run = await rerank('q', candidates(50), quick(), { batchSize: 1, maxRequests: 50, approveRequests: () => assert.fail('asked') });
      assert.equal(run.stats.batches, 50);
    });
  });
});

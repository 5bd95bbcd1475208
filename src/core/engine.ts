// The one rerank engine: batching, adaptive concurrency, merge, top-K. No I/O of its own; the
// ranker does the talking.

import { batchLimits, splitIntoBatches, type Batch, type BatchLimits } from './batching';
import { AdaptiveLimit } from './concurrency';
import { RerankError, abortReason, cancelledError, errorText, throwIfAborted } from './errors';
import { mergeBatches, type BatchHit } from './merge';
import { formatSeconds } from './progress';
import { MAX_TIMER_MS } from './timers';
import type { Candidate, MergeMethod, RankResponse, Ranker, RerankProgress, Run, RunStats, ScoreMemory } from './types';

export interface RerankOptions {
  /** How many results to keep (default 10). */
  topK?: number;
  /** Documents per request; never above the ranker's own limit. */
  batchSize?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** "score" (default when the ranker's scores are comparable) or "rrf". */
  merge?: MergeMethod;
  /** Bound on the whole run: every batch, retry and wait together (default 5 minutes). */
  deadlineMs?: number;
  /** Requests the run may send without asking `approveRequests` (counted as batches, before retries). */
  maxRequests?: number;
  /**
   * Asked before a run that would send more than `maxRequests`: true sends them, false cancels.
   * Without it such a run is refused. May throw its own error (the CLI names its flag).
   */
  approveRequests?: (count: number, max: number) => boolean | Promise<boolean>;
  /**
   * The text the ranker gets for a candidate (default: its text). A face adds a document header
   * here, so it reaches the ranker and never the candidate kept in the Run.
   */
  documentText?: (candidate: Candidate) => string;
  /** The relevance cut-off recorded on the run (see aboveMinScore); the run still holds every result. */
  minScore?: number;
  /** Injected for tests; defaults to the wall clock. */
  now?: () => number;
}

const DEFAULT_TOP_K = 10;
const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_DEADLINE_MS = 300_000;

export async function rerank(
  query: string,
  candidates: readonly Candidate[],
  ranker: Ranker,
  options: RerankOptions = {},
  signal?: AbortSignal,
  onProgress?: (progress: RerankProgress) => void,
): Promise<Run> {
  const now = options.now ?? Date.now;
  const topK = options.topK ?? DEFAULT_TOP_K;
  validate(query, candidates, topK, options);
  throwIfAborted(signal);

  const documentText = options.documentText;
  const documents = documentText ? candidates.map((c) => ({ text: documentText(c) })) : candidates;
  const memory = scoreMemoryFor(ranker, options.merge);
  const stats: RunStats = { requests: 0, retries: 0, batches: 0 };
  let startedAt: number;
  let hits: BatchHit[];
  try {
    // With a score cache only the documents it has no score for are batched and sent; each of
    // those batches asks for every score, so that the cache learns them all.
    const known = memory ? await memory.recall(query, documents.map((d) => d.text)) : undefined;
    const unknown = known ? positionsWithout(known) : undefined;
    const toSend = unknown ? unknown.map((i) => documents[i] as Pick<Candidate, 'text'>) : documents;
    const limits = batchLimits(query, toSend, ranker, options.batchSize);
    const batches = splitIntoBatches(0, toSend.length, limits);
    const planned = batches.length;
    await checkRequestCount(planned, options);
    throwIfAborted(signal);

    // The clock starts after any question to the user: the deadline bounds the work, not the reading.
    startedAt = now();
    const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    const maxRequests = Math.max(options.maxRequests ?? Infinity, planned);
    const perBatch = known ? toSend.length : topK;
    const runner = new BatchRunner(query, toSend, ranker, limits, batches, perBatch, options.concurrency ?? DEFAULT_CONCURRENCY, stats, maxRequests, onProgress);
    hits = planned === 0 ? [] : await runner.run(signal, { at: startedAt + deadlineMs, ms: deadlineMs });
    if (known && unknown) {
      hits = [...hits.map((h) => ({ ...h, index: unknown[h.index] as number })), ...knownHits(known)];
      const passages = documents.length - unknown.length;
      const uncached = splitIntoBatches(0, documents.length, batchLimits(query, documents, ranker, options.batchSize)).length;
      if (passages > 0) stats.fromCache = { passages, requestsSaved: Math.max(0, uncached - planned) };
    }
  } finally {
    await memory?.persist();
  }
  const { scoresComparable } = ranker.limits;
  // Scores of different requests are only comparable when the ranker says so.
  const merge: MergeMethod = options.merge ?? (scoresComparable || stats.batches === 1 ? 'score' : 'rrf');
  const merged = mergeBatches(hits, merge, topK);

  return {
    id: `${startedAt.toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`,
    query,
    provider: ranker.provider,
    model: ranker.model,
    scoreKind: ranker.limits.scoreKind,
    merge,
    startedAt: new Date(startedAt).toISOString(),
    durationMs: now() - startedAt,
    candidateCount: candidates.length,
    ...(options.minScore === undefined ? {} : { minScore: options.minScore }),
    items: merged.map((hit, i) => ({
      rank: i + 1,
      score: hit.score,
      ...(hit.fusedScore === undefined ? {} : { fusedScore: hit.fusedScore }),
      index: hit.index,
      candidate: candidates[hit.index] as Candidate,
    })),
    stats,
  };
}

/** The ranker's score cache, when this run may use it: scores merged by value, comparable across requests. */
function scoreMemoryFor(ranker: Ranker, merge: MergeMethod | undefined): ScoreMemory | undefined {
  return ranker.memory && ranker.limits.scoresComparable && merge !== 'rrf' ? ranker.memory : undefined;
}

function positionsWithout(known: readonly (number | undefined)[]): number[] {
  const positions: number[] = [];
  known.forEach((score, i) => {
    if (score === undefined) positions.push(i);
  });
  return positions;
}

/** Scores from the cache as hits; merged by score, their batch rank plays no part. */
function knownHits(known: readonly (number | undefined)[]): BatchHit[] {
  const hits: BatchHit[] = [];
  known.forEach((score, index) => {
    if (score !== undefined) hits.push({ index, score, batchRank: 1 });
  });
  return hits;
}

async function checkRequestCount(count: number, options: RerankOptions): Promise<void> {
  const max = options.maxRequests;
  if (max === undefined || count <= max) return;
  if (!options.approveRequests) {
    throw new RerankError('bad-input', `the run would send ${count} requests, more than the limit of ${max} per run; send fewer candidates or more per request`);
  }
  if (!(await options.approveRequests(count, max))) throw cancelledError();
}

function validate(query: string, candidates: readonly Candidate[], topK: number, options: RerankOptions): void {
  if (query.trim() === '') throw new RerankError('bad-input', 'the query is empty: give the text to rank against');
  if (candidates.length === 0) throw new RerankError('bad-input', 'there are no candidates to rank');
  if (!Number.isInteger(topK) || topK < 1) throw new RerankError('bad-input', `top-K must be a positive integer, got ${topK}`);
  const { batchSize, concurrency } = options;
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1)) {
    throw new RerankError('bad-input', `batch size must be a positive integer, got ${batchSize}`);
  }
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
    throw new RerankError('bad-input', `concurrency must be a positive integer, got ${concurrency}`);
  }
  const { deadlineMs } = options;
  if (deadlineMs !== undefined && !(deadlineMs > 0)) throw new RerankError('bad-input', `the deadline must be a positive number of milliseconds, got ${deadlineMs}`);
}

/**
 * Runs a queue of batches with adaptive concurrency. One failed batch stops the others at once
 * (a shorter ranking would be a silent lie), except a "too large" answer, which splits that batch
 * and every queued one to half its size and carries on. Each batch in flight has its own signal,
 * so a run with many requests in flight puts no pile of listeners on one shared signal.
 */
class BatchRunner {
  private readonly queue: Batch[];
  private readonly hits: BatchHit[] = [];
  private readonly inFlight = new Set<AbortController>();
  private readonly limit: AdaptiveLimit;
  private limits: BatchLimits;
  /** Why the run stopped early (a cancel, the deadline, a failed batch); undefined while it runs. */
  private stopped: RerankError | undefined;
  private deadline = 0;
  /** Ends the run at once when it stops, even while a ranker that ignores its signal still works. */
  private rejectRun: ((err: RerankError) => void) | undefined;
  private active = 0;
  private done = 0;
  private launched = 0;

  constructor(
    private readonly query: string,
    private readonly candidates: readonly Pick<Candidate, 'text'>[],
    private readonly ranker: Ranker,
    limits: BatchLimits,
    batches: Batch[],
    private readonly topK: number,
    concurrency: number,
    private readonly stats: RunStats,
    /** The requests this run may send: its limit, or as many as it planned when asked and approved. */
    private readonly maxRequests: number,
    private readonly onProgress: ((progress: RerankProgress) => void) | undefined,
  ) {
    this.limits = limits;
    this.queue = batches;
    this.limit = new AdaptiveLimit(concurrency);
  }

  private get total(): number {
    return this.done + this.active + this.queue.length;
  }

  /** One deadline for the whole run: every batch, retry and wait; `at` is epoch ms. */
  async run(outerSignal: AbortSignal | undefined, deadline: { at: number; ms: number }): Promise<BatchHit[]> {
    this.deadline = deadline.at;
    const onOuterAbort = () => this.halt(abortReason(outerSignal as AbortSignal));
    outerSignal?.addEventListener('abort', onOuterAbort, { once: true });
    const timer = setTimeout(() => {
      const answered = this.total > 1 ? ` with ${this.done} of ${this.total} batches answered` : '';
      this.halt(new RerankError('timeout', `the run's deadline of ${formatSeconds(deadline.ms)} passed${answered}`));
    }, Math.min(deadline.ms, MAX_TIMER_MS));
    try {
      await new Promise<void>((resolve, reject) => {
        this.rejectRun = reject;
        this.launch(resolve, reject);
      });
    } finally {
      clearTimeout(timer);
      outerSignal?.removeEventListener('abort', onOuterAbort);
    }
    return this.hits;
  }

  /** Stops the run: every request in flight is aborted with the reason, and nothing new starts. */
  private halt(reason: RerankError): void {
    if (this.stopped) return;
    this.stopped = reason;
    for (const controller of this.inFlight) controller.abort(reason);
    this.rejectRun?.(reason);
  }

  private launch(resolve: () => void, reject: (err: unknown) => void): void {
    if (this.stopped) return reject(this.stopped);
    while (this.active < this.limit.value && this.queue.length > 0) {
      const batch = this.queue.shift() as Batch;
      const number = ++this.launched;
      this.active++;
      this.rankBatch(batch, number).then(
        (response) => {
          this.active--;
          // A batch may succeed after a stop (its answer was on the way): the run still stops,
          // and launch() below would start nothing and so never settle.
          if (this.stopped) return this.fail(this.stopped, reject);
          this.done++;
          this.record(batch, response);
          this.limit.onSuccess();
          this.onProgress?.({ type: 'batch', done: this.done, total: this.total });
          if (this.active === 0 && this.queue.length === 0) resolve();
          else this.launch(resolve, reject);
        },
        (err: unknown) => {
          this.active--;
          if (this.stopped) return this.fail(this.stopped, reject);
          if (err instanceof RerankError && err.kind === 'too-large' && batch.size > 1) {
            this.stats.requests++;
            this.shrink(batch);
            // Smaller batches mean more requests: never more than the run was allowed to send.
            const planned = this.launched + this.queue.length;
            if (planned > this.maxRequests) {
              return this.fail(err.withContext(`the server wants smaller batches, which would make ${planned} requests, more than the ${this.maxRequests} this run may send`), reject);
            }
            return this.launch(resolve, reject);
          }
          // + 1: the failed batch itself is neither done nor active any more.
          this.fail(describeBatchFailure(err, batch, number, this.total + 1), reject);
        },
      );
    }
  }

  private fail(err: RerankError, reject: (err: unknown) => void): void {
    this.halt(err);
    reject(err);
  }

  /** The server said "too large": halve this batch and every queued one, and try again. */
  private shrink(batch: Batch): void {
    this.limits = { ...this.limits, maxDocuments: Math.max(1, Math.floor(batch.size / 2)) };
    const resplit = (b: Batch) => splitIntoBatches(b.start, b.start + b.size, this.limits);
    this.queue.unshift(...[batch, ...this.queue.splice(0)].flatMap(resplit));
  }

  private record(batch: Batch, response: RankResponse): void {
    this.stats.batches++;
    this.stats.requests += response.requests;
    this.stats.retries += response.retries;
    if (response.billedUnits !== undefined) this.stats.billedUnits = (this.stats.billedUnits ?? 0) + response.billedUnits;
    response.results.forEach((r, i) => this.hits.push({ index: batch.start + r.index, score: r.score, batchRank: i + 1 }));
  }

  private async rankBatch(batch: Batch, number: number): Promise<RankResponse> {
    const texts = this.candidates.slice(batch.start, batch.start + batch.size).map((c) => c.text);
    // Each batch's own top-K is enough: a hit below rank K in its batch can't make the global top K,
    // neither by score nor by reciprocal rank.
    const topN = Math.min(this.topK, texts.length);
    const controller = new AbortController();
    this.inFlight.add(controller);
    try {
      const response = await this.ranker.rank(this.query, texts, {
        topN,
        signal: controller.signal,
        deadline: this.deadline,
        onRetry: (retry) => {
          if (retry.status === 429) this.limit.onRateLimited();
          this.onProgress?.({ type: 'retry', batch: number, totalBatches: this.total, retry });
        },
      });
      checkBatchResponse(response, texts.length, topN);
      return response;
    } finally {
      this.inFlight.delete(controller);
    }
  }
}

/** The engine's own guard: whatever a ranker returns, the run never loses or repeats a candidate. */
function checkBatchResponse(response: RankResponse, size: number, topN: number): void {
  if (response.results.length < topN) {
    throw new RerankError('bad-response', `the ranker returned ${response.results.length} results for ${size} documents, expected ${topN}`);
  }
  const seen = new Set<number>();
  for (const r of response.results) {
    if (!Number.isInteger(r.index) || r.index < 0 || r.index >= size || seen.has(r.index)) {
      throw new RerankError('bad-response', `the ranker returned an invalid or repeated index ${r.index}`);
    }
    seen.add(r.index);
  }
  response.results.length = Math.min(response.results.length, topN);
}

function describeBatchFailure(err: unknown, batch: Batch, number: number, total: number): RerankError {
  const where = `batch ${number}/${total} (candidates ${batch.start + 1}-${batch.start + batch.size})`;
  if (err instanceof RerankError) return total > 1 ? err.withContext(where) : err;
  return new RerankError('bad-response', `${where}: ${errorText(err)}`);
}

// The one rerank engine: batching, adaptive concurrency, merge, top-K. No I/O of its own; the
// ranker does the talking.

import { AdaptiveLimit } from './concurrency';
import { RerankError, cancelledError, throwIfAborted } from './errors';
import { mergeBatches, type BatchHit } from './merge';
import type { Candidate, MergeMethod, RankResponse, Ranker, RerankProgress, Run, RunStats } from './types';

export interface RerankOptions {
  /** How many results to keep (default 10). */
  topK?: number;
  /** Documents per request; never above the ranker's own limit. */
  batchSize?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** "score" (default when the ranker's scores are comparable) or "rrf". */
  merge?: MergeMethod;
  /** Injected for tests; defaults to the wall clock. */
  now?: () => number;
}

export const DEFAULT_TOP_K = 10;
export const DEFAULT_CONCURRENCY = 4;

interface Batch {
  number: number; // 1-based
  start: number; // index of its first candidate
  size: number;
}

export async function rerank(
  query: string,
  candidates: readonly Candidate[],
  ranker: Ranker,
  options: RerankOptions = {},
  signal?: AbortSignal,
  onProgress?: (progress: RerankProgress) => void,
): Promise<Run> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const topK = options.topK ?? DEFAULT_TOP_K;
  validate(query, candidates, topK, options);
  throwIfAborted(signal);

  const batchSize = Math.min(options.batchSize ?? ranker.limits.maxDocumentsPerRequest, ranker.limits.maxDocumentsPerRequest);
  const batches = splitIntoBatches(candidates.length, batchSize);
  const merge: MergeMethod =
    options.merge ?? (ranker.limits.scoresComparable || batches.length === 1 ? 'score' : 'rrf');

  const stats: RunStats = { requests: 0, retries: 0, batches: batches.length };
  const hits = await runBatches(query, candidates, ranker, batches, topK, options.concurrency ?? DEFAULT_CONCURRENCY, stats, signal, onProgress);
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
}

export function splitIntoBatches(count: number, batchSize: number): Batch[] {
  const batches: Batch[] = [];
  for (let start = 0; start < count; start += batchSize) {
    batches.push({ number: batches.length + 1, start, size: Math.min(batchSize, count - start) });
  }
  return batches;
}

async function runBatches(
  query: string,
  candidates: readonly Candidate[],
  ranker: Ranker,
  batches: readonly Batch[],
  topK: number,
  maxConcurrency: number,
  stats: RunStats,
  outerSignal: AbortSignal | undefined,
  onProgress: ((progress: RerankProgress) => void) | undefined,
): Promise<BatchHit[]> {
  // One failed batch stops the others at once: a shorter ranking would be a silent lie.
  const stop = new AbortController();
  const onOuterAbort = () => stop.abort();
  outerSignal?.addEventListener('abort', onOuterAbort, { once: true });

  const limit = new AdaptiveLimit(maxConcurrency);
  const hits: BatchHit[] = [];
  let next = 0;
  let active = 0;
  let done = 0;

  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (err: unknown) => {
        stop.abort();
        reject(err);
      };
      const launch = () => {
        if (stop.signal.aborted) return;
        while (active < limit.value && next < batches.length) {
          const batch = batches[next++] as Batch;
          active++;
          runOneBatch(query, candidates, ranker, batch, batches.length, topK, limit, stop.signal, onProgress).then(
            (response) => {
              active--;
              done++;
              stats.requests += response.requests;
              stats.retries += response.retries;
              if (response.billedUnits !== undefined) stats.billedUnits = (stats.billedUnits ?? 0) + response.billedUnits;
              response.results.forEach((r, i) => hits.push({ index: batch.start + r.index, score: r.score, batchRank: i + 1 }));
              limit.onSuccess();
              onProgress?.({ type: 'batch', done, total: batches.length });
              if (done === batches.length) resolve();
              else launch();
            },
            (err: unknown) => {
              active--;
              if (outerSignal?.aborted) return fail(cancelledError());
              fail(describeBatchFailure(err, batch, batches.length));
            },
          );
        }
      };
      launch();
    });
  } finally {
    outerSignal?.removeEventListener('abort', onOuterAbort);
  }
  return hits;
}

async function runOneBatch(
  query: string,
  candidates: readonly Candidate[],
  ranker: Ranker,
  batch: Batch,
  totalBatches: number,
  topK: number,
  limit: AdaptiveLimit,
  signal: AbortSignal,
  onProgress: ((progress: RerankProgress) => void) | undefined,
): Promise<RankResponse> {
  const texts = candidates.slice(batch.start, batch.start + batch.size).map((c) => c.text);
  // Each batch's own top-K is enough: a hit below rank K in its batch can't make the global top K,
  // neither by score nor by reciprocal rank.
  const topN = Math.min(topK, texts.length);
  const response = await ranker.rank(query, texts, {
    topN,
    signal,
    onRetry: (retry) => {
      if (retry.status === 429) limit.onRateLimited();
      onProgress?.({ type: 'retry', batch: batch.number, totalBatches, retry });
    },
  });
  checkBatchResponse(response, texts.length, topN);
  return response;
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

function describeBatchFailure(err: unknown, batch: Batch, total: number): RerankError {
  const where = `batch ${batch.number}/${total} (candidates ${batch.start + 1}-${batch.start + batch.size})`;
  if (err instanceof RerankError) return total > 1 ? err.withContext(where) : err;
  const message = err instanceof Error ? err.message : String(err);
  return new RerankError('bad-response', `${where}: ${message}`);
}

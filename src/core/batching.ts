// Splitting candidates into requests that fit a ranker's limits: a document count and, where the
// provider has one, a token budget per request.

import { RerankError } from './errors';
import { estimateTokens } from './tokens';
import type { Candidate, Ranker, TokenBudget } from './types';

export interface Batch {
  /** Index of the batch's first candidate; a batch is a contiguous range of the input. */
  start: number;
  size: number;
}

export interface BatchLimits {
  maxDocuments: number;
  tokenBudget?: TokenBudget;
  queryTokens: number;
  /** Estimated tokens of each candidate, in input order; needed only with a token budget. */
  documentTokens?: readonly number[];
}

/**
 * Greedy contiguous batches from `start` to `end`: each as large as the document cap and the
 * token budget allow. A single document over the budget still gets a batch of its own; the
 * provider truncates or rejects it, and a rejection names the batch.
 */
export function splitIntoBatches(start: number, end: number, limits: BatchLimits): Batch[] {
  const { maxDocuments, tokenBudget, queryTokens, documentTokens } = limits;
  if (tokenBudget && queryTokens >= tokenBudget.maxTokensPerRequest) {
    throw new RerankError('bad-input', `the query is about ${queryTokens} tokens, over the provider's ${tokenBudget.maxTokensPerRequest}-token budget per request; shorten it`);
  }
  const batches: Batch[] = [];
  let batchStart = start;
  let tokens = 0;
  for (let i = start; i < end; i++) {
    const cost = tokenBudget ? (documentTokens?.[i] ?? 0) + (tokenBudget.queryCountsPerDocument ? queryTokens : 0) : 0;
    const full = i - batchStart >= maxDocuments || (tokenBudget !== undefined && i > batchStart && tokens + cost > tokenBudget.maxTokensPerRequest);
    if (full) {
      batches.push({ start: batchStart, size: i - batchStart });
      batchStart = i;
      tokens = 0;
    }
    tokens += cost;
  }
  if (end > batchStart) batches.push({ start: batchStart, size: end - batchStart });
  return batches;
}

/** The limits a run's batches keep to: the ranker's, and a smaller batch size when asked. */
export function batchLimits(query: string, candidates: readonly Pick<Candidate, 'text'>[], ranker: Ranker, batchSize: number | undefined): BatchLimits {
  const { maxDocumentsPerRequest, tokenBudget } = ranker.limits;
  return {
    maxDocuments: Math.min(batchSize ?? maxDocumentsPerRequest, maxDocumentsPerRequest),
    queryTokens: tokenBudget ? estimateTokens(query) : 0,
    ...(tokenBudget ? { tokenBudget, documentTokens: candidates.map((c) => estimateTokens(c.text)) } : {}),
  };
}

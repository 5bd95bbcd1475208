// Merging per-batch rankings into one list. Every candidate lives in exactly one batch, so a
// merge never has to deduplicate; it only has to order.

import type { MergeMethod } from './types';

/** One ranked entry of one batch, already mapped back to the candidate's input position. */
export interface BatchHit {
  index: number;
  score: number;
  /** 1-based rank inside its batch. */
  batchRank: number;
}

export interface MergedHit extends BatchHit {
  fusedScore?: number;
}

/** The constant of reciprocal rank fusion (Cormack et al., 2009). */
export const RRF_K = 60;

/**
 * Orders hits from all batches and keeps the best `topK`. By score when scores are comparable
 * across requests; by reciprocal rank fusion (1 / (k + rank)) otherwise. Ties fall back to the
 * input order, so the result is deterministic.
 */
export function mergeBatches(hits: readonly BatchHit[], method: MergeMethod, topK: number): MergedHit[] {
  const merged: MergedHit[] =
    method === 'rrf' ? hits.map((h) => ({ ...h, fusedScore: 1 / (RRF_K + h.batchRank) })) : hits.slice();
  const key = method === 'rrf' ? (h: MergedHit) => h.fusedScore ?? 0 : (h: MergedHit) => h.score;
  merged.sort((a, b) => key(b) - key(a) || a.index - b.index);
  return merged.slice(0, topK);
}

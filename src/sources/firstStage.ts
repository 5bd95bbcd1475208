// The BM25 first stage: from many candidates keep the few a cross-encoder should see, so a large
// workspace costs a few rerank requests instead of hundreds. BM25 is local and fast (an
// inverted index over the candidates), and what it misses by vocabulary the fill-up below
// partly restores.

import { searchBm25 } from '../core/bm25';
import type { Candidate } from '../core/types';

/**
 * The `topN` candidates that score best on BM25 for `query`, best first. When fewer than `topN`
 * share a term with the query, the rest are filled with the others in their original order
 * (a cross-encoder may still find them relevant: "sign in" and "authenticate" share no term).
 * With `topN` at or above the candidate count, every candidate is kept, in BM25 order.
 */
export function bm25FirstStage<T extends Pick<Candidate, 'text'>>(candidates: readonly T[], query: string, topN: number): T[] {
  const keep = Math.max(0, Math.min(Math.floor(topN), candidates.length));
  const hits = searchBm25(candidates.map((c) => c.text), query);
  const chosen = new Set<number>();
  const out: T[] = [];
  for (const hit of hits) {
    if (out.length === keep) break;
    chosen.add(hit.index);
    out.push(candidates[hit.index] as T);
  }
  for (let i = 0; i < candidates.length && out.length < keep; i++) if (!chosen.has(i)) out.push(candidates[i] as T);
  return out;
}

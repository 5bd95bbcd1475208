// The offline ranker: BM25 over the candidates themselves. No key, no network; the default when
// no key is available, so every feature works offline.

import { DEFAULT_BM25, searchBm25, type Bm25Hit, type Bm25Params } from '../core/bm25';
import { throwIfAborted } from '../core/errors';
import type { RankRequestOptions, RankResponse, RankedIndex, Ranker, RankerLimits } from '../core/types';

/** BM25 over one known list of documents from an index of them (the workspace index's term data), not from their texts. */
export interface IndexedBm25 {
  /** How many documents the list holds. */
  count: number;
  /** The hits searchBm25 gives for the list's texts. */
  hits: (query: string, params: Bm25Params) => Bm25Hit[];
}

export class LocalRanker implements Ranker {
  readonly provider = 'local';
  readonly model = 'bm25';
  // BM25's idf depends on the whole set, so one request takes every candidate; were the user to
  // split them anyway, the engine merges the pieces by reciprocal rank.
  readonly limits: RankerLimits = { maxDocumentsPerRequest: Number.MAX_SAFE_INTEGER, scoresComparable: false, scoreKind: 'normalized-bm25' };

  constructor(
    private readonly params: Bm25Params = DEFAULT_BM25,
    /** The run's documents as an index holds them: scored from it when a request holds them all. */
    private readonly indexed?: IndexedBm25,
  ) {}

  /** This ranker, scoring `indexed`'s documents from the index. */
  withIndex(indexed: IndexedBm25): LocalRanker {
    return new LocalRanker(this.params, indexed);
  }

  async rank(query: string, documents: readonly string[], options: RankRequestOptions = {}): Promise<RankResponse> {
    throwIfAborted(options.signal);
    // The engine hands this ranker every document of a run in one request, in order, so a request
    // of the list's size is the list; any other request (a batch the user asked for) is ranked from its texts.
    const hits = this.indexed?.count === documents.length ? this.indexed.hits(query, this.params) : searchBm25(documents, query, this.params);
    throwIfAborted(options.signal);
    const topN = Math.min(options.topN ?? documents.length, documents.length);
    return { results: normalizedRanking(hits, documents.length, topN), requests: 0, retries: 0 };
  }
}

/**
 * BM25 scores are unbounded; for display they are divided by the best score, so the top hit is 1
 * and order is unchanged. Documents without a shared term follow at 0, in input order.
 */
function normalizedRanking(hits: readonly { index: number; score: number }[], count: number, topN: number): RankedIndex[] {
  const best = hits[0]?.score ?? 0;
  const out: RankedIndex[] = hits.slice(0, topN).map((h) => ({ index: h.index, score: best > 0 ? h.score / best : 0 }));
  if (out.length < topN) {
    const seen = new Uint8Array(count);
    for (const h of hits) seen[h.index] = 1;
    for (let i = 0; i < count && out.length < topN; i++) if (!seen[i]) out.push({ index: i, score: 0 });
  }
  return out;
}

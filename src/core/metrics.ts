// Ranking quality as the IR community measures it, computed the way trec_eval does.

/** qrels: query id -> document id -> graded relevance (0 = judged not relevant). */
export type Qrels = Map<string, Map<string, number>>;

/** The first `k` distinct ids, each at its first place: a repeated id must not earn its gain twice. */
export function firstOccurrences(ids: readonly string[], k = Infinity): string[] {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.size >= k) break;
    seen.add(id);
  }
  return [...seen];
}

/**
 * nDCG@k: gain = the graded relevance, discount log2(rank + 1), the ideal DCG from every judged
 * document of the query (trec_eval's ndcg_cut). Returns undefined for a query without a relevant
 * document: trec_eval leaves such queries out of the mean.
 */
export function ndcgAtK(ranking: readonly string[], judgments: ReadonlyMap<string, number>, k: number): number | undefined {
  const ideal = [...judgments.values()].filter((g) => g > 0).sort((a, b) => b - a);
  if (ideal.length === 0) return undefined;
  const top = firstOccurrences(ranking, k);
  let dcg = 0;
  for (let i = 0; i < top.length; i++) {
    const gain = judgments.get(top[i] as string) ?? 0;
    if (gain > 0) dcg += gain / Math.log2(i + 2);
  }
  let idcg = 0;
  for (let i = 0; i < Math.min(k, ideal.length); i++) idcg += (ideal[i] as number) / Math.log2(i + 2);
  return dcg / idcg;
}

/** Reciprocal rank of the first relevant document within the top k; 0 when there is none. */
export function mrrAtK(ranking: readonly string[], judgments: ReadonlyMap<string, number>, k: number): number | undefined {
  if (![...judgments.values()].some((g) => g > 0)) return undefined;
  const top = firstOccurrences(ranking, k);
  for (let i = 0; i < top.length; i++) {
    if ((judgments.get(top[i] as string) ?? 0) > 0) return 1 / (i + 1);
  }
  return 0;
}

/** Share of the query's relevant documents found in the top k. */
export function recallAtK(ranking: readonly string[], judgments: ReadonlyMap<string, number>, k: number): number | undefined {
  const relevant = [...judgments.values()].filter((g) => g > 0).length;
  if (relevant === 0) return undefined;
  let found = 0;
  for (const id of firstOccurrences(ranking, k)) if ((judgments.get(id) ?? 0) > 0) found++;
  return found / relevant;
}

export interface EvalSummary {
  queries: number;
  ndcg: number;
  mrr: number;
  recall: number;
}

/** Means over the queries that have at least one relevant document. */
export function evaluateRankings(rankings: ReadonlyMap<string, readonly string[]>, qrels: Qrels, k: number, recallK = 100): EvalSummary {
  let queries = 0;
  let ndcg = 0;
  let mrr = 0;
  let recall = 0;
  for (const [qid, ranking] of rankings) {
    const judgments = qrels.get(qid);
    if (!judgments) continue;
    const n = ndcgAtK(ranking, judgments, k);
    if (n === undefined) continue;
    queries++;
    ndcg += n;
    mrr += mrrAtK(ranking, judgments, k) ?? 0;
    recall += recallAtK(ranking, judgments, recallK) ?? 0;
  }
  const mean = (x: number) => (queries === 0 ? 0 : x / queries);
  return { queries, ndcg: mean(ndcg), mrr: mean(mrr), recall: mean(recall) };
}

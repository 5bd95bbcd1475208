// `rerank eval`: rank each labelled query's candidates and measure the ranking. Candidates come
// from a TREC run (first-stage order) or from BM25 over the whole corpus (two-stage retrieval).
// A corpus is anyone's data, not only a public benchmark: what a remote ranker is sent passes the
// secret guard, as every other door's text does.

import { Bm25Index } from '../core/bm25';
import { rerank, type RerankOptions } from '../core/engine';
import { RerankError } from '../core/errors';
import { guardText } from '../core/secretGuard';
import type { SecretPolicy } from '../core/secrets';
import { evaluateRankings, firstOccurrences, type EvalSummary, type Qrels } from '../core/metrics';
import type { Candidate, Ranker } from '../core/types';
import type { CorpusDoc, EvalQuery } from './beir';

export interface EvalInput {
  corpus: readonly CorpusDoc[];
  queries: readonly EvalQuery[];
  qrels: Qrels;
  /** Per query, candidate ids in first-stage order; without it, BM25 over the corpus picks them. */
  run?: ReadonlyMap<string, readonly string[]>;
  /** How many candidates the BM25 first stage keeps (default 100). */
  firstStageDepth?: number;
  /** undefined = score the first-stage order as it is (the baseline). */
  ranker?: Ranker;
  /**
   * What becomes of likely secrets in the documents sent to the ranker; set it for a remote one.
   * 'omit': a document holding one is not sent, and ranks after those that were, in first-stage order.
   */
  secretPolicy?: SecretPolicy;
  rerankOptions?: Omit<RerankOptions, 'topK'>;
  k: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface EvalResult extends EvalSummary {
  k: number;
  rankings: Map<string, string[]>;
  /** What the secret guard did: likely secrets redacted, documents left out (each document counted once). */
  secretsRedacted: number;
  documentsOmitted: number;
}

export const DEFAULT_FIRST_STAGE_DEPTH = 100;

/** The text a document is ranked by: BEIR's convention of title, then text. */
export function documentText(doc: CorpusDoc): string {
  return doc.title ? `${doc.title}\n${doc.text}` : doc.text;
}

export async function evaluate(input: EvalInput): Promise<EvalResult> {
  // A repeated id keeps its first document, as parseCorpus does.
  const byId = new Map<string, CorpusDoc>();
  for (const doc of input.corpus) if (!byId.has(doc.id)) byId.set(doc.id, doc);
  const firstStage = input.run ? undefined : new Bm25Index(input.corpus.map(documentText));
  const depth = input.firstStageDepth ?? DEFAULT_FIRST_STAGE_DEPTH;
  // Only judged queries count; ranking the others would spend API calls on nothing.
  const queries = input.queries.filter((q) => input.qrels.has(q.id));
  if (queries.length === 0) throw new RerankError('bad-input', 'no query of the queries file has judgments in the qrels file');

  const rankings = new Map<string, string[]>();
  const guarded: GuardRecord = { redacted: new Map(), omitted: new Set() };
  for (const [i, query] of queries.entries()) {
    // Distinct ids: a corpus or run that repeats one must not rank (or score) it twice.
    const ids = input.run
      ? firstOccurrences(input.run.get(query.id) ?? [])
      : firstOccurrences((firstStage as Bm25Index).search(query.text).map((hit) => (input.corpus[hit.index] as CorpusDoc).id), depth);
    rankings.set(query.id, await rankCandidates(query, ids, byId, input, guarded));
    input.onProgress?.(i + 1, queries.length);
  }
  return {
    ...evaluateRankings(rankings, input.qrels, input.k),
    k: input.k,
    rankings,
    secretsRedacted: [...guarded.redacted.values()].reduce((sum, n) => sum + n, 0),
    documentsOmitted: guarded.omitted.size,
  };
}

/** What the secret guard did, by document: a document sent for several queries counts once. */
interface GuardRecord {
  /** Likely secrets redacted, per document id. */
  redacted: Map<string, number>;
  omitted: Set<string>;
}

async function rankCandidates(query: EvalQuery, ids: readonly string[], byId: ReadonlyMap<string, CorpusDoc>, input: EvalInput, guarded: GuardRecord): Promise<string[]> {
  if (!input.ranker || ids.length === 0) return [...ids];
  const candidates: Candidate[] = [];
  const omitted: string[] = [];
  for (const [index, id] of ids.entries()) {
    const doc = byId.get(id);
    if (!doc) throw new RerankError('bad-input', `the run names document "${id}" (query ${query.id}), which the corpus does not hold`);
    let text = documentText(doc);
    if (input.secretPolicy !== undefined) {
      const guard = guardText(text, input.secretPolicy);
      if (guard.findings.length > 0 && input.secretPolicy === 'omit') {
        omitted.push(id);
        guarded.omitted.add(id);
        continue;
      }
      if (guard.findings.length > 0) guarded.redacted.set(id, guard.findings.length);
      text = guard.text;
    }
    candidates.push({ id, text, source: { kind: 'input', index } });
  }
  if (candidates.length === 0) return omitted;
  const run = await rerank(query.text, candidates, input.ranker, { ...input.rerankOptions, topK: candidates.length }, input.signal);
  return [...run.items.map((item) => item.candidate.id), ...omitted];
}

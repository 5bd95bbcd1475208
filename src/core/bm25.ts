// Okapi BM25 over an in-memory inverted index. Built once per candidate set; each query touches
// only the postings of its own terms.

import { forEachToken, forEachTokenRange, type TokenRange } from './tokenize';

export interface Bm25Params {
  k1: number;
  b: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75 };

export interface Bm25Hit {
  index: number;
  score: number;
}

export class Bm25Index {
  private readonly terms = new Map<string, number>();
  /** Per term: the documents it occurs in (ascending) and its frequency in each. */
  private readonly postingDocs: number[][] = [];
  private readonly postingFreqs: number[][] = [];
  private readonly docLengths: Uint32Array;
  private readonly averageLength: number;

  constructor(documents: readonly string[]) {
    this.docLengths = new Uint32Array(documents.length);
    let total = 0;
    for (let doc = 0; doc < documents.length; doc++) {
      let length = 0;
      forEachToken(documents[doc] as string, (token) => {
        length++;
        this.add(token, doc);
      });
      this.docLengths[doc] = length;
      total += length;
    }
    this.averageLength = documents.length > 0 ? total / documents.length : 0;
  }

  get size(): number {
    return this.docLengths.length;
  }

  private add(token: string, doc: number): void {
    let id = this.terms.get(token);
    if (id === undefined) {
      id = this.postingDocs.length;
      this.terms.set(token, id);
      this.postingDocs.push([doc]);
      this.postingFreqs.push([1]);
      return;
    }
    const docs = this.postingDocs[id] as number[];
    const freqs = this.postingFreqs[id] as number[];
    const last = docs.length - 1;
    if (docs[last] === doc) freqs[last] = (freqs[last] as number) + 1;
    else {
      docs.push(doc);
      freqs.push(1);
    }
  }

  /**
   * Scores every document that shares a term with the query; returns them best first (ties in
   * document order). Documents that share no term are left out: their score is 0.
   */
  search(query: string, params: Bm25Params = DEFAULT_BM25): Bm25Hit[] {
    const queryTerms = new Set<number>();
    forEachToken(query, (token) => {
      const id = this.terms.get(token);
      if (id !== undefined) queryTerms.add(id);
    });
    const n = this.docLengths.length;
    const scores = new Float64Array(n);
    const touched: number[] = [];
    const { k1, b } = params;
    const avg = this.averageLength || 1;
    for (const id of queryTerms) {
      const docs = this.postingDocs[id] as number[];
      const freqs = this.postingFreqs[id] as number[];
      // Lucene's idf: always positive, so a term in most documents still counts a little.
      const idf = Math.log(1 + (n - docs.length + 0.5) / (docs.length + 0.5));
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i] as number;
        const tf = freqs[i] as number;
        const norm = k1 * (1 - b + (b * (this.docLengths[doc] as number)) / avg);
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] = (scores[doc] as number) + (idf * tf * (k1 + 1)) / (tf + norm);
      }
    }
    const hits = touched.map((index) => ({ index, score: scores[index] as number }));
    return hits.sort((a, c) => c.score - a.score || a.index - c.index);
  }
}

/**
 * The hits Bm25Index.search would give, without an index: one pass over the documents keeps, for
 * each one that shares a term with the query, its length and the query terms it holds with their
 * counts. Memory grows with those (document, term) pairs, not with the vocabulary of the whole set
 * nor with the query's length times the documents (a whole selection can be the query). For one
 * query over many passages (a workspace's first stage, the offline ranker), which would build an
 * index to use once.
 */
export function searchBm25(documents: readonly string[], query: string, params: Bm25Params = DEFAULT_BM25): Bm25Hit[] {
  const terms = new QueryTerms(query);
  const matches = new QueryMatches(terms.size);
  const counting = new Uint32Array(terms.size);
  const present: number[] = [];
  let length = 0;
  const count: TokenRange = (source, start, end) => {
    length++;
    const id = terms.find(source, start, end);
    if (id < 0) return;
    if (counting[id] === 0) present.push(id);
    counting[id] = (counting[id] as number) + 1;
  };
  let total = 0;
  for (let doc = 0; doc < documents.length; doc++) {
    length = 0;
    present.length = 0;
    forEachTokenRange(documents[doc] as string, count);
    total += length;
    matches.add(doc, length, present, counting);
  }
  return matches.hits(documents.length, total, params);
}

/**
 * The distinct tokens of a query, numbered in query order, and which of them a token range is.
 * Ranges are looked up by their first character and length and then compared, so the tokens of
 * a passage that are not query terms (nearly all of them) cost no string and no hashing.
 */
class QueryTerms {
  private readonly terms: string[] = [];
  /** Term numbers by first character and length: an array for an ASCII first character, a map for the rest. */
  private readonly ascii: (number[] | undefined)[] = new Array<number[] | undefined>(128 * LENGTH_BUCKETS);
  private readonly other = new Map<number, number[]>();

  constructor(query: string) {
    const seen = new Set<string>();
    forEachToken(query, (token) => {
      if (seen.has(token)) return;
      seen.add(token);
      const key = bucket(token.charCodeAt(0), token.length);
      let ids = this.ids(key);
      if (ids === undefined) {
        ids = [];
        if (key < this.ascii.length) this.ascii[key] = ids;
        else this.other.set(key, ids);
      }
      ids.push(this.terms.length);
      this.terms.push(token);
    });
  }

  private ids(key: number): number[] | undefined {
    return key < this.ascii.length ? this.ascii[key] : this.other.get(key);
  }

  get size(): number {
    return this.terms.length;
  }

  /** The number of the query term that `source.slice(start, end)` with A-Z lowered is, or -1. */
  find(source: string, start: number, end: number): number {
    let first = source.charCodeAt(start);
    if (first >= 65 && first <= 90) first += 32;
    const ids = this.ids(bucket(first, end - start));
    if (ids === undefined) return -1;
    for (const id of ids) {
      const term = this.terms[id] as string;
      if (term.length !== end - start) continue;
      let k = 1;
      for (; k < term.length; k++) {
        let c = source.charCodeAt(start + k);
        if (c >= 65 && c <= 90) c += 32;
        if (c !== term.charCodeAt(k)) break;
      }
      if (k === term.length) return id;
    }
    return -1;
  }
}

/** Lengths below this get a bucket of their own; longer tokens share the last one. */
const LENGTH_BUCKETS = 32;

function bucket(first: number, length: number): number {
  return first * LENGTH_BUCKETS + Math.min(length, LENGTH_BUCKETS - 1);
}

/**
 * For each document that shares a term with the query: its index, its length, and the query terms
 * it holds with their counts. Memory grows with those (document, term) pairs, not with the query's
 * length times the documents. Both one-pass searches (over texts here, over stored term data in
 * termBm25.ts) fill one and score it the same way.
 */
export class QueryMatches {
  private readonly documentFrequency: Float64Array;
  private readonly matched: number[] = [];
  private readonly lengths: number[] = [];
  private readonly pairsStart: number[] = [];
  private readonly pairTerms: number[] = [];
  private readonly pairCounts: number[] = [];

  constructor(queryTerms: number) {
    this.documentFrequency = new Float64Array(queryTerms);
  }

  /** Document `doc` of `length` tokens holds the query terms `present`, counted in `counting` (reset here). */
  add(doc: number, length: number, present: number[], counting: Uint32Array): void {
    if (present.length === 0) return;
    this.matched.push(doc);
    this.lengths.push(length);
    this.pairsStart.push(this.pairTerms.length);
    // Query order, so the sum adds up exactly as Bm25Index.search's does.
    present.sort((x, y) => x - y);
    for (const id of present) {
      this.pairTerms.push(id);
      this.pairCounts.push(counting[id] as number);
      this.documentFrequency[id] = (this.documentFrequency[id] as number) + 1;
      counting[id] = 0;
    }
  }

  /** The hits, best first, for `n` documents of `total` tokens in all. */
  hits(n: number, total: number, params: Bm25Params): Bm25Hit[] {
    const { matched, lengths, pairsStart, pairTerms, pairCounts } = this;
    const ends = [...pairsStart.slice(1), pairTerms.length];
    const avg = (n > 0 ? total / n : 0) || 1;
    const { k1, b } = params;
    const idf = Array.from(this.documentFrequency, (df) => Math.log(1 + (n - df + 0.5) / (df + 0.5)));
    const hits: Bm25Hit[] = [];
    for (let m = 0; m < matched.length; m++) {
      const norm = k1 * (1 - b + (b * (lengths[m] as number)) / avg);
      let score = 0;
      for (let p = pairsStart[m] as number; p < (ends[m] as number); p++) {
        const tf = pairCounts[p] as number;
        score += ((idf[pairTerms[p] as number] as number) * tf * (k1 + 1)) / (tf + norm);
      }
      hits.push({ index: matched[m] as number, score });
    }
    return hits.sort((a, c) => c.score - a.score || a.index - c.index);
  }
}

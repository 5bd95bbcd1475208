// Okapi BM25 over an in-memory inverted index. Built once per candidate set; each query touches
// only the postings of its own terms.

import { forEachToken } from './tokenize';

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

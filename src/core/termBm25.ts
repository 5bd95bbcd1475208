// BM25 over term data kept per passage, for the workspace index: a warm run scores passages from
// each one's token count and (term hash, count) pairs instead of tokenizing their text again.
// Terms are kept as 32-bit hashes, so the index needs no dictionary to load, grow or compact; two
// different terms share a hash with odds of about one in four billion per pair, and a collision
// could only let one more passage into a first stage that a ranker then scores from its text.

import { DEFAULT_BM25, QueryMatches, type Bm25Hit, type Bm25Params } from './bm25';
import { forEachToken, forEachTokenRange } from './tokenize';

/** FNV-1a over the UTF-16 code units of `token`. */
export function termHash(token: string): number {
  return rangeHash(token, 0, token.length);
}

/** termHash of the token a range stands for (`source.slice(start, end)` with A-Z lowered), without making it. */
function rangeHash(source: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    let c = source.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    h ^= c;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** One passage's terms: its token count, and each distinct term's hash and count, in pairs. */
export interface PassageTerms {
  length: number;
  pairs: number[];
}

/**
 * The term data of passages, with the tokens searchBm25 would see. Counts a passage's terms by hash in an open-addressing table of typed arrays, kept from one
 * passage to the next, rather than a Map made per passage (whose uint32 keys are mostly heap numbers).
 * Pairs come out in the order the terms first occur.
 */
export class TermCounter {
  private hashes = new Uint32Array(256);
  /** 0 marks a free slot. */
  private counts = new Uint32Array(256);
  private readonly used: number[] = [];

  count(text: string): PassageTerms {
    let length = 0;
    forEachTokenRange(text, (source, start, end) => {
      length++;
      this.add(rangeHash(source, start, end));
    });
    const pairs: number[] = [];
    for (const slot of this.used) {
      pairs.push(this.hashes[slot] as number, this.counts[slot] as number);
      this.counts[slot] = 0;
    }
    this.used.length = 0;
    return { length, pairs };
  }

  private add(hash: number): void {
    const mask = this.counts.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const count = this.counts[slot] as number;
      if (count === 0) {
        this.hashes[slot] = hash;
        this.counts[slot] = 1;
        this.used.push(slot);
        if (this.used.length * 2 > this.counts.length) this.grow();
        return;
      }
      if (this.hashes[slot] === hash) {
        this.counts[slot] = count + 1;
        return;
      }
    }
  }

  /** Twice the slots, the terms so far placed again in the order they came. */
  private grow(): void {
    const hashes = this.hashes;
    const counts = this.counts;
    const slots = this.used.splice(0);
    this.hashes = new Uint32Array(hashes.length * 2);
    this.counts = new Uint32Array(counts.length * 2);
    const mask = this.counts.length - 1;
    for (const old of slots) {
      let slot = (hashes[old] as number) & mask;
      while (this.counts[slot] !== 0) slot = (slot + 1) & mask;
      this.hashes[slot] = hashes[old] as number;
      this.counts[slot] = counts[old] as number;
      this.used.push(slot);
    }
  }
}

/**
 * The term data of consecutive passages: passage p has `stats[p * stride]` tokens and
 * `stats[p * stride + 1]` (term hash, count) pairs in `pairs`, after those of the passages before it.
 */
export interface TermBlock {
  passages: number;
  stats: ArrayLike<number>;
  stride: number;
  pairs: ArrayLike<number>;
}

/**
 * The hits searchBm25 gives for the same passages (numbered across `blocks` in order), from their
 * term data: best first, ties in passage order, passages that share no term with the query left out.
 */
export function searchTermBlocks(blocks: readonly TermBlock[], query: string, params: Bm25Params = DEFAULT_BM25): Bm25Hit[] {
  const slots = new Map<number, number>();
  forEachToken(query, (token) => {
    const hash = termHash(token);
    if (!slots.has(hash)) slots.set(hash, slots.size);
  });
  const termCount = slots.size;
  // The query's hashes by their low 16 bits: nearly every pair is ruled out by one byte, not a lookup.
  const maybe = new Uint8Array(1 << 16);
  for (const hash of slots.keys()) maybe[hash & 0xffff] = 1;
  const matches = new QueryMatches(termCount);
  const counting = new Uint32Array(termCount);
  const present: number[] = [];
  let total = 0;
  let doc = 0;
  for (const { passages, stats, stride, pairs } of blocks) {
    let at = 0;
    for (let p = 0; p < passages; p++, doc++) {
      const length = stats[p * stride] as number;
      total += length;
      const end = at + 2 * (stats[p * stride + 1] as number);
      present.length = 0;
      for (; at < end; at += 2) {
        const hash = pairs[at] as number;
        if (maybe[hash & 0xffff] === 0) continue;
        const slot = slots.get(hash);
        if (slot === undefined) continue;
        if (counting[slot] === 0) present.push(slot);
        counting[slot] = pairs[at + 1] as number;
      }
      matches.add(doc, length, present, counting);
    }
  }
  return matches.hits(doc, total, params);
}

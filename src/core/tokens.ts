// A cheap token estimate for the chunk budget: no vocabulary, one table-driven pass over the
// characters (the WebAssembly kernel behind lineWeights does 16 bytes a step; `npm run bench`
// prints both over node_modules).
//
// Byte-pair tokenizers (Cohere's, OpenAI's) give a common word one token, split long identifiers
// and numbers into pieces, merge runs of punctuation, and spend about a token per character
// outside ASCII. The estimate mirrors that with a cost per character that depends on the class
// of the character before it: the first character of a run of ASCII letters, digits or symbols
// costs 1, each further one 0.07 (letters), 0.3 (digits) or 0.4 (symbols); a line feed, a
// control character or a character outside ASCII costs 1; spaces, tabs and CR cost nothing
// (they merge into the next token). Against cl100k (gpt-tokenizer) on 1,500-character passages
// of this repository's sources and node_modules (.ts, .js, .mjs, .md, .json) the ratio
// estimate/real has median 1.12-1.26 and 5th percentile 0.98-1.09: it leans high, the safe side,
// so a chunk estimated under a provider's max_tokens_per_doc is not cut short by it.
//
// Each character costs at most 1, so the estimate never exceeds the text's length; text of
// spaces, tabs and line breaks only costs nothing but its line feeds.
//
// Weights are counted in whole hundredths of a token, so sums are exact in any order and the
// WebAssembly kernel (src/core/lineWeights.wat) gives the very same numbers.

import { weighText, weighUtf8 } from './lineWeightsKernel';

const FREE = 0;
const LETTER = 1;
const DIGIT = 2;
const SYMBOL = 3;
const SINGLE = 4;
const CLASSES = 5;

/** Class of each ASCII code; anything from 128 up is SINGLE. */
const ASCII_CLASS = new Uint8Array(128).fill(SINGLE);
for (let c = 33; c < 127; c++) ASCII_CLASS[c] = SYMBOL;
for (let c = 48; c <= 57; c++) ASCII_CLASS[c] = DIGIT;
for (let c = 65; c <= 90; c++) ASCII_CLASS[c] = LETTER;
for (let c = 97; c <= 122; c++) ASCII_CLASS[c] = LETTER;
ASCII_CLASS[95 /* _ */] = LETTER;
for (const c of [9, 11, 12, 13, 32]) ASCII_CLASS[c] = FREE;

/** Hundredths of a token per token: the unit of every weight below. */
export const WEIGHT_SCALE = 100;
/** Largest limit lineWeights takes, so that limit + 1 is still an Int32Array value. */
const MAX_LIMIT = 0x7ffffffe;

/** Cost in hundredths of a character of class k after one of class p, at COST[p * CLASSES + k]. */
const CONTINUATION = [0, 7, 30, 40, 100];
const COST = new Int32Array(CLASSES * CLASSES);
for (let p = 0; p < CLASSES; p++) {
  for (let k = 0; k < CLASSES; k++) COST[p * CLASSES + k] = k === FREE ? 0 : k === p ? (CONTINUATION[k] as number) : WEIGHT_SCALE;
}

/**
 * The unrounded estimate for text.slice(start, end) in hundredths of a token, without making the
 * slice: summing these per line and rounding once keeps a passage's total free of per-line rounding.
 */
export function tokenHundredths(text: string, start = 0, end = text.length): number {
  let weight = 0;
  let previous = FREE;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const kind = c < 128 ? (ASCII_CLASS[c] as number) : SINGLE;
    weight += COST[previous * CLASSES + kind] as number;
    previous = kind;
  }
  return weight;
}

/** tokenHundredths in tokens. */
export function tokenWeight(text: string, start = 0, end = text.length): number {
  return tokenHundredths(text, start, end) / WEIGHT_SCALE;
}

/** Lines (as src/core/lines.ts breaks them) with their weights: line i is text.slice(starts[i], ends[i]). */
export interface LineWeights {
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  /** tokenHundredths of each line, or limit + 1 for a line over the limit. */
  weights: Int32Array;
}

/** Class of a line break in LINE_CLASS (not in COST: a line never holds one). */
const BREAK = CLASSES;
/** ASCII_CLASS where "\n" and "\r" end the line. */
const LINE_CLASS = ASCII_CLASS.slice();
LINE_CLASS[10] = BREAK;
LINE_CLASS[13] = BREAK;
/** Characters weighed between checks against the limit. */
const STRIDE = 256;

/**
 * Every line of `text` and its tokenHundredths; a line over `limit` (hundredths) weighs limit + 1,
 * since the chunker only asks whether such a line fits its budget. Text of a few hundred
 * characters and more goes through the WebAssembly kernel (src/core/lineWeightsKernel.ts) where
 * the engine has SIMD, the rest through lineWeightsJs; the two give the same tables.
 *
 * `reuse` lends its arrays (a chunker weighs thousands of files one after another): the result
 * is then `reuse` itself, its arrays grown as needed and holding stale entries past `count`.
 */
export function lineWeights(text: string, limit: number, reuse?: LineWeights): LineWeights {
  const bounded = boundLimit(limit);
  return weighText(text, bounded, reuse) ?? lineWeightsJs(text, bounded, reuse);
}

/** Strict, and drops a UTF-8 byte order mark in front, as an editor does. */
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The text UTF-8 bytes hold, with its lineWeights; undefined when they are not UTF-8 (decoding is
 * strict; a byte order mark in front is dropped). Where the WebAssembly kernel runs, it weighs
 * the bytes before they are decoded and makes every line break a "\n" in them, so the text has
 * no CR (the lines are the same); elsewhere the text is as decoded, CRs and all.
 */
export function decodeLineWeights(utf8: Uint8Array, limit: number, reuse?: LineWeights): { text: string; lines: LineWeights } | undefined {
  const bounded = boundLimit(limit);
  const weighed = weighUtf8(utf8, bounded, reuse);
  if (weighed !== undefined) {
    const { text, lines } = weighed;
    return text === undefined ? undefined : { text, lines: lines ?? lineWeightsJs(text, bounded, reuse) };
  }
  let text: string;
  try {
    text = utf8Decoder.decode(utf8);
  } catch {
    return undefined;
  }
  return { text, lines: lineWeightsJs(text, bounded, reuse) };
}

/**
 * lineWeights in one pass of JavaScript over the characters (finding the breaks and weighing in
 * the same loop costs little more than weighing alone). A line whose weight goes over `limit` is
 * not weighed to its end: minified files and source maps put a quarter of node_modules' text in
 * lines far over any budget.
 */
export function lineWeightsJs(text: string, limit: number, reuse?: LineWeights): LineWeights {
  limit = boundLimit(limit);
  const length = text.length;
  // Room for lines of 32 characters on average; more costs a copy or two.
  let capacity = reuse?.starts.length ?? (length >> 5) + 16;
  let starts = reuse?.starts ?? new Int32Array(capacity);
  let ends = reuse?.ends ?? new Int32Array(capacity);
  let weights = reuse?.weights ?? new Int32Array(capacity);
  let count = 0;
  for (let start = 0; ; ) {
    let weight = 0;
    let previous = FREE;
    let i = start;
    line: for (;;) {
      const stop = Math.min(length, i + STRIDE);
      for (; i < stop; i++) {
        const c = text.charCodeAt(i);
        const kind = c < 128 ? (LINE_CLASS[c] as number) : SINGLE;
        if (kind === BREAK) break line;
        weight += COST[previous * CLASSES + kind] as number;
        previous = kind;
      }
      if (i >= length) break;
      if (weight > limit) {
        i = lineEnd(text, i);
        break;
      }
    }
    if (count === capacity) {
      capacity = capacity * 2 || 16;
      starts = grow(starts, capacity);
      ends = grow(ends, capacity);
      weights = grow(weights, capacity);
    }
    starts[count] = start;
    ends[count] = i;
    weights[count] = weight > limit ? limit + 1 : weight;
    count++;
    if (i >= length) break;
    start = text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  if (reuse === undefined) return { count, starts, ends, weights };
  Object.assign(reuse, { count, starts, ends, weights });
  return reuse;
}

/** A limit as a whole number of hundredths within Int32 range; 0 for anything not a number above 0. */
function boundLimit(limit: number): number {
  return limit > 0 ? Math.min(MAX_LIMIT, Math.floor(limit)) : 0;
}

/** Offset of the first line break at or after `from`, or the text's length. */
function lineEnd(text: string, from: number): number {
  const lf = text.indexOf('\n', from);
  const cr = text.indexOf('\r', from);
  if (lf === -1) return cr === -1 ? text.length : cr;
  return cr === -1 ? lf : Math.min(lf, cr);
}

/** A copy of `array` with room for `capacity` entries. */
function grow(array: Int32Array, capacity: number): Int32Array {
  const larger = new Int32Array(capacity);
  larger.set(array);
  return larger;
}

/** Estimated tokens in `text`: 0 for empty or whitespace-only text. */
export function estimateTokens(text: string): number {
  return Math.ceil(tokenHundredths(text) / WEIGHT_SCALE);
}

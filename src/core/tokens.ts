// A cheap token estimate for the chunk budget: no vocabulary, one table-driven pass over the
// characters, no branches on the data (about 2 ns a character).
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

/** Cost of a character of class k after one of class p, at COST[p * CLASSES + k]. */
const CONTINUATION = [0, 0.07, 0.3, 0.4, 1];
const COST = new Float64Array(CLASSES * CLASSES);
for (let p = 0; p < CLASSES; p++) {
  for (let k = 0; k < CLASSES; k++) COST[p * CLASSES + k] = k === FREE ? 0 : k === p ? (CONTINUATION[k] as number) : 1;
}

/**
 * The unrounded estimate for text.slice(start, end), without making the slice: summing these
 * per line and rounding once keeps a passage's total free of per-line rounding.
 */
export function tokenWeight(text: string, start = 0, end = text.length): number {
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

/** Estimated tokens in `text`: 0 for empty or whitespace-only text. */
export function estimateTokens(text: string): number {
  return Math.ceil(tokenWeight(text));
}

// A cheap token estimate for chunk budgets and prompt packing: no vocabulary, one pass over the
// characters.
//
// Byte-pair tokenizers (Cohere's, OpenAI's) give a common word one token, split long identifiers
// and numbers into pieces, merge runs of punctuation, and spend about a token per character
// outside ASCII. The estimate mirrors that with a cost per character that depends on the class
// of the character before it: the first character of a run of ASCII letters, digits or symbols
// costs 1, each further one 0.07 (letters), 0.3 (digits) or 0.4 (symbols); a line feed, a
// control character or a character outside ASCII costs 1; spaces, tabs and CR cost nothing
// (they merge into the next token). Against cl100k on passages of source code and prose the
// estimate leans high, the safe side, so a chunk estimated under a provider's max_tokens_per_doc
// is not cut short by it. Each character costs at most 1, so the estimate never exceeds the
// text's length.
//
// Costs are whole hundredths of a token, so sums are exact in any order.

/** Hundredths of a token per token: the unit of tokenHundredths. */
export const HUNDREDTHS_PER_TOKEN = 100;

const FREE = 0;
const LETTER = 1;
const DIGIT = 2;
const SYMBOL = 3;
const SINGLE = 4;

function classOf(c: number): number {
  if (c >= 128) return SINGLE;
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 /* _ */) return LETTER;
  if (c >= 48 && c <= 57) return DIGIT;
  if (c === 32 || c === 9 || c === 13 || c === 11 || c === 12) return FREE;
  return c > 32 && c < 127 ? SYMBOL : SINGLE;
}

/** Hundredths of a token a character of class `kind` costs right after one of class `previous`. */
function costOf(previous: number, kind: number): number {
  if (kind === FREE) return 0;
  if (kind !== previous) return HUNDREDTHS_PER_TOKEN;
  return kind === LETTER ? 7 : kind === DIGIT ? 30 : kind === SYMBOL ? 40 : HUNDREDTHS_PER_TOKEN;
}

/** The unrounded estimate for text.slice(start, end) in hundredths of a token, without making the slice. */
export function tokenHundredths(text: string, start = 0, end = text.length): number {
  let weight = 0;
  let previous = FREE;
  for (let i = start; i < end; i++) {
    const kind = classOf(text.charCodeAt(i));
    weight += costOf(previous, kind);
    previous = kind;
  }
  return weight;
}

/** Estimated tokens in `text`: 0 for empty or whitespace-only text. */
export function estimateTokens(text: string): number {
  return Math.ceil(tokenHundredths(text) / HUNDREDTHS_PER_TOKEN);
}

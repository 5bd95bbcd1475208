// The tokenizer behind the offline ranker. It lowercases, splits Unicode words, and splits code
// identifiers (camelCase, snake_case, kebab-case) while also keeping the whole identifier, so a
// search for "getUserName", "user name" or "get_user_name" finds the same code. Nothing is
// dropped: no stop words, no minimum length, digits kept.

const WORD = /[\p{L}\p{M}\p{N}_]+/gu;
const PLAIN = /^[a-z0-9]+$/;
/** Upper-case runs, capitalised words, lower-case runs, digit runs: "HTTPServer2Go" -> HTTP Server 2 Go. */
const IDENTIFIER_PART = /\p{Lu}+(?![\p{Ll}\p{M}])|\p{Lu}?[\p{Ll}\p{M}]+|\p{N}+|[\p{L}\p{M}]+/gu;
/** Scripts written without spaces between words: each character is a token. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

/** Calls `emit` with each token of `text`, in order. Allocation-light: the hot loop of BM25. */
export function forEachToken(text: string, emit: (token: string) => void): void {
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const word = m[0];
    if (PLAIN.test(word)) {
      emit(word);
      continue;
    }
    emitWord(word, emit);
  }
}

function emitWord(word: string, emit: (token: string) => void): void {
  if (UNSPACED.test(word)) {
    for (const ch of word) if (ch !== '_') emit(ch.toLowerCase());
    return;
  }
  const parts: string[] = [];
  for (const piece of word.split('_')) {
    if (piece === '') continue;
    IDENTIFIER_PART.lastIndex = 0;
    for (let p = IDENTIFIER_PART.exec(piece); p !== null; p = IDENTIFIER_PART.exec(piece)) parts.push(p[0].toLowerCase());
  }
  for (const part of parts) emit(part);
  // The whole identifier too, so an exact search for it ranks above its scattered parts.
  if (parts.length > 1) emit(word.replace(/^_+|_+$/g, '').toLowerCase());
}

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  forEachToken(text, (t) => tokens.push(t));
  return tokens;
}

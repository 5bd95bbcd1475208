// The tokenizer behind the offline ranker. It lowercases, splits Unicode words, and splits code
// identifiers (camelCase, snake_case, kebab-case) while also keeping the whole identifier, so a
// search for "getUserName", "user name" or "get_user_name" finds the same code. Nothing is
// dropped: no stop words, no minimum length, digits kept. Text is compared in NFC, so a word typed
// with combining accents matches the same word precomposed.

const WORD = /[\p{L}\p{M}\p{N}_]+/gu;
const PLAIN = /^[a-z0-9]+$/;
/** Upper-case runs, capitalised words, lower-case runs, digit runs: "HTTPServer2Go" -> HTTP Server 2 Go. */
const IDENTIFIER_PART = /\p{Lu}+(?![\p{Ll}\p{M}])|\p{Lu}?[\p{Ll}\p{M}]+|\p{N}+|[\p{L}\p{M}]+/gu;
const DIGITS = /^\p{N}/u;
/** Scripts written without spaces between words: each character is a token. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
/** One character of those scripts, or a run of anything else ("iPhone手机" -> iPhone 手 机). */
const UNSPACED_SPLIT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]+/gu;

/** Calls `emit` with each token of `text`, in order. Allocation-light: the hot loop of BM25. */
export function forEachToken(text: string, emit: (token: string) => void): void {
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const word = m[0];
    if (PLAIN.test(word)) {
      emit(word);
      continue;
    }
    // Only non-ASCII words can change under NFC; normalising here keeps the plain path free.
    emitWord(word.normalize('NFC'), emit);
  }
}

function emitWord(word: string, emit: (token: string) => void): void {
  if (!UNSPACED.test(word)) {
    emitIdentifier(word, emit);
    return;
  }
  // A word can mix scripts ("iPhone手机"): the other runs are read as words of their own.
  UNSPACED_SPLIT.lastIndex = 0;
  for (let m = UNSPACED_SPLIT.exec(word); m !== null; m = UNSPACED_SPLIT.exec(word)) {
    const run = m[0];
    if (UNSPACED.test(run)) emit(run.toLowerCase());
    else if (PLAIN.test(run)) emit(run);
    else emitIdentifier(run, emit);
  }
}

function emitIdentifier(word: string, emit: (token: string) => void): void {
  const parts: string[] = [];
  // Letters followed by digits ("sha256Hash" -> sha256, "apiV2Client" -> v2): the token the same
  // letters and digits make as a plain word, so a search for "sha256" or "v2" finds the identifier.
  const alphanumerics: string[] = [];
  for (const piece of word.split('_')) {
    if (piece === '') continue;
    IDENTIFIER_PART.lastIndex = 0;
    let letters = '';
    for (let p = IDENTIFIER_PART.exec(piece); p !== null; p = IDENTIFIER_PART.exec(piece)) {
      const part = p[0].toLowerCase();
      parts.push(part);
      const isDigits = DIGITS.test(part);
      if (isDigits && letters !== '') alphanumerics.push(letters + part);
      letters = isDigits ? '' : part;
    }
  }
  for (const part of parts) emit(part);
  if (parts.length < 2) return;
  // The whole identifier too, so an exact search for it ranks above its scattered parts.
  const whole = word.replace(/^_+|_+$/g, '').toLowerCase();
  for (const alphanumeric of alphanumerics) if (alphanumeric !== whole) emit(alphanumeric);
  emit(whole);
}

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  forEachToken(text, (t) => tokens.push(t));
  return tokens;
}

// The tokenizer behind the offline ranker. It lowercases, splits Unicode words, and splits code
// identifiers (camelCase, snake_case, kebab-case) while also keeping the whole identifier, so a
// search for "getUserName", "user name" or "get_user_name" finds the same code. Nothing is
// dropped: no stop words, no minimum length, digits kept. Text is compared in NFC, so a word typed
// with combining accents matches the same word precomposed.

/** A word from where it starts: letters, marks, digits and "_" of any script. */
const WORD_AT = /[\p{L}\p{M}\p{N}_]+/uy;
/** Upper-case runs, capitalised words, lower-case runs, digit runs: "HTTPServer2Go" -> HTTP Server 2 Go. */
const IDENTIFIER_PART = /\p{Lu}+(?![\p{Ll}\p{M}])|\p{Lu}?[\p{Ll}\p{M}]+|\p{N}+|[\p{L}\p{M}]+/gu;
const DIGITS = /^\p{N}/u;
/** Scripts written without spaces between words: each character is a token. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
/** One character of those scripts, or a run of anything else ("iPhone手机" -> iPhone 手 机). */
const UNSPACED_SPLIT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]+/gu;
const PLAIN = /^[a-z0-9]+$/;

/**
 * Receives one token without making a string of it: `source.slice(start, end)` with A-Z lowered
 * is the token. An ASCII token is a range of the text; a word with other characters arrives as
 * its own lower-case string, whole (lowering A-Z changes nothing in it).
 */
export type TokenRange = (source: string, start: number, end: number) => void;

/**
 * Calls `emit` with each token of `text`, in order, as a range. The hot loop of BM25: ASCII words
 * are read by character codes (several times faster over code than Unicode regular expressions)
 * and handed on as ranges, so a token that is not a query term costs no string; a word with a
 * character outside ASCII is read by the Unicode pattern.
 */
export function forEachTokenRange(text: string, emit: TokenRange): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128 && !isAsciiWordCode(c)) {
      i++;
      continue;
    }
    const start = i;
    let plain = true;
    for (; i < n; i++) {
      const code = text.charCodeAt(i);
      if (!isAsciiWordCode(code)) break;
      // Lower-case letters and digits make a plain word; capitals and "_" an identifier to split.
      if (plain && !((code >= 97 && code <= 122) || (code >= 48 && code <= 57))) plain = false;
    }
    if (i < n && text.charCodeAt(i) >= 128) {
      // The word starts or goes on outside ASCII ("café", "iPhone手机"), or a non-word character follows it.
      WORD_AT.lastIndex = start;
      const word = WORD_AT.exec(text)?.[0];
      if (word === undefined) {
        i = start + 1;
        continue;
      }
      if (word.length > i - start) {
        // Only non-ASCII words can change under NFC.
        emitWord(word.normalize('NFC'), (token) => emit(token, 0, token.length));
        i = start + word.length;
        continue;
      }
    }
    if (plain) emit(text, start, i);
    else emitAsciiIdentifier(text, start, i, emit);
  }
}

/** Calls `emit` with each token of `text`, in order, as a string. */
export function forEachToken(text: string, emit: (token: string) => void): void {
  forEachTokenRange(text, (source, start, end) => emit(lowerAscii(source, start, end)));
}

/** `source.slice(start, end)` with A-Z lowered: the token a range stands for. */
function lowerAscii(source: string, start: number, end: number): string {
  const token = start === 0 && end === source.length ? source : source.slice(start, end);
  for (let i = 0; i < token.length; i++) if (isUpper(token.charCodeAt(i))) return token.toLowerCase();
  return token;
}

function isAsciiWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
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
    let letters = '';
    IDENTIFIER_PART.lastIndex = 0;
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

/**
 * emitIdentifier for an ASCII word (letters, digits, "_") at `text[from, to)`, by character codes,
 * emitting each part as a range as it is found: IDENTIFIER_PART's parts, where a capital run
 * before a capitalised word ends one letter early ("HTTPServer" -> http, server). Every token of
 * such a word is a range of it: a letters-then-digits pair is two adjacent parts, the whole is the
 * word without its outer "_".
 */
function emitAsciiIdentifier(text: string, from: number, to: number, emit: TokenRange): void {
  let parts = 0;
  // Letters-then-digits pairs, as start and end offsets.
  let alphanumerics: number[] | undefined;
  // Where the part before starts, within the same "_"-separated piece, when it is letters; else -1.
  let letters = -1;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 95) {
      letters = -1;
      i++;
      continue;
    }
    let end = i + 1;
    if (isUpper(c)) {
      while (end < to && isUpper(text.charCodeAt(end))) end++;
      if (end < to && isLower(text.charCodeAt(end))) {
        if (end - i > 1) end--;
        else while (end < to && isLower(text.charCodeAt(end))) end++;
      }
      letters = i;
    } else if (isLower(c)) {
      while (end < to && isLower(text.charCodeAt(end))) end++;
      letters = i;
    } else {
      while (end < to && isDigit(text.charCodeAt(end))) end++;
      if (letters >= 0) (alphanumerics ??= []).push(letters, end);
      letters = -1;
    }
    emit(text, i, end);
    parts++;
    i = end;
  }
  if (parts < 2) return;
  let start = from;
  let stop = to;
  while (text.charCodeAt(start) === 95) start++;
  while (text.charCodeAt(stop - 1) === 95) stop--;
  if (alphanumerics !== undefined) {
    for (let k = 0; k < alphanumerics.length; k += 2) {
      const [pairStart, pairEnd] = [alphanumerics[k] as number, alphanumerics[k + 1] as number];
      // A pair that is the whole word ("SHA256") is emitted once, as the whole.
      if (pairStart !== start || pairEnd !== stop) emit(text, pairStart, pairEnd);
    }
  }
  emit(text, start, stop);
}

const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  forEachToken(text, (t) => tokens.push(t));
  return tokens;
}

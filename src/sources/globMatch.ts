// The glob matcher behind every pattern the sources apply (include and exclude globs, files.exclude,
// search.exclude, .gitignore, .rerankignore), written without regular expressions so that no
// pattern can make matching backtrack: a path is split into segments, `**` segments are matched
// by dynamic programming over segments, and each other segment by the two-pointer wildcard
// algorithm. Matching a path costs at most (pattern length x path length) character steps per
// brace alternative, and brace expansion is capped (src/sources/braces.ts).
//
// Within a segment: `*` (any run of characters), `?` (one character), `[abc]`, `[a-z]`, `[!a]`,
// `[^a]` and POSIX classes like `[[:digit:]]`, and `\x` for a literal x. An unterminated `[` is a
// literal. `{a,b}` alternatives (nested too) are expanded up front when braces are on; a group
// without a comma is literal text. Extglobs (`+(a|b)`) are not supported: their characters are
// literals.

import { expandBraces } from './braces';

type Token = { kind: 'char'; char: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'class'; negated: boolean; chars: string; ranges: [string, string][] };

/** A segment pattern: `**` (any number of segments) or the test of one segment. */
type SegmentPattern = 'globstar' | ((segment: string) => boolean);

/** A parsed glob: one list of segment patterns per brace alternative. */
export interface Glob {
  alternatives: SegmentPattern[][];
  nocase: boolean;
}

export interface GlobOptions {
  /** Expand `{a,b}` (settings globs do; .gitignore patterns have no braces). */
  braces: boolean;
  /** Compare letters without case. */
  nocase: boolean;
  /** The pattern as its author wrote it, for errors; default the pattern parsed. */
  written?: string;
}

/** Parses a "/"-separated pattern relative to the root (no leading "/"). */
export function parseGlob(pattern: string, options: GlobOptions): Glob {
  const texts = options.braces ? expandBraces(pattern, options.written) : [pattern];
  return { alternatives: texts.map((text) => text.split('/').map((segment) => parseSegment(segment, options.nocase))), nocase: options.nocase };
}

/**
 * For each j from 0 to segments.length, whether the glob matches the path's first j segments
 * exactly: callers decide whether a match of a leading part (a folder above the path) counts.
 */
export function globPrefixMatches(glob: Glob, segments: readonly string[]): Uint8Array {
  const path = glob.nocase ? segments.map((s) => s.toLowerCase()) : segments;
  const result = new Uint8Array(path.length + 1);
  for (const alternative of glob.alternatives) {
    const row = matchAlternative(alternative, path);
    for (let j = 0; j < row.length; j++) if (row[j] === 1) result[j] = 1;
  }
  return result;
}

/**
 * Whether the glob matches the whole path. `folded`: the segments are lower case already (for
 * a glob that ignores case, tested against many paths or a path against many globs).
 */
export function globMatchesWhole(glob: Glob, segments: readonly string[], folded = false): boolean {
  const path = glob.nocase && !folded ? segments.map((s) => s.toLowerCase()) : segments;
  for (const alternative of glob.alternatives) if (matchesWhole(alternative, path)) return true;
  return false;
}

// row[j] = 1: the pattern segments seen so far match path segments [0, j). O(pattern segments x
// path segments) segment tests.
function matchAlternative(pattern: readonly SegmentPattern[], path: readonly string[]): Uint8Array {
  let row = new Uint8Array(path.length + 1);
  let next = new Uint8Array(path.length + 1);
  row[0] = 1;
  for (const segment of pattern) {
    if (segment === 'globstar') {
      let any = 0;
      for (let j = 0; j <= path.length; j++) next[j] = any |= row[j] as number;
    } else {
      next[0] = 0;
      for (let j = 1; j <= path.length; j++) next[j] = row[j - 1] === 1 && segment(path[j - 1] as string) ? 1 : 0;
    }
    const done = row;
    row = next;
    next = done;
  }
  return row;
}

/** Whether an alternative matches the whole path, with plain loops for the common shapes. */
function matchesWhole(alternative: readonly SegmentPattern[], path: readonly string[]): boolean {
  // "**/name": only the last segment can decide.
  const last = alternative[1];
  if (alternative.length === 2 && alternative[0] === 'globstar' && last !== undefined && last !== 'globstar') return last(path[path.length - 1] as string);
  if (!alternative.includes('globstar')) {
    // Without **, segment i matches segment i.
    if (alternative.length !== path.length) return false;
    for (let i = 0; i < path.length; i++) if (!(alternative[i] as (segment: string) => boolean)(path[i] as string)) return false;
    return true;
  }
  return matchAlternative(alternative, path)[path.length] === 1;
}

/**
 * The two-pointer wildcard algorithm: on a mismatch, go back to just after the last `*` and let
 * it take one more character. Every other token takes exactly one character, so this finds a
 * match when there is one, in O(tokens x characters) steps.
 */
function matchSegment(tokens: readonly Token[], text: string, nocase: boolean): boolean {
  let t = 0;
  let i = 0;
  let star = -1;
  let starText = 0;
  while (i < text.length) {
    const token = tokens[t];
    if (token !== undefined && token.kind === 'star') {
      star = t++;
      starText = i;
    } else if (token !== undefined && matchChar(token, text[i] as string, nocase)) {
      t++;
      i++;
    } else if (star >= 0) {
      t = star + 1;
      i = ++starText;
    } else {
      return false;
    }
  }
  while (tokens[t]?.kind === 'star') t++;
  return t === tokens.length;
}

function matchChar(token: Token, char: string, nocase: boolean): boolean {
  switch (token.kind) {
    case 'char':
      return token.char === char;
    case 'any':
      return true;
    case 'star':
      return false;
    case 'class': {
      const inClass = (c: string): boolean => token.chars.includes(c) || token.ranges.some(([from, to]) => from <= c && c <= to);
      const found = inClass(char) || (nocase && inClass(char.toUpperCase()));
      return found !== token.negated;
    }
  }
}

const POSIX_CLASSES: Readonly<Record<string, [string, [string, string][]]>> = {
  alnum: ['', [['0', '9'], ['A', 'Z'], ['a', 'z']]],
  alpha: ['', [['A', 'Z'], ['a', 'z']]],
  blank: [' \t', []],
  cntrl: ['\x7f', [['\x00', '\x1f']]],
  digit: ['', [['0', '9']]],
  graph: ['', [['!', '~']]],
  lower: ['', [['a', 'z']]],
  print: ['', [[' ', '~']]],
  punct: ['', [['!', '/'], [':', '@'], ['[', '`'], ['{', '~']]],
  space: [' \t\n\r\v\f', []],
  upper: ['', [['A', 'Z']]],
  xdigit: ['', [['0', '9'], ['A', 'F'], ['a', 'f']]],
};

/**
 * The test of one segment: a plain comparison for the common shapes ("name", "*.ts", "test*",
 * "a*b"), the wildcard algorithm for the rest.
 */
function parseSegment(segment: string, nocase: boolean): SegmentPattern {
  if (segment === '**') return 'globstar';
  const tokens = segmentTokens(segment, nocase);
  const stars = tokens.filter((t) => t.kind === 'star').length;
  const plain = tokens.every((t) => t.kind === 'char' || t.kind === 'star');
  if (plain && stars <= 1) {
    const star = tokens.findIndex((t) => t.kind === 'star');
    const text = (from: number, to: number): string => (tokens.slice(from, to) as { char: string }[]).map((t) => t.char).join('');
    if (star < 0) {
      const name = text(0, tokens.length);
      return (s) => s === name;
    }
    const head = text(0, star);
    const tail = text(star + 1, tokens.length);
    return (s) => s.length >= head.length + tail.length && s.startsWith(head) && s.endsWith(tail);
  }
  return (s) => matchSegment(tokens, s, nocase);
}

function segmentTokens(segment: string, nocase: boolean): Token[] {
  const tokens: Token[] = [];
  const literal = (char: string): Token => ({ kind: 'char', char: nocase ? char.toLowerCase() : char });
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string;
    if (c === '\\' && i + 1 < segment.length) tokens.push(literal(segment[++i] as string));
    // A run of stars within a segment is one star.
    else if (c === '*') {
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '[') {
      const parsed = parseClass(segment, i);
      if (parsed === undefined) tokens.push(literal(c));
      else {
        tokens.push(parsed.token);
        i = parsed.end;
      }
    } else tokens.push(literal(c));
  }
  return tokens;
}

/** The class opening at `start` and the index of its "]", or undefined when it is not closed. */
function parseClass(segment: string, start: number): { token: Token; end: number } | undefined {
  let i = start + 1;
  const negated = segment[i] === '!' || segment[i] === '^';
  if (negated) i++;
  let chars = '';
  const ranges: [string, string][] = [];
  // A "]" first in the class is a member, as in git and POSIX.
  for (let first = true; i < segment.length; first = false, i++) {
    let c = segment[i] as string;
    if (c === ']' && !first) return { token: { kind: 'class', negated, chars, ranges }, end: i };
    if (c === '[' && segment[i + 1] === ':') {
      const close = segment.indexOf(':]', i + 2);
      const posix = close < 0 ? undefined : POSIX_CLASSES[segment.slice(i + 2, close)];
      if (posix !== undefined) {
        chars += posix[0];
        ranges.push(...posix[1]);
        i = close + 1;
        continue;
      }
    }
    if (c === '\\' && i + 1 < segment.length) c = segment[++i] as string;
    if (segment[i + 1] === '-' && i + 2 < segment.length && segment[i + 2] !== ']') {
      let to = segment[i + 2] as string;
      i += 2;
      if (to === '\\' && i + 1 < segment.length) to = segment[++i] as string;
      ranges.push([c, to]);
    } else chars += c;
  }
  return undefined;
}

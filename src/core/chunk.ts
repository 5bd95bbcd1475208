// Chunking a file's text into passages a reranker can score: line ranges within a token budget,
// cut where a reader would cut (a top-level declaration, a Markdown heading, a blank line), with
// a little overlap where a cut falls inside a unit so context spanning it is not lost.
//
// Lines follow src/core/lines.ts (CRLF and lone CR are line breaks, as in VS Code), and a
// passage's text is exactly its lines joined by "\n": what an editor shows at that range.
// A single line longer than the budget becomes a passage of its own (a range cannot split a
// line); the file size limit keeps those bounded.

import { lineTable } from './lines';
import { HUNDREDTHS_PER_TOKEN, tokenHundredths } from './tokens';

export interface Passage {
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  text: string;
}

export interface ChunkOptions {
  /** Token budget per passage (estimated by src/core/tokens.ts). Default 400. */
  maxTokens?: number;
  /** The provider's max_tokens_per_doc, when it has one: the budget never exceeds it. */
  maxTokensPerDoc?: number;
  /** Lines repeated at the start of the next passage when a cut falls inside a unit. Default 2. */
  overlapLines?: number;
}

const DEFAULT_CHUNK_TOKENS = 400;
const DEFAULT_OVERLAP_LINES = 2;

/** A cut is only looked for in the back part of a full window, so passages are not tiny. */
const MIN_FILL = 0.5;
/** Overlap may take at most this share of the next passage's budget. */
const MAX_OVERLAP_SHARE = 0.25;

// How good a cut before a line is. A blank line before it and a unit starting at it add up.
const SCORE_BLANK_BEFORE = 2;
const SCORE_UNIT_START = 2;
const SCORE_AFTER_CLOSER = 1;

/**
 * A line at column 0 that starts a unit in common languages: declarations (JS/TS, Python, Go,
 * Rust, Java/C#/Kotlin, Ruby, PHP, C/C++, shell), decorators/attributes and doc comments that
 * lead a declaration, top-level test blocks, and Markdown headings (which also catch Python and
 * shell "# ..." comments: a fine place to cut too). Words that also start prose lines ("let",
 * "type", "it") count only in a code shape. Sticky: tested at a line's start offset.
 */
const UNIT_START = new RegExp(
  [
    '(?:export|import|function|async|class|abstract|interface|enum|declare|namespace|def|fn|pub|impl|struct|trait|mod|func|package|public|private|protected|internal|static|fun|sealed|template|typedef)\\b',
    '(?:const|let|var|type)\\s+[\\w$[{]+\\s*[=:<;]',
    '(?:describe|it|test|suite)\\(',
    'module(?:\\.exports|\\s+[A-Z])',
    '@[\\w.]',
    '#\\[',
    '\\/\\*\\*',
    '#{1,6}(?:[ \\t]|$)',
    '#(?:define|ifn?def|if|pragma|include)\\b',
    '[A-Za-z_][\\w-]*\\(\\)\\s*\\{',
  ].join('|'),
  'y',
);
/** Lines that belong to the unit after them: a cut goes before these, not after. */
const LEADS_UNIT = /(?:@[\w.]|#\[|\/\*\*|\/\/|\/\*|\s\*|\*\/|#)/y;
/** A column-0 line that closes a top-level block. */
const CLOSER = /(?:[}\])]|end\b)/y;

/** The ASCII characters each sticky pattern can start with: most lines fail this, not a regex. */
const UNIT_FIRST = firstCharacters('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_@#/');
const CLOSER_FIRST = firstCharacters('}])e');

function firstCharacters(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

export function chunkBudget(options: ChunkOptions = {}): number {
  const budget = Math.min(options.maxTokens ?? DEFAULT_CHUNK_TOKENS, options.maxTokensPerDoc ?? Infinity);
  return Math.max(1, Math.floor(budget));
}

/** Splits `text` into passages covering every non-blank line; blank-only text gives none. */
export function chunkText(text: string, options: ChunkOptions = {}): Passage[] {
  // In hundredths of a token, as tokenHundredths counts.
  const budget = chunkBudget(options) * HUNDREDTHS_PER_TOKEN;
  const overlapLines = Math.max(0, Math.floor(options.overlapLines ?? DEFAULT_OVERLAP_LINES));
  const file = new Cuts(text, budget);
  const { count: n, cost } = file;
  const passages: Passage[] = [];
  let pos = file.nextNonBlank(0);
  while (pos < n) {
    // The window: as many lines from pos as fit the budget, and always at least one.
    let end = pos;
    let sum = cost[pos] as number;
    while (end + 1 < n && sum + (cost[end + 1] as number) <= budget) sum += cost[++end] as number;
    if (end === n - 1) {
      passages.push(file.passage(pos, end));
      break;
    }
    // The best cut before a line in (pos, end + 1]; among equals the latest, so passages are full.
    let cut = end + 1;
    let best = file.cutScore(cut);
    let filled = sum;
    for (let b = end; b > pos; b--) {
      filled -= cost[b] as number;
      if (filled < budget * MIN_FILL) break;
      const score = file.cutScore(b);
      if (score > best) {
        best = score;
        cut = b;
      }
    }
    passages.push(file.passage(pos, cut - 1));
    pos = file.nextNonBlank(cut - file.overlapBefore(cut, pos, best, budget, overlapLines));
  }
  return passages;
}

/** One text's lines, with what chunkText weighs and cuts them by. */
class Cuts {
  private readonly starts: number[];
  private readonly ends: number[];
  /**
   * Each line's estimated weight (past the budget, only as far as that) plus a token for its line
   * break: one token alone marks a blank line.
   */
  readonly cost: number[];
  readonly count: number;
  /** Lines are joined by "\n" whatever their terminators: only text with a CR needs rewriting. */
  private readonly rewrite: boolean;

  /** `budget` in hundredths of a token: a line over it is weighed only as far as that. */
  constructor(
    private readonly text: string,
    budget: number,
  ) {
    const { starts, ends } = lineTable(text);
    this.starts = starts;
    this.ends = ends;
    this.count = starts.length;
    this.cost = starts.map((start, i) => tokenHundredths(text, start, ends[i], budget) + HUNDREDTHS_PER_TOKEN);
    this.rewrite = text.includes('\r');
  }

  blank(i: number): boolean {
    return this.cost[i] === HUNDREDTHS_PER_TOKEN;
  }

  /** The first line from `i` on that is not blank (the count when there is none). */
  nextNonBlank(i: number): number {
    while (i < this.count && this.blank(i)) i += 1;
    return i;
  }

  /** Lines first..last, without the blank lines at the end. */
  passage(first: number, last: number): Passage {
    while (this.blank(last)) last -= 1;
    const slice = this.text.slice(this.starts[first], this.ends[last]);
    return { startLine: first + 1, endLine: last + 1, text: this.rewrite ? slice.replace(/\r\n?/g, '\n') : slice };
  }

  unitStart(i: number): boolean {
    return atColumnZero(this.text, this.starts[i] as number, UNIT_START, UNIT_FIRST);
  }

  /** How good a cut before line i is. */
  cutScore(i: number): number {
    const before = this.starts[i - 1] as number;
    let score = 0;
    if (this.blank(i - 1)) score += SCORE_BLANK_BEFORE;
    else if (atColumnZero(this.text, before, CLOSER, CLOSER_FIRST)) score += SCORE_AFTER_CLOSER;
    if (this.unitStart(i) && (this.blank(i - 1) || !atColumnZero(this.text, before, LEADS_UNIT))) score += SCORE_UNIT_START;
    return score;
  }

  /**
   * Lines to repeat before `cut`: none when a new unit starts there (nothing spans the cut), and
   * never so many that the next passage could not reach past the cut.
   */
  overlapBefore(cut: number, first: number, score: number, budget: number, overlapLines: number): number {
    if (score >= SCORE_UNIT_START && this.unitStart(cut)) return 0;
    const cost = this.cost;
    let lines = 0;
    let tokens = cost[cut] as number;
    while (lines < overlapLines && cut - lines - 1 > first) {
      const next = tokens + (cost[cut - lines - 1] as number);
      if (next > budget || next - (cost[cut] as number) > budget * MAX_OVERLAP_SHARE) break;
      tokens = next;
      lines += 1;
    }
    return lines;
  }
}

/**
 * True when the line starting at `offset` begins (at column 0) with what `sticky` matches;
 * `first` (when given) lists the characters a match can start with.
 */
function atColumnZero(text: string, offset: number, sticky: RegExp, first?: Uint8Array): boolean {
  // The empty line after a final line break starts at the end of the text: nothing matches there.
  if (offset >= text.length) return false;
  if (first !== undefined) {
    const c = text.charCodeAt(offset);
    if (c >= 128 || first[c] !== 1) return false;
  }
  sticky.lastIndex = offset;
  return sticky.test(text);
}

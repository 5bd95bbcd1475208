// `{a,b}` alternatives in globs, expanded up front: nested groups too, a group without a comma or
// without its closing brace is literal text, and "\{" and a one-character class "[{]" are literal
// braces (the class is how settings globs write one: there a backslash is a separator). The number of
// alternatives and the nesting depth are capped, and counted before anything is expanded, so a
// pattern such as "{a,b}{a,b}...{a,b}" fails with a clear error instead of filling memory.

import { RerankError } from '../core/errors';

/** More alternatives than this from one pattern's braces is an error, not a slow match. */
export const MAX_BRACE_ALTERNATIVES = 256;

/** A pattern's brace alternatives; throws when they would be more than MAX_BRACE_ALTERNATIVES. */
export function expandBraces(pattern: string, written = pattern): string[] {
  const parts = parseBraces(pattern, 0, { closing: closingBraces(pattern), written }, 0).parts;
  if (countOf(parts) > MAX_BRACE_ALTERNATIVES) {
    throw new RerankError('bad-input', `the glob "${written}" expands to more than ${MAX_BRACE_ALTERNATIVES} alternatives through its {a,b} braces; write it as fewer or simpler globs`);
  }
  return expand(parts);
}

/** Deeper nesting than this is an error: no glob a person writes needs it. */
const MAX_BRACE_DEPTH = 16;

/** Literal text, or a brace group: its alternatives, each a sequence of parts. */
type BracePart = string | BracePart[][];

/**
 * For each "{", the index of its "}", or -1 when it is never closed (then it is literal text).
 * Found in one pass up front, so parsing never tries a group that cannot close.
 */
function closingBraces(text: string): Int32Array {
  const closing = new Int32Array(text.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (isOneCharClass(text, i)) i += 2;
    else if (c === '{') open.push(i);
    else if (c === '}' && open.length > 0) closing[open.pop() as number] = i;
  }
  return closing;
}

/** "[x]" at `i`: one character, taken literally by the glob matcher, braces and commas too. */
function isOneCharClass(text: string, i: number): boolean {
  return text[i] === '[' && text[i + 2] === ']' && text[i + 1] !== '/';
}

interface BraceText {
  closing: Int32Array;
  written: string;
}

/** Parts from `start` up to the end or, inside a group (depth > 0), up to a top-level "," or "}". */
function parseBraces(text: string, start: number, braces: BraceText, depth: number): { parts: BracePart[]; end: number } {
  if (depth > MAX_BRACE_DEPTH) throw new RerankError('bad-input', `the glob "${braces.written}" nests braces more than ${MAX_BRACE_DEPTH} deep; write it as simpler globs`);
  const parts: BracePart[] = [];
  let literal = '';
  let i = start;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\\' && i + 1 < text.length) {
      literal += text.slice(i, i + 2);
      i += 2;
    } else if (isOneCharClass(text, i)) {
      literal += text.slice(i, i + 3);
      i += 3;
    } else if (depth > 0 && (c === ',' || c === '}')) {
      break;
    } else if (c === '{' && (braces.closing[i] as number) >= 0) {
      if (literal !== '') parts.push(literal);
      literal = '';
      const end = braces.closing[i] as number;
      parts.push(...parseGroup(text, i, end, braces, depth + 1));
      i = end + 1;
    } else {
      literal += c;
      i++;
    }
  }
  if (literal !== '') parts.push(literal);
  return { parts, end: i };
}

/** The parts of the group from `open` to its `close`: alternatives, or "{a}" as literal text. */
function parseGroup(text: string, open: number, close: number, braces: BraceText, depth: number): BracePart[] {
  const alternatives: BracePart[][] = [];
  let i = open + 1;
  for (;;) {
    const { parts, end } = parseBraces(text, i, braces, depth);
    alternatives.push(parts);
    if (end >= close) break;
    i = end + 1;
  }
  return alternatives.length === 1 ? ['{', ...(alternatives[0] as BracePart[]), '}'] : [alternatives];
}

/** How many strings the parts expand to, counted no further than just over the cap. */
function countOf(parts: readonly BracePart[]): number {
  let count = 1;
  for (const part of parts) {
    if (typeof part === 'string') continue;
    let alternatives = 0;
    for (const sequence of part) alternatives = Math.min(alternatives + countOf(sequence), MAX_BRACE_ALTERNATIVES + 1);
    count = Math.min(count * alternatives, MAX_BRACE_ALTERNATIVES + 1);
  }
  return count;
}

function expand(parts: readonly BracePart[]): string[] {
  let results = [''];
  for (const part of parts) {
    const tails = typeof part === 'string' ? [part] : part.flatMap((sequence) => expand(sequence));
    results = results.flatMap((head) => tails.map((tail) => head + tail));
  }
  return results;
}

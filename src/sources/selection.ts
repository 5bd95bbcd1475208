// Selections -> candidates. Every selection of a multi-cursor editor is split into blocks
// (paragraphs, lines, Markdown sections, or kept whole), and each block keeps its document URI
// and exact line range so a result can be revealed later. No vscode import: the extension
// describes the editor in the plain shape below.

import { splitLines } from '../core/lines';
import type { Candidate } from '../core/types';

export type SelectionSplit = 'auto' | 'paragraph' | 'line' | 'heading' | 'none';

export const SELECTION_SPLITS: readonly SelectionSplit[] = ['auto', 'paragraph', 'line', 'heading', 'none'];

export interface EditorSelection {
  /** The selected text, as the editor returns it (any line endings). */
  text: string;
  /** 1-based document line where the selection starts. */
  startLine: number;
}

export interface EditorState {
  uri: string;
  /** VS Code language id: in Markdown, paragraphs keep code fences, lists and headings with their text. */
  languageId: string;
  selections: readonly EditorSelection[];
}

const MARKDOWN_LANGUAGES = new Set(['markdown', 'mdx', 'quarto', 'rmd']);
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
/** A fenced code block opens and closes with ``` or ~~~; a "#" inside one is not a heading. */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** A list item: "- ", "* ", "+ ", "1. " or "1) ". */
const LIST_ITEM = /^\s*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/**
 * The split `auto` stands for: paragraphs, the unit a reader ranks (a Markdown section of six
 * paragraphs kept whole would be one result).
 */
export function resolveSplit(split: SelectionSplit): Exclude<SelectionSplit, 'auto'> {
  return split === 'auto' ? 'paragraph' : split;
}

export function isMarkdown(languageId: string): boolean {
  return MARKDOWN_LANGUAGES.has(languageId.toLowerCase());
}

/**
 * One candidate per non-blank block of every selection, in the order given. Block numbers run
 * across all selections from 0; a block's text is its lines joined by "\n", trimmed of blank
 * lines at either end (its range says exactly which lines it holds).
 */
export function selectionCandidates(editor: EditorState, split: SelectionSplit): Candidate[] {
  const mode = resolveSplit(split);
  const markdown = isMarkdown(editor.languageId);
  const candidates: Candidate[] = [];
  for (const selection of editor.selections) {
    const lines = splitLines(selection.text);
    for (const [first, last] of blockRanges(lines, mode, markdown)) {
      const range = { startLine: selection.startLine + first, endLine: selection.startLine + last };
      const block = candidates.length;
      candidates.push({
        id: `${editor.uri}#${range.startLine}-${range.endLine}:${block}`,
        text: lines.slice(first, last + 1).join('\n'),
        source: { kind: 'selection', uri: editor.uri, block, range },
      });
    }
  }
  return candidates;
}

/**
 * 0-based inclusive [first, last] line pairs of each non-blank block. `markdown` makes paragraphs
 * follow Markdown's structure (see markdownParagraphStarts).
 */
export function blockRanges(lines: readonly string[], mode: Exclude<SelectionSplit, 'auto'>, markdown = false): [number, number][] {
  const blank = (i: number): boolean => (lines[i] as string).trim() === '';
  const starts: number[] = [];
  if (mode === 'paragraph' && markdown) {
    starts.push(...markdownParagraphStarts(lines));
  } else if (mode === 'paragraph') {
    for (let i = 0; i < lines.length; i++) if (!blank(i) && (i === 0 || blank(i - 1))) starts.push(i);
  } else if (mode === 'line') {
    for (let i = 0; i < lines.length; i++) starts.push(i);
  } else if (mode === 'heading') {
    starts.push(0);
    let fence: string | undefined;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      const marker = FENCE.exec(line)?.[1];
      if (marker !== undefined) {
        // A fence closes with a marker of the same character, at least as long.
        if (fence === undefined) fence = marker;
        else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      } else if (fence === undefined && i > 0 && HEADING.test(line)) starts.push(i);
    }
  } else {
    starts.push(0);
  }
  const ranges: [number, number][] = [];
  for (let s = 0; s < starts.length; s++) {
    let first = starts[s] as number;
    let last = (s + 1 < starts.length ? (starts[s + 1] as number) : lines.length) - 1;
    // Blank lines at either end belong to no block; a block of only blank lines is dropped.
    while (first <= last && blank(first)) first++;
    while (last >= first && blank(last)) last--;
    if (first <= last) ranges.push([first, last]);
  }
  return ranges;
}

/**
 * Where each Markdown paragraph starts. A blank line ends a paragraph, except inside a code fence
 * or a list (a blank line before another item or an indented line); a heading starts a new one
 * even without a blank line. A heading, or a paragraph ending in ":", stays with what follows, so
 * no block is a bare heading and "Run this:" keeps its code.
 */
function markdownParagraphStarts(lines: readonly string[]): number[] {
  const starts: number[] = [];
  let fence: string | undefined;
  let open = false; // a block has started
  let onlyHeadings = false; // the open block holds headings only
  let inList = false; // the open block holds a list item
  let blankBefore = false;
  let joinNext = false; // the open block ends in a heading or ":"
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (fence !== undefined) {
      const marker = FENCE.exec(line)?.[1];
      // A fence closes with a marker of the same character, at least as long.
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      blankBefore = false;
      continue;
    }
    if (line.trim() === '') {
      blankBefore = open;
      continue;
    }
    const heading = HEADING.test(line);
    const continuesList = inList && (LIST_ITEM.test(line) || /^\s/.test(line));
    const startsBlock = !open || (heading ? !onlyHeadings : blankBefore && !joinNext && !continuesList);
    if (startsBlock) {
      starts.push(i);
      open = true;
      onlyHeadings = true;
      inList = false;
    }
    onlyHeadings &&= heading;
    inList ||= LIST_ITEM.test(line);
    joinNext = onlyHeadings || line.trimEnd().endsWith(':');
    blankBefore = false;
    fence = FENCE.exec(line)?.[1];
  }
  return starts;
}

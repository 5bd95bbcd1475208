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
  /** VS Code language id: "markdown" makes `auto` split at headings. */
  languageId: string;
  selections: readonly EditorSelection[];
}

const MARKDOWN_LANGUAGES = new Set(['markdown', 'mdx', 'quarto', 'rmd']);
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
/** A fenced code block opens and closes with ``` or ~~~; a "#" inside one is not a heading. */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The split `auto` stands for in a document of this language. */
export function resolveSplit(split: SelectionSplit, languageId: string): Exclude<SelectionSplit, 'auto'> {
  if (split !== 'auto') return split;
  return MARKDOWN_LANGUAGES.has(languageId.toLowerCase()) ? 'heading' : 'paragraph';
}

/**
 * One candidate per non-blank block of every selection, in the order given. Block numbers run
 * across all selections from 0; a block's text is its lines joined by "\n", trimmed of blank
 * lines at either end (its range says exactly which lines it holds).
 */
export function selectionCandidates(editor: EditorState, split: SelectionSplit): Candidate[] {
  const mode = resolveSplit(split, editor.languageId);
  const candidates: Candidate[] = [];
  for (const selection of editor.selections) {
    const lines = splitLines(selection.text);
    for (const [first, last] of blockRanges(lines, mode)) {
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

/** 0-based inclusive [first, last] line pairs of each non-blank block. */
export function blockRanges(lines: readonly string[], mode: Exclude<SelectionSplit, 'auto'>): [number, number][] {
  const blank = (i: number): boolean => (lines[i] as string).trim() === '';
  const starts: number[] = [];
  if (mode === 'paragraph') {
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

// "Find Related to Selection" ranks the workspace against the selected text: the passages that
// hold that text would rank first and say nothing new, so they are left out.

import type { Candidate, LineRange } from '../core/types';

export interface SelectedLines {
  /** The document's URI, as the candidates' `source.uri` spells it. */
  uri: string;
  ranges: readonly LineRange[];
}

/** An editor selection as 1-based lines: one ending at the start of a line does not hold that line. */
export function selectedLines(start: { line: number }, end: { line: number; character: number }): LineRange {
  const last = end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
  return { startLine: start.line + 1, endLine: last + 1 };
}

/** False for a passage of the selected document whose lines overlap a selection. */
export function outsideSelection(candidate: Candidate, selected: SelectedLines): boolean {
  const source = candidate.source;
  if (source.kind !== 'file' || source.uri !== selected.uri) return true;
  // A whole file without a range holds the selection.
  if (!source.range) return false;
  const { startLine, endLine } = source.range;
  return !selected.ranges.some((r) => startLine <= r.endLine && endLine >= r.startLine);
}

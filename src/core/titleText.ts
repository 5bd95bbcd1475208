// How passage titles and the document header read: one line, neutralised, short. Titles come
// from file text and paths from file names, so both are data from outside: no line breaks or
// control characters reach a label, a terminal or the text a ranker sees.

import { controlsAsSpaces } from './outsideText';
import type { Candidate } from './types';
import { truncate } from './truncate';

/** A title's longest form, two levels included ("class ResultsPanel › render"). */
export const MAX_TITLE_LENGTH = 80;
/** A path in a document header keeps its last characters beyond this (the file name matters most). */
export const MAX_HEADER_PATH_LENGTH = 160;
const TITLE_SEPARATOR = ' › ';

/** What documents sent to a remote ranker start with (`rerank.workspace.documentHeader`). */
export type DocumentHeaderMode = 'path-and-title' | 'none';
export const DEFAULT_DOCUMENT_HEADER: DocumentHeaderMode = 'path-and-title';

/** `text` on one line: unsafe characters and runs of spaces become one space; "…" past `maxLength`. */
export function oneLine(text: string, maxLength: number): string {
  const clean = controlsAsSpaces(text).replace(/ {2,}/g, ' ').trim();
  return truncate(clean, maxLength);
}

/** "parent › label", at most MAX_TITLE_LENGTH characters: the parent shortens first. */
export function composeTitle(parent: string | undefined, label: string): string {
  if (parent === undefined) return label;
  const room = MAX_TITLE_LENGTH - label.length - TITLE_SEPARATOR.length;
  if (room < 12) return label;
  return `${oneLine(parent, room)}${TITLE_SEPARATOR}${label}`;
}

/**
 * The header a document sent to a remote ranker starts with: `src/panel.ts — class ResultsPanel ›
 * render` and a blank line, the path alone without a title, nothing for mode "none". Cohere's
 * guidance is to give the model such context; the prompt context keeps passages unchanged.
 */
export function documentHeader(path: string, title: string | undefined, mode: DocumentHeaderMode = DEFAULT_DOCUMENT_HEADER): string {
  if (mode === 'none') return '';
  let where = oneLine(path, Number.MAX_SAFE_INTEGER);
  if (where.length > MAX_HEADER_PATH_LENGTH) where = `…${where.slice(where.length - MAX_HEADER_PATH_LENGTH + 1)}`;
  const what = title === undefined ? '' : oneLine(title, MAX_TITLE_LENGTH);
  const line = what === '' ? where : where === '' ? what : `${where} — ${what}`;
  return line === '' ? '' : `${line}\n\n`;
}

/**
 * What a remote ranker gets for a candidate under `mode`: a file passage with its header (path and
 * title) in front, anything else (selections, --docs) as it is. The candidate's own text stays
 * unchanged: the prompt context and the panel show it without the header.
 */
export function documentTextFor(mode: DocumentHeaderMode): ((candidate: Candidate) => string) | undefined {
  if (mode === 'none') return undefined;
  return (candidate) => {
    const source = candidate.source;
    if (source.kind !== 'file') return candidate.text;
    return documentHeader(source.root ? `${source.root}/${source.path}` : source.path, candidate.title, mode) + candidate.text;
  };
}

// How a passage reads in a label or a preview: its title (the heading or declaration it sits in,
// else its first line that says something) and its text without the indentation it had in its file.

import { splitLines } from './lines';
import { controlsAsSpaces } from './outsideText';
import { truncate } from './truncate';

/** Keywords that only close a block: a line of one of them says nothing about the passage. */
const CLOSERS = new Set(['end', 'fi', 'done', 'esac', 'endif', 'endfor', 'endwhile', 'endfunction', 'endmodule', 'end if', 'end do', 'end function', 'end sub']);

/** Comment and quote markers at the start of a line, and a comment's end at its close. */
const LEADING_MARKERS = /^(?:\/\*+|\*+(?=\s|$)|\/\/+!?|#+(?=\s)|--(?=\s)|>+(?=\s)|;+(?=\s))\s*/;
const TRAILING_MARKERS = /\s*\*+\/$/;

const MAX_TITLE = 80;

/**
 * A line worth naming a passage by, or undefined: one with a letter or a digit that is not only
 * a block closer (`});`, `}`, `]`, `end` or a comment's opening or close say nothing), with comment
 * markers, control and bidi characters removed.
 */
export function meaningfulLine(line: string): string | undefined {
  let text = controlsAsSpaces(line).trim();
  text = text.replace(LEADING_MARKERS, '').replace(TRAILING_MARKERS, '').trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return undefined;
  const words = text.replace(/[^\p{L}\p{N}\s]+/gu, ' ').trim().toLowerCase().replace(/\s+/g, ' ');
  if (CLOSERS.has(words)) return undefined;
  return text;
}

/** The passage's title when the collector found one, else its first meaningful line; '' when it has none. */
export function passageTitle(candidate: { text: string; title?: string }): string {
  const title = candidate.title === undefined ? undefined : meaningfulLine(candidate.title);
  const line = title ?? firstMeaningfulLine(candidate.text) ?? '';
  return truncate(line, MAX_TITLE);
}

function firstMeaningfulLine(text: string): string | undefined {
  for (const line of splitLines(text)) {
    const found = meaningfulLine(line);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The text with the leading whitespace every non-blank line shares removed, so a method deep in a
 * class reads from the left margin. Blank lines stay (emptied); line breaks are kept as they were.
 */
export function dedent(text: string): string {
  const lines = text.split('\n');
  let common: string | undefined;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (common === undefined) common = indent;
    else {
      let i = 0;
      while (i < common.length && i < indent.length && common[i] === indent[i]) i++;
      common = common.slice(0, i);
    }
    if (common === '') return text;
  }
  if (!common) return text;
  const cut = common.length;
  return lines.map((line) => (line.trim() === '' ? line.replace(/^[ \t]+/, '') : line.slice(cut))).join('\n');
}

// Text from outside (file names, passages, server messages, arguments, queries) made inert for
// where it is shown. In a terminal an ESC, CSI or OSC sequence would act (clear the screen, set the
// clipboard, add a hidden link), a bare CR rewinds the line and bidi controls reorder what is shown
// around them. In a prompt a line break or a Markdown character in a file name could open a
// section of its own ("## SYSTEM: ...").

/** CR LF, LF, CR, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR. */
const LINE_BREAK = /\r\n|[\n\r\u0085\u2028\u2029]/g;
/** C0 controls but tab, LF and CR; DEL; C1 controls (CSI is U+009B, OSC U+009D). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/** Bidirectional controls: embeddings, overrides, isolates and marks (the "Trojan Source" set), as a class's members. */
const BIDI_MEMBERS = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const BIDI = new RegExp(`[${BIDI_MEMBERS}]`, 'g');
/** Every control character (tab and line breaks too), bidi control and line or paragraph separator. */
const UNSAFE = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029${BIDI_MEMBERS}]`, 'g');

/** Shown for a line break: the text stays on one line and the break stays visible. */
const LINE_BREAK_MARK = '⏎';

/**
 * `text` on one line with nothing a terminal acts on: line breaks show as "⏎", a tab as a space,
 * other control characters as `\x1b`-style escapes, bidi controls as `\u202e`-style escapes.
 * Printable text, escapes and all, is left as it is (a name holding a literal `\x1b` reads the same).
 */
export function forTerminal(text: string): string {
  return visibleControls(text.replace(LINE_BREAK, LINE_BREAK_MARK).replace(/\t/g, ' '));
}

/**
 * `text` with its line feeds and tabs kept and every other control and bidi control shown as an
 * escape: for blocks of several lines (a passage in a code fence). A CR LF or a lone CR becomes a
 * line feed (the chunker counts a lone CR as a line break too), so it cannot rewind a line.
 */
export function blockText(text: string): string {
  return visibleControls(text.replace(/\r\n?/g, '\n'));
}

/** Control characters as `\x1b`, bidi controls as `\u202e`; tab, LF and CR are left to the callers. */
function visibleControls(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${hex(c, 2)}`).replace(BIDI, (c) => `\\u${hex(c, 4)}`);
}

function hex(c: string, digits: number): string {
  return (c.codePointAt(0) as number).toString(16).padStart(digits, '0');
}

/** What JSON.stringify leaves as it is and jsonLine escapes: DEL, C1 and bidi controls, U+2028/9. */
const JSON_UNESCAPED = new RegExp(`[\\u007f-\\u009f\\u2028\\u2029${BIDI_MEMBERS}]`, 'g');

/** JSON text for a line of --json output: JSON.stringify escapes C0 controls; C1, bidi controls and U+2028/9 are escaped here too (same value once parsed). */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(JSON_UNESCAPED, (c) => `\\u${hex(c, 4)}`);
}

/**
 * `text` with every character that could break a line, act in a terminal or reorder what is shown
 * (controls, bidi controls, line and paragraph separators) replaced by a space: for a title or a
 * name shown on one line, where an escape would be noise.
 */
export function controlsAsSpaces(text: string): string {
  return text.replace(UNSAFE, ' ');
}

/**
 * Characters Markdown (CommonMark, GFM tables and strikethrough, HTML, entities, math) may act on
 * inside a line. An underscore between letters or digits cannot start or end emphasis, so
 * `max_retries.ts` stays as it is for a model that copies the path back.
 */
const MARKDOWN = /[\\`*[\]<>|#~&$]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;

/**
 * `text` for one line of Markdown, after a prefix such as "## 1. " (a line start is never given
 * to it): Markdown characters backslash-escaped, then as forTerminal makes it, so it cannot leave
 * the line, open a section, a fence, a link or HTML.
 */
export function markdownLine(text: string): string {
  return forTerminal(text.replace(MARKDOWN, (c) => `\\${c}`));
}

// Passage titles: what a passage sits in, so a result reads "src/panel.ts — class ResultsPanel ›
// render" instead of a bare line range. Markdown and reStructuredText sections by their headings
// (src/core/headings.ts); code by the declarations around a line (src/core/declarations.ts),
// scoped by indentation and closing lines, no parser per language. One pass over the lines gives
// each line its title; a passage takes the title of its first meaningful line, so a passage that
// starts with a declaration (or its doc comment or decorators) is titled by that declaration.

import { declarationLabel, type DeclarationStyle } from './declarations';
import { markdownTitles, rstTitles } from './headings';
import { languageIdForPath } from './languages';
import { lineTable, splitLines, type LineTable } from './lines';
import { composeTitle, MAX_TITLE_LENGTH, oneLine } from './titleText';
import type { LineRange } from './types';

/** Lines longer than this (minified code, data) are never read for a declaration. */
const MAX_DECLARATION_LINE = 500;
/** Blank, comment and decorator lines skipped at a passage's start, at most. */
const MAX_LEADING_LINES = 40;
/** Columns of a tab, for comparing indentation. */
const TAB_WIDTH = 4;

type TitleKind = 'markdown' | 'rst' | CodeProfile;

interface CodeProfile extends DeclarationStyle {
  /** Python: lines inside triple-quoted strings neither declare nor end a scope. */
  tripleQuotedStrings: boolean;
}

const MARKDOWN_EXTENSIONS = new Set(['md', 'mdx', 'markdown', 'mdown', 'mkd', 'mkdn']);
/** Languages whose methods may have no keyword (`render() {`, `int main(void)`, `foo() {`). */
const KEYWORDLESS_METHODS = new Set([
  'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'java', 'c', 'cpp', 'csharp',
  'objective-c', 'swift', 'shellscript',
]);
/** Languages whose functions always have a keyword (def, fn, func, fun, function, sub). */
const KEYWORD_METHODS = new Set([
  'python', 'ruby', 'go', 'rust', 'kotlin', 'php', 'scala', 'lua', 'julia', 'fsharp', 'powershell',
  'elixir', 'perl', 'dart', 'groovy', 'r',
]);
const EXTRA_LANGUAGES: Readonly<Record<string, string>> = {
  ex: 'elixir', exs: 'elixir', pl: 'perl', pm: 'perl', dart: 'dart', groovy: 'groovy', gradle: 'groovy',
};

/**
 * The title of each range of `text` (a file at `path`): "Install › Linux" for Markdown, "class
 * ResultsPanel › render" for code, undefined where nothing encloses the passage or the file is
 * neither (data, plain text). Ranges are 1-based and inclusive, in any order.
 */
export function titlesForRanges(text: string, path: string, ranges: readonly LineRange[]): (string | undefined)[] {
  const kind = titleKind(path);
  if (kind === undefined || ranges.length === 0) return ranges.map(() => undefined);
  const table = lineTable(text);
  const lineTitles =
    kind === 'markdown' ? markdownTitles(splitLines(text)) : kind === 'rst' ? rstTitles(splitLines(text)) : codeTitles(text, table, kind);
  const count = table.starts.length;
  return ranges.map((range) => {
    const start = Math.max(1, Math.floor(range.startLine));
    const end = Math.min(count, Math.floor(range.endLine));
    if (!(start <= end)) return undefined;
    return lineTitles[titleLine(text, table, start - 1, end - 1, typeof kind === 'string')];
  });
}

function titleKind(path: string): TitleKind | undefined {
  const name = path.split(/[/\\]/).pop() ?? '';
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (MARKDOWN_EXTENSIONS.has(extension)) return 'markdown';
  if (extension === 'rst') return 'rst';
  const language = EXTRA_LANGUAGES[extension] ?? languageIdForPath(path);
  if (KEYWORDLESS_METHODS.has(language)) return { methodsWithoutKeyword: true, tripleQuotedStrings: false };
  if (KEYWORD_METHODS.has(language)) return { methodsWithoutKeyword: false, tripleQuotedStrings: language === 'python' };
  return undefined;
}

/**
 * The line whose title a passage takes: its first line that is not blank, and in code not a
 * comment, decorator, attribute, template header or closing bracket (those lead into what follows).
 */
function titleLine(text: string, table: LineTable, start: number, end: number, prose: boolean): number {
  const last = Math.min(end, start + MAX_LEADING_LINES - 1);
  for (let i = start; i <= last; i++) {
    const line = text.slice(table.starts[i], table.ends[i]).trim();
    if (line === '') continue;
    if (prose || !isLeadingLine(line)) return i;
  }
  return start;
}

function isLeadingLine(line: string): boolean {
  return (
    isCommentAt(line, 0, line.charCodeAt(0)) ||
    /^@[\w.]+$/.test(line) || // @Override, @property (a decorator with arguments is a call: kept)
    /^@[\w.]+\(/.test(line) ||
    /^#\[/.test(line) || // Rust attributes
    (line.startsWith('[') && line.endsWith(']') && !line.includes('=')) || // C# attributes
    /^template\s*</.test(line) ||
    /^[})\];,]+$/.test(line) ||
    line === 'end'
  );
}


interface Scope {
  indent: number;
  label: string;
  title: string;
}

/**
 * For each line (0-based), the title of the declarations around it. A declaration opens a scope
 * that lasts while later lines are indented deeper; a line at its indentation that starts with
 * "}" or "end" closes it and still belongs to it; "{", ")" and "]" there continue it (a brace on
 * its own line, a signature over several lines), as does a label such as `public:`.
 */
function codeTitles(text: string, table: LineTable, profile: CodeProfile): (string | undefined)[] {
  const { starts, ends } = table;
  const titles = new Array<string | undefined>(starts.length);
  const stack: Scope[] = [];
  let inString = false;
  for (let i = 0; i < starts.length; i++) {
    // Lines are read in place: only a line that may declare something is sliced out.
    const lineStart = starts[i] as number;
    const lineEnd = ends[i] as number;
    let at = lineStart;
    let width = 0;
    for (let c = text.charCodeAt(at); at < lineEnd && (c === 32 || c === 9); c = text.charCodeAt(++at)) {
      width = c === 9 ? width - (width % TAB_WIDTH) + TAB_WIDTH : width + 1;
    }
    let top = stack[stack.length - 1];
    if (at === lineEnd) {
      titles[i] = top?.title;
      continue;
    }
    if (profile.tripleQuotedStrings) {
      const wasInString = inString;
      if (tripleQuoteCount(text.slice(at, lineEnd)) % 2 === 1) inString = !inString;
      if (wasInString) {
        titles[i] = top?.title;
        continue;
      }
    }
    const c = text.charCodeAt(at);
    if (isCommentAt(text, at, c)) {
      titles[i] = top?.title;
      continue;
    }
    let closes = false;
    while (top !== undefined && width <= top.indent) {
      if (width === top.indent) {
        if (c === 123 /* { */ || c === 41 /* ) */ || c === 93 /* ] */) break;
        const body = text.slice(at, lineEnd).trimEnd();
        if (/^[A-Za-z_]\w*\s*:$/.test(body)) break;
        if (c === 125 /* } */ || /^end(?:$|[\s;.)])/.test(body)) {
          closes = true;
          break;
        }
      }
      stack.pop();
      top = stack[stack.length - 1];
    }
    // Declarations start with a letter, "_", "$" or an "@annotation"; most lines do not.
    if (!closes && (isLetter(c) || c === 64 /* @ */) && lineEnd - at <= MAX_DECLARATION_LINE) {
      let end = lineEnd;
      while (end > at && isSpace(text.charCodeAt(end - 1))) end--;
      const found = declarationLabel(text.slice(at, end), profile);
      const label = found === undefined ? '' : oneLine(found, MAX_TITLE_LENGTH);
      if (label !== '') {
        top = { indent: width, label, title: composeTitle(top?.label, label) };
        stack.push(top);
      }
    }
    titles[i] = top?.title;
    if (closes) stack.pop();
  }
  return titles;
}

function isCommentAt(line: string, at: number, c: number): boolean {
  if (c === 35 /* # */ || c === 42 /* * */) return true;
  const next = line.charCodeAt(at + 1);
  return (c === 47 /* / */ && (next === 47 || next === 42)) || (c === 45 /* - */ && next === 45) || (c === 60 /* < */ && line.startsWith('<!--', at));
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 /* _ */ || c === 36 /* $ */ || c === 126 /* ~ */;
}

function tripleQuoteCount(line: string): number {
  let count = 0;
  for (let i = line.indexOf('"""'); i >= 0; i = line.indexOf('"""', i + 3)) count++;
  for (let i = line.indexOf("'''"); i >= 0; i = line.indexOf("'''", i + 3)) count++;
  return count;
}

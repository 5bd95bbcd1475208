// The heading each line of a Markdown or reStructuredText document sits under, in one pass:
// ATX ("## Install") and setext ("Install" over "-------") headings in Markdown, skipping front
// matter and fenced code (whose "# comment" lines are not headings); underlined and overlined
// titles in reStructuredText, whose levels follow the order their adornments first appear.

import { composeTitle, MAX_TITLE_LENGTH, oneLine } from './titleText';

/** Lines longer than this are never headings (and never scanned character by character twice). */
const MAX_HEADING_LINE = 500;

interface Heading {
  level: number;
  text: string;
}

/** Tracks the open headings and the title they give: "Parent › Heading". */
class HeadingStack {
  private readonly open: Heading[] = [];
  title: string | undefined;

  push(level: number, rawText: string): string | undefined {
    const text = oneLine(rawText, MAX_TITLE_LENGTH);
    if (text === '') return this.title;
    while (this.open.length > 0 && (this.open[this.open.length - 1] as Heading).level >= level) this.open.pop();
    const parent = this.open[this.open.length - 1];
    this.open.push({ level, text });
    this.title = composeTitle(parent?.text, text);
    return this.title;
  }
}

/** For each line (0-based), the title of the Markdown section it is in, or undefined before any. */
export function markdownTitles(lines: readonly string[]): (string | undefined)[] {
  const titles = new Array<string | undefined>(lines.length);
  const stack = new HeadingStack();
  let start = 0;
  if (lines.length > 1 && (lines[0] as string).trimEnd() === '---') {
    const end = lines.findIndex((line, i) => i > 0 && /^(?:---|\.\.\.)\s*$/.test(line));
    if (end > 0) start = end + 1;
  }
  let fence = '';
  let paragraph = false; // the previous line is paragraph text, which a setext underline turns into a heading
  for (let i = start; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.length > MAX_HEADING_LINE) {
      titles[i] = stack.title;
      paragraph = false;
      continue;
    }
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== '') {
      if (fenceMatch && fenceMatch[1]?.[0] === fence[0] && (fenceMatch[1] as string).length >= fence.length && line.trim() === fenceMatch[1]) fence = '';
      titles[i] = stack.title;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1] as string;
      titles[i] = stack.title;
      paragraph = false;
      continue;
    }
    const atx = /^ {0,3}(#{1,6})(?:[ \t]|$)/.exec(line);
    if (atx) {
      titles[i] = stack.push((atx[1] as string).length, atxText(line.slice(atx[0].length)));
      paragraph = false;
      continue;
    }
    const underline = /^ {0,3}(=+|-+)[ \t]*$/.exec(line);
    if (underline && paragraph) {
      const title = stack.push(underline[1]?.[0] === '=' ? 1 : 2, (lines[i - 1] as string).trim());
      titles[i - 1] = title;
      titles[i] = title;
      paragraph = false;
      continue;
    }
    titles[i] = stack.title;
    paragraph = isParagraphText(line);
  }
  return titles;
}

/** "Install ##" -> "Install"; `[text](url)` links keep their text. */
function atxText(text: string): string {
  let end = text.length;
  while (end > 0 && /\s/.test(text.charAt(end - 1))) end--;
  let hashes = end;
  while (hashes > 0 && text.charAt(hashes - 1) === '#') hashes--;
  if (hashes < end && (hashes === 0 || /\s/.test(text.charAt(hashes - 1)))) end = hashes;
  return inlineText(text.slice(0, end));
}

function inlineText(text: string): string {
  return text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]*>/g, '').replace(/`/g, '').trim();
}

/** Text a setext underline may turn into a heading: not blank, not a list item, quote, table or code. */
function isParagraphText(line: string): boolean {
  return /^ {0,3}[^\s>|<*+-]/.test(line) && !/^ {0,3}\d+[.)]\s/.test(line);
}

const ADORNMENT = /^([=\-`:'"~^_*+#<>.])\1{2,}\s*$/;

/** For each line (0-based), the title of the reStructuredText section it is in. */
export function rstTitles(lines: readonly string[]): (string | undefined)[] {
  const titles = new Array<string | undefined>(lines.length);
  const stack = new HeadingStack();
  const styles: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const adornment = line.length <= MAX_HEADING_LINE ? ADORNMENT.exec(line) : null;
    const text = i > 0 ? (lines[i - 1] as string) : '';
    if (!adornment || !/^\S/.test(text) || ADORNMENT.test(text) || text.length > MAX_HEADING_LINE) {
      titles[i] = stack.title;
      continue;
    }
    const char = adornment[1] as string;
    const overlined = i > 1 && (lines[i - 2] as string).trimEnd() === line.trimEnd();
    const style = overlined ? `${char}${char}` : char;
    if (!styles.includes(style)) styles.push(style);
    const title = stack.push(styles.indexOf(style) + 1, inlineText(text.trim()));
    for (let j = overlined ? i - 2 : i - 1; j <= i; j++) titles[j] = title;
  }
  return titles;
}

// Lines as an editor shows them. VS Code's text model breaks lines at "\r\n", "\n" and a lone
// "\r", and never shows the terminators; chunks and selection blocks use the same rule so a
// range reveals exactly the lines a passage holds, whatever the file's line endings.

const LINE_BREAK = /\r\n|\r|\n/;

/** The lines of `text`, terminators removed. "a\n" has two lines: "a" and "" (as an editor shows). */
export function splitLines(text: string): string[] {
  return text.split(LINE_BREAK);
}

/** Where each line starts and ends: line i (0-based) is text.slice(starts[i], ends[i]). */
export interface LineTable {
  starts: number[];
  /** Offset of each line's terminator (or text.length for the last line). */
  ends: number[];
}

export function lineTable(text: string): LineTable {
  const starts = [0];
  const ends: number[] = [];
  // Most files have no CR: find line feeds with indexOf, several times faster than a char loop.
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      ends.push(i);
      starts.push(i + 1);
    }
  } else {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */ || c === 13 /* \r */) {
        ends.push(i);
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
  }
  ends.push(text.length);
  return { starts, ends };
}

/** 1-based line number of the character at `offset`, by binary search over `starts`. */
export function lineAt(table: LineTable, offset: number): number {
  let lo = 0;
  let hi = table.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((table.starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Lines `startLine`..`endLine` (1-based, inclusive) joined by "\n", whatever their terminators. */
export function linesText(text: string, table: LineTable, startLine: number, endLine: number): string {
  const slice = text.slice(table.starts[startLine - 1], table.ends[endLine - 1]);
  // Only CRLF or CR files need rewriting; the common LF case is a plain slice.
  return slice.includes('\r') ? slice.replace(/\r\n?/g, '\n') : slice;
}

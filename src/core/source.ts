// How a candidate's origin is written everywhere: the CLI table, the tree, the panel, prompts.

import type { CandidateSource, LineRange } from './types';

/**
 * `path:start-end` (`root/path:start-end` when several roots were collected), `path`,
 * `selection block N` (1-based), or `#index` for command-line input.
 */
export function sourceLabel(source: CandidateSource): string {
  switch (source.kind) {
    case 'file': {
      const path = source.root ? `${source.root}/${source.path}` : source.path;
      return source.range ? `${path}:${source.range.startLine}-${source.range.endLine}` : path;
    }
    case 'selection':
      return `selection block ${source.block + 1}`;
    case 'input':
      return `#${source.index}`;
  }
}

/** The last segment of a path or URI, URI escapes decoded. */
export function baseName(pathOrUri: string): string {
  const last = pathOrUri.replace(/\/+$/, '').split('/').pop() ?? pathOrUri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function withLines(name: string, range: LineRange | undefined): string {
  return range ? `${name}:${range.startLine}-${range.endLine}` : name;
}

/**
 * What identifies a result at a glance: the file name and its lines (`queue.ts:84-100`), for a
 * selection block the document it came from (`notes.md:9-10`), `#index` for command-line input.
 */
export function locationLabel(source: CandidateSource): string {
  switch (source.kind) {
    case 'file':
      return withLines(baseName(source.path), source.range);
    case 'selection':
      return withLines(baseName(source.uri), source.range);
    case 'input':
      return `#${source.index}`;
  }
}

/** The folder a file result sits in (`root/src/core`), '' for a file at the top or a selection or an input. */
export function sourceFolder(source: CandidateSource): string {
  if (source.kind !== 'file') return '';
  const path = source.root ? `${source.root}/${source.path}` : source.path;
  const at = path.lastIndexOf('/');
  return at < 0 ? '' : path.slice(0, at);
}

/**
 * A file's path relative to the workspace folder it lies in, so a run over a subfolder says
 * `src/core/engine.ts`, not `engine.ts`; undefined when `fullPath` is not inside `folder`.
 */
export function pathInFolder(folder: string, fullPath: string): string | undefined {
  const base = folder.replace(/\/+$/, '');
  return fullPath.startsWith(`${base}/`) ? fullPath.slice(base.length + 1) : undefined;
}

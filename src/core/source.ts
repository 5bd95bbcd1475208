// How a candidate's origin is written everywhere: the CLI table, the tree, the panel, prompts.

import type { CandidateSource } from './types';

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

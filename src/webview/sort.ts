// Display orders for a ranking. Ties fall back to rank, so every order is total and stable.

import type { CandidateSource, RunItem } from '../core/types';

export type SortKey = 'rank' | 'score' | 'source' | 'text';
export type SortDirection = 'asc' | 'desc';

export const SORT_KEYS: readonly SortKey[] = ['rank', 'score', 'source', 'text'];

/** The direction a user expects when first choosing a key: best score first, A to Z otherwise. */
export function defaultDirection(key: SortKey): SortDirection {
  return key === 'score' ? 'desc' : 'asc';
}

// One collator for every comparison: numeric so "file10" follows "file9"; base sensitivity so case
// does not split equal words apart.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Where a source is, as (place, line): files by path then line, selections by document then block. */
function sourcePosition(source: CandidateSource): [string, number] {
  switch (source.kind) {
    case 'file':
      return [source.path, source.range?.startLine ?? 0];
    case 'selection':
      return [source.uri, source.block];
    case 'input':
      return ['', source.index];
  }
}

function compareBy(key: SortKey): (a: RunItem, b: RunItem) => number {
  switch (key) {
    case 'rank':
      return (a, b) => a.rank - b.rank;
    case 'score':
      return (a, b) => a.score - b.score;
    case 'text':
      return (a, b) => collator.compare(a.candidate.text, b.candidate.text);
    case 'source':
      return (a, b) => {
        const [pa, la] = sourcePosition(a.candidate.source);
        const [pb, lb] = sourcePosition(b.candidate.source);
        return collator.compare(pa, pb) || la - lb;
      };
  }
}

/** A sorted copy; the input is left as it is. */
export function sortItems(items: readonly RunItem[], key: SortKey, direction: SortDirection): RunItem[] {
  const compare = compareBy(key);
  const sign = direction === 'asc' ? 1 : -1;
  return items.slice().sort((a, b) => sign * compare(a, b) || a.rank - b.rank);
}

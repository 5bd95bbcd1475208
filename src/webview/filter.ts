// Which results a ranking shows: a text filter, a score threshold (or a rank limit where scores
// have no fixed scale), then the top K by rank. Pure: the panel and the tests call the same code.

import { locationLabel } from '../core/source';
import type { RunItem, ScoreKind } from '../core/types';
import { sourceLabel } from './format';

/**
 * A logit is unbounded and its scale differs between models, so "minimum score" means nothing a
 * user could guess: for logits the threshold is a number of ranks instead.
 */
export type ThresholdMode = 'score' | 'rank';

export function thresholdMode(kind: ScoreKind): ThresholdMode {
  return kind === 'logit' ? 'rank' : 'score';
}

export interface ItemFilter {
  /** Whitespace-separated terms; an item matches when its text or source label holds every one (any case). */
  text: string;
  /** Used for runs whose threshold mode is 'score'. */
  minScore?: number;
  /** Used for runs whose threshold mode is 'rank': keep ranks 1..maxRank. */
  maxRank?: number;
}

export function filterItems(items: readonly RunItem[], kind: ScoreKind, filter: ItemFilter): RunItem[] {
  const terms = filter.text.toLowerCase().split(/\s+/).filter((t) => t.length > 0);
  const mode = thresholdMode(kind);
  const minScore = mode === 'score' ? filter.minScore : undefined;
  const maxRank = mode === 'rank' ? filter.maxRank : undefined;
  return items.filter((item) => {
    if (minScore !== undefined && !(item.score >= minScore)) return false;
    if (maxRank !== undefined && item.rank > maxRank) return false;
    if (terms.length === 0) return true;
    // The path as the exports write it and the name as the Source column shows it.
    const haystack = `${item.candidate.text}\n${sourceLabel(item.candidate.source)}\n${locationLabel(item.candidate.source)}`.toLowerCase();
    return terms.every((term) => haystack.includes(term));
  });
}

/** The K best-ranked items, best first; all of them when K is undefined. */
export function topK(items: readonly RunItem[], k: number | undefined): RunItem[] {
  const byRank = items.slice().sort((a, b) => a.rank - b.rank);
  return k === undefined ? byRank : byRank.slice(0, Math.max(0, Math.floor(k)));
}

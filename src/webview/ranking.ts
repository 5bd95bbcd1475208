// The pipeline from a run to the rows a table shows: filter, then the top K by rank, then the
// display order. Top-K comes before sorting so "top 10 sorted by source" is the ten best results
// in path order, not the first ten paths.

import type { Run, RunItem } from '../core/types';
import { filterItems, thresholdMode, topK, type ItemFilter, type ThresholdMode } from './filter';
import { scoreRange, type ScoreRange } from './format';
import { sortItems, type SortDirection, type SortKey } from './sort';

export interface RankingOptions {
  filter: ItemFilter;
  topK?: number;
  sortKey: SortKey;
  sortDirection: SortDirection;
}

export interface RankingView {
  run: Run;
  mode: ThresholdMode;
  /** Items that pass the filter, before top-K. */
  matching: number;
  rows: RunItem[];
  /** The whole run's score range, for the score bars. */
  range: ScoreRange;
}

export function buildRanking(run: Run, options: RankingOptions): RankingView {
  const matching = filterItems(run.items, run.scoreKind, options.filter);
  const rows = sortItems(topK(matching, options.topK), options.sortKey, options.sortDirection);
  return { run, mode: thresholdMode(run.scoreKind), matching: matching.length, rows, range: scoreRange(run.items) };
}

// The relevance cut-off: a run keeps every result it ranked (the panel shows them all, for
// exploring), and the tree, prompt context and CLI output show only those at or above it.

import type { Run } from './types';

/** The run with only the results scoring at least its `minScore`; the run itself when it has none. */
export function aboveMinScore(run: Run): Run {
  const min = run.minScore;
  if (min === undefined) return run;
  return { ...run, items: run.items.filter((item) => item.score >= min) };
}

/** How many results of the run fall below its cut-off. */
export function belowMinScore(run: Run): number {
  return run.items.length - aboveMinScore(run).items.length;
}

// How much run text the history holds. A run keeps every ranked passage's text (the tree, the
// panel and prompt context read it), and with top-K in the thousands and large chunks one run can
// hold tens of megabytes: workspaceState is a database row read at every start, not a file store.

import type { Run } from '../core/types';

/** Text kept across reloads (workspaceState), over all stored runs. */
export const MAX_STORED_CHARS = 8_000_000;
/** Text held in memory for the session, over all runs. */
export const MAX_HELD_CHARS = 64_000_000;

/** Characters of text a run holds. */
export function runChars(run: Run): number {
  let chars = run.query.length;
  for (const item of run.items) chars += item.candidate.text.length;
  return chars;
}

/**
 * The runs to keep, newest first, in order: each one whose text still fits `maxChars` with the
 * newer ones kept; one that does not is left out and older, smaller ones may still follow. With
 * `keepNewest` the newest run stays even when it alone is over (the one just made must show).
 */
export function withinBudget(runs: readonly Run[], maxChars: number, keepNewest: boolean): Run[] {
  const kept: Run[] = [];
  let chars = 0;
  runs.forEach((run, i) => {
    const size = runChars(run);
    if (chars + size > maxChars && !(keepNewest && i === 0)) return;
    kept.push(run);
    chars += size;
  });
  return kept;
}

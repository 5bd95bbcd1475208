// Two runs of the same candidates side by side: items are matched by candidate id, and each one
// says how far it moved. "Before" is the run compared with, "after" the run in focus.

import type { Run, RunItem } from '../core/types';
import type { Codicon } from './icons';
import * as l10n from '@vscode/l10n';

/**
 * `by` > 0: the item rose by that many places in the focused run (rank 5 -> 2 is by 3).
 * 'new': in the focused run only; 'dropped': in the other run only. Either may simply be below
 * the other run's top-K rather than absent from its candidates.
 */
export type RankShift = { kind: 'moved'; by: number; otherRank: number } | { kind: 'new' } | { kind: 'dropped' };

export interface RunComparison {
  /** Shift of every item of the focused run, by candidate id. */
  focused: Map<string, RankShift>;
  /** Shift of every item of the other run, by candidate id (the same `by` for a matched pair). */
  other: Map<string, RankShift>;
  /** How many candidates the two runs share. */
  shared: number;
}

function ranksById(items: readonly RunItem[]): Map<string, number> {
  const ranks = new Map<string, number>();
  // A run never repeats a candidate; if a broken one does, its best rank counts.
  for (const item of items) if (!ranks.has(item.candidate.id)) ranks.set(item.candidate.id, item.rank);
  return ranks;
}

export function compareRuns(focusedRun: Run, otherRun: Run): RunComparison {
  const focusedRanks = ranksById(focusedRun.items);
  const otherRanks = ranksById(otherRun.items);
  const focused = new Map<string, RankShift>();
  const other = new Map<string, RankShift>();
  let shared = 0;
  for (const [id, rank] of focusedRanks) {
    const before = otherRanks.get(id);
    if (before === undefined) {
      focused.set(id, { kind: 'new' });
      continue;
    }
    shared++;
    focused.set(id, { kind: 'moved', by: before - rank, otherRank: before });
    other.set(id, { kind: 'moved', by: before - rank, otherRank: rank });
  }
  for (const id of otherRanks.keys()) if (!focusedRanks.has(id)) other.set(id, { kind: 'dropped' });
  return { focused, other, shared };
}

/** How a shift shows in its cell: an icon for the direction, the distance or the kind as text. */
export interface ShiftMark {
  icon: Codicon;
  /** What the icon says, for screen readers only (the icon is hidden from them); '' when `text` says it. */
  spoken: string;
  /** Shown after the icon: the number of places, "new" or "dropped"; '' for no change. */
  text: string;
}

/** Up 3 (arrow-up, "3"), down 2 (arrow-down, "2"), no change (a dash), new, dropped. */
export function shiftMark(shift: RankShift | undefined): ShiftMark | undefined {
  if (shift === undefined) return undefined;
  if (shift.kind === 'new') return { icon: 'diff-added', spoken: '', text: l10n.t('new') };
  if (shift.kind === 'dropped') return { icon: 'diff-removed', spoken: '', text: l10n.t('dropped') };
  if (shift.by > 0) return { icon: 'arrow-up', spoken: l10n.t('up'), text: String(shift.by) };
  if (shift.by < 0) return { icon: 'arrow-down', spoken: l10n.t('down'), text: String(-shift.by) };
  return { icon: 'dash', spoken: l10n.t('same place'), text: '' };
}

/** The same, spelled out for a tooltip and a screen reader; `otherName` names the other table's run. */
export function shiftDescription(shift: RankShift | undefined, otherName: string): string {
  if (shift === undefined) return '';
  if (shift.kind !== 'moved') return l10n.t('Not in the results of {0}', otherName);
  if (shift.by === 0) return l10n.t('Rank {0} in {1}: same place', shift.otherRank, otherName);
  return shift.by > 0 ? l10n.t('Rank {0} in {1}: up {2}', shift.otherRank, otherName, shift.by) : l10n.t('Rank {0} in {1}: down {2}', shift.otherRank, otherName, -shift.by);
}

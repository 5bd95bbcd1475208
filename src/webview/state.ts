// What the panel remembers across a reload (through the webview's getState/setState). Read back
// with a check: a state saved by an older version, or damaged, falls back to defaults field by field.

import { SORT_KEYS, type SortDirection, type SortKey } from './sort';

export interface PanelState {
  runId?: string;
  compareRunId?: string;
  filterText: string;
  minScore?: number;
  maxRank?: number;
  topK?: number;
  sortKey: SortKey;
  sortDirection: SortDirection;
  /** Candidate ids whose full text is shown. */
  expanded: string[];
  /** How many rows each table draws before "Show more". */
  shown: number;
}

/** Rows drawn at first; "Show more" adds as many again. */
export const PAGE_ROWS = 1000;
/** Bounds the saved list of expanded rows, so the state stays small. */
const MAX_EXPANDED = 500;

export function defaultPanelState(): PanelState {
  return { filterText: '', sortKey: 'rank', sortDirection: 'asc', expanded: [], shown: PAGE_ROWS };
}

const asString = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const asNumber = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const asCount = (v: unknown): number | undefined => (Number.isSafeInteger(v) && (v as number) >= 1 ? (v as number) : undefined);

export function readPanelState(value: unknown): PanelState {
  const state = defaultPanelState();
  if (typeof value !== 'object' || value === null) return state;
  const v = value as Record<string, unknown>;
  const expanded = Array.isArray(v.expanded) ? v.expanded.filter((id): id is string => typeof id === 'string') : [];
  return {
    runId: asString(v.runId),
    compareRunId: asString(v.compareRunId),
    filterText: typeof v.filterText === 'string' ? v.filterText : state.filterText,
    minScore: asNumber(v.minScore),
    maxRank: asCount(v.maxRank),
    topK: asCount(v.topK),
    sortKey: SORT_KEYS.includes(v.sortKey as SortKey) ? (v.sortKey as SortKey) : state.sortKey,
    sortDirection: v.sortDirection === 'desc' ? 'desc' : 'asc',
    expanded: expanded.slice(-MAX_EXPANDED),
    shown: asCount(v.shown) ?? state.shown,
  };
}

/** Adds or removes one expanded row, keeping the most recent ones within the bound. */
export function toggleExpanded(expanded: readonly string[], id: string): string[] {
  if (expanded.includes(id)) return expanded.filter((e) => e !== id);
  return [...expanded, id].slice(-MAX_EXPANDED);
}

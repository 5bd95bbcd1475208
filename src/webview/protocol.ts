// Every message between the results panel (webview) and its host, declared once and imported by
// both bundles. No vscode import: this file also runs in the browser. The host never trusts the
// panel (a script injected into it could post anything), so isPanelMessage checks every field,
// rejects unknown ones, and bounds every size.

import { isRun } from '../core/runCheck';
import type { Run } from '../core/types';

export type ExportFormat = 'json' | 'csv' | 'markdown';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'csv', 'markdown'];

export type PanelLogLevel = 'info' | 'warn' | 'error';

/** A run without its items: enough for a picker. */
export type RunSummary = Omit<Run, 'items'> & { itemCount: number };

export function summarizeRun(run: Run): RunSummary {
  const { items, ...rest } = run;
  return { ...rest, itemCount: items.length };
}

// ---- host -> panel

/**
 * The history as summaries (newest first), and in full only the runs the page shows or may show
 * next (its selection, the requested ones, the newest): 20 runs of 1,000 items are ~10 MB, too
 * much to copy into the page on every change. `focusRunId`/`compareRunId` when the user asked
 * for those runs (a command, the tree).
 */
export interface ShowRunsMessage {
  type: 'show';
  runs: RunSummary[];
  loaded: Run[];
  focusRunId?: string;
  compareRunId?: string;
}

export type HostToPanel = ShowRunsMessage;

// ---- panel -> host

/** The page has loaded and listens: the host (re)sends the runs. */
export interface ReadyMessage {
  type: 'ready';
}

/** The runs the page shows now: the host sends them in full, now and after every change. */
export interface SelectMessage {
  type: 'select';
  runId?: string;
  compareRunId?: string;
}

/** Open the source of one result. `itemIndex` is the candidate's input index (RunItem.index). */
export interface RevealMessage {
  type: 'reveal';
  runId: string;
  itemIndex: number;
}

/**
 * Save what the panel shows (these candidates of the run, by RunItem.index, in this order) through
 * a save dialog. The host formats it from the run it holds: a large run's export does not have to
 * fit in a message.
 */
export interface ExportMessage {
  type: 'export';
  runId: string;
  format: ExportFormat;
  itemIndices: number[];
}

export interface CopyMessage {
  type: 'copy';
  text: string;
}

/** Copy the run (or the listed candidates, by RunItem.index, in this order) as LLM prompt context. */
export interface CopyPromptContextMessage {
  type: 'copyPromptContext';
  runId: string;
  itemIndices?: number[];
}

/** A problem inside the page (an uncaught error), for the extension's log. */
export interface LogMessage {
  type: 'log';
  level: PanelLogLevel;
  message: string;
}

export type PanelToHost = ReadyMessage | SelectMessage | RevealMessage | ExportMessage | CopyMessage | CopyPromptContextMessage | LogMessage;

/** The id of the page's JSON block holding the panel's strings in the display language (read by src/webview/main.ts for @vscode/l10n). */
export const L10N_ELEMENT_ID = 'rerank-l10n';

/** Bounds on what the panel may send; generous for real use, small enough to refuse a flood. */
export const LIMITS = {
  idChars: 512,
  copyChars: 8 * 1024 * 1024,
  itemIndices: 100_000,
  logChars: 2_000,
} as const;

type Fields = Record<string, unknown>;

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= LIMITS.idChars;
const isIndex = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isText = (max: number) => (v: unknown): v is string => typeof v === 'string' && v.length <= max;

/** True when `v` has exactly the keys `type` + `required` (each passing its check) + any of `optional`. */
function hasShape(v: Fields, required: Record<string, (x: unknown) => boolean>, optional: Record<string, (x: unknown) => boolean> = {}): boolean {
  for (const key of Object.keys(v)) {
    if (key === 'type') continue;
    // Own keys only: "constructor" or "__proto__" must not find a check on Object.prototype.
    const isRequired = Object.hasOwn(required, key);
    if (!isRequired && !Object.hasOwn(optional, key)) return false;
    // An optional field sent as undefined is the same as an absent one.
    if (!isRequired && v[key] === undefined) continue;
    const check = isRequired ? required[key] : optional[key];
    if (check === undefined || !check(v[key])) return false;
  }
  return Object.keys(required).every((key) => Object.hasOwn(v, key));
}

function isIndexList(v: unknown): boolean {
  return Array.isArray(v) && v.length <= LIMITS.itemIndices && v.every(isIndex);
}

export function isPanelMessage(value: unknown): value is PanelToHost {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'ready':
      return hasShape(value, {});
    case 'select':
      return hasShape(value, {}, { runId: isId, compareRunId: isId });
    case 'reveal':
      return hasShape(value, { runId: isId, itemIndex: isIndex });
    case 'export':
      return hasShape(value, {
        runId: isId,
        format: (v) => EXPORT_FORMATS.includes(v as ExportFormat),
        itemIndices: isIndexList,
      });
    case 'copy':
      return hasShape(value, { text: isText(LIMITS.copyChars) });
    case 'copyPromptContext':
      return hasShape(value, { runId: isId }, { itemIndices: isIndexList });
    case 'log':
      return hasShape(value, { level: (v) => v === 'info' || v === 'warn' || v === 'error', message: isText(LIMITS.logChars) });
    default:
      return false;
  }
}

function isRunSummary(v: unknown): boolean {
  return isObject(v) && !('items' in v) && Number.isSafeInteger(v.itemCount) && (v.itemCount as number) >= 0 && isRun({ ...v, items: [] });
}

/** The panel checks the host's messages too: a run it cannot draw is better refused than half drawn. */
export function isHostMessage(value: unknown): value is HostToPanel {
  if (!isObject(value) || value.type !== 'show') return false;
  return hasShape(
    value,
    { runs: (v) => Array.isArray(v) && v.every(isRunSummary), loaded: (v) => Array.isArray(v) && v.every(isRun) },
    { focusRunId: isId, compareRunId: isId },
  );
}

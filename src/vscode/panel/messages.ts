// What the host does with each message from the panel's page. No vscode import at run time (the
// type of vscode.l10n only): the VS Code calls come in through PanelActions, so this runs (and is tested) in plain Node. The page is
// untrusted: a message that fails the check is logged by its type only and dropped.

import type { Run, RunItem } from '../../core/types';
import { exportRun } from './exporters';
import { isPanelMessage, type ExportFormat, type PanelToHost } from '../../webview/protocol';
import { errorText } from '../../core/errors';
import type * as vscode from 'vscode';

type L10n = Pick<typeof vscode.l10n, 't'>;

export interface PanelLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface PanelActions {
  log: PanelLog;
  /** vscode.l10n in the host; what the user reads goes through it. */
  l10n: L10n;
  findRun(runId: string): Run | undefined;
  reveal(run: Run, item: RunItem): Promise<void>;
  promptContext(run: Run, itemIndices?: number[]): string;
  writeClipboard(text: string): Promise<void>;
  saveExport(content: string, format: ExportFormat, run: Run | undefined): Promise<void>;
  /** A passing note (the status bar). */
  status(message: string): void;
  /** A note the user should read (a notification). */
  inform(message: string): void;
  /** Something went wrong; offers the log. */
  fail(message: string): void;
  /** The page has loaded and wants the runs. */
  ready(): void;
  /** The page shows these runs now, and wants them in full. */
  select(runId: string | undefined, compareRunId: string | undefined): void;
}

/** One whole sentence per message type, so a translator can order it freely. */
function failureMessage(type: PanelToHost['type'], detail: string, l10n: L10n): string {
  switch (type) {
    case 'ready':
      return l10n.t('Rerank: Loading the panel failed: {0}', detail);
    case 'select':
      return l10n.t('Rerank: Loading the runs failed: {0}', detail);
    case 'reveal':
      return l10n.t('Rerank: Opening the source failed: {0}', detail);
    case 'export':
      return l10n.t('Rerank: Exporting the results failed: {0}', detail);
    case 'copy':
      return l10n.t('Rerank: Copying the text failed: {0}', detail);
    case 'copyPromptContext':
      return l10n.t('Rerank: Copying the prompt context failed: {0}', detail);
    case 'log':
      return l10n.t('Rerank: Logging failed: {0}', detail);
  }
}

/** What to say in the log about a message that failed the check, without echoing its content. */
function describeInvalid(message: unknown): string {
  const type = typeof message === 'object' && message !== null && !Array.isArray(message) ? (message as { type?: unknown }).type : undefined;
  if (typeof type === 'string') return `type ${JSON.stringify(type.slice(0, 40))}`;
  return `a value of type ${message === null ? 'null' : Array.isArray(message) ? 'array' : typeof message}`;
}

export async function handlePanelMessage(message: unknown, actions: PanelActions): Promise<void> {
  if (!isPanelMessage(message)) {
    actions.log.warn(`results panel: ignored an invalid message from the page (${describeInvalid(message)})`);
    return;
  }
  try {
    await dispatch(message, actions);
  } catch (err) {
    actions.log.error(`results panel: ${message.type} failed: ${errorText(err)}`);
    actions.fail(failureMessage(message.type, errorText(err), actions.l10n));
  }
}

const gone = (l10n: L10n) => l10n.t('Rerank: that run is no longer in the history (it was removed or cleared).');

async function dispatch(message: PanelToHost, actions: PanelActions): Promise<void> {
  switch (message.type) {
    case 'ready':
      actions.ready();
      return;
    case 'select':
      actions.select(message.runId, message.compareRunId);
      return;
    case 'reveal': {
      const run = actions.findRun(message.runId);
      const item = run?.items.find((i) => i.index === message.itemIndex);
      if (!run) actions.inform(gone(actions.l10n));
      else if (!item) actions.log.warn(`results panel: run ${run.id} has no candidate ${message.itemIndex}`);
      else await actions.reveal(run, item);
      return;
    }
    case 'export': {
      const run = actions.findRun(message.runId);
      if (!run) return actions.inform(gone(actions.l10n));
      const items = itemsOf(run, message.itemIndices);
      const { l10n } = actions;
      if (items.length === 0) return actions.inform(l10n.t('Rerank: the filter hides every result, so there is nothing to export.'));
      await actions.saveExport(exportRun(message.format, run, items), message.format, run);
      return;
    }
    case 'copy': {
      const { l10n } = actions;
      await actions.writeClipboard(message.text);
      actions.status(l10n.t('Rerank: copied the text'));
      return;
    }
    case 'copyPromptContext':
      await copyPromptContext(message.runId, message.itemIndices, actions);
      return;
    case 'log':
      actions.log[message.level](`results panel (page): ${message.message}`);
      return;
  }
}

async function copyPromptContext(runId: string, itemIndices: number[] | undefined, actions: PanelActions): Promise<void> {
  const run = actions.findRun(runId);
  if (!run) {
    actions.inform(gone(actions.l10n));
    return;
  }
  const { l10n } = actions;
  const indices = itemIndices === undefined ? undefined : itemsOf(run, itemIndices).map((item) => item.index);
  if (indices !== undefined && indices.length === 0) {
    actions.inform(l10n.t('Rerank: the filter hides every result, so there is nothing to copy.'));
    return;
  }
  await actions.writeClipboard(actions.promptContext(run, indices));
  const count = indices?.length ?? run.items.length;
  actions.status(count === 1 ? l10n.t('Rerank: copied 1 result as prompt context') : l10n.t('Rerank: copied {0} results as prompt context', count));
}

/** The run's items with these indices, in this order, each once: an index the run does not hold is dropped. */
function itemsOf(run: Run, indices: readonly number[]): RunItem[] {
  const byIndex = new Map(run.items.map((item) => [item.index, item]));
  const items: RunItem[] = [];
  for (const index of new Set(indices)) {
    const item = byIndex.get(index);
    if (item) items.push(item);
  }
  return items;
}

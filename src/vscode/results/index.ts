// The results view: registers the tree and its commands (reveal, copy, prompt context, panel,
// remove, clear) over the RunStore.

import * as vscode from 'vscode';
import type { Run } from '../../core/types';
import { clearRecentQueries } from '../queryInput';
import type { RunStore } from '../runStore';
import { ResultsTreeProvider, type ResultNode } from './provider';
import { revealResult } from './reveal';
import { registerCommand } from '../commands';

export interface ResultsView {
  /** Shows a run in the tree: expanded and selected. */
  showRun(run: Run): void;
}

export interface ResultsDeps {
  store: RunStore;
  log: vscode.LogOutputChannel;
  openPanel: (runId?: string) => void;
}

export function isNode(value: unknown): value is ResultNode {
  return typeof value === 'object' && value !== null && ((value as ResultNode).kind === 'run' || (value as ResultNode).kind === 'item');
}

export function registerResultsView(context: vscode.ExtensionContext, deps: ResultsDeps): ResultsView {
  const provider = new ResultsTreeProvider(deps.store);
  const view = vscode.window.createTreeView('rerank.results', { treeDataProvider: provider, showCollapseAll: true });
  const { store, log } = deps;

  /** A command's node: the one clicked in the tree, else the newest run. */
  const target = (node: unknown): ResultNode | undefined => {
    if (isNode(node)) return node;
    const latest = store.latest();
    return latest ? { kind: 'run', run: latest } : undefined;
  };

  context.subscriptions.push(
    provider,
    view,
    registerCommand('rerank.revealItem', async (node: unknown) => {
      if (!isNode(node) || node.kind !== 'item') return;
      await revealResult(node.item);
    }, log),
    registerCommand('rerank.copyText', async (node: unknown) => {
      const n = target(node);
      if (!n) return;
      const text = n.kind === 'item' ? n.item.candidate.text : n.run.items.map((i) => i.candidate.text).join('\n\n');
      await vscode.env.clipboard.writeText(text);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Rerank: text copied'), 3000);
    }, log),
    registerCommand('rerank.openRunInPanel', (node: unknown) => deps.openPanel(target(node)?.run.id), log),
    registerCommand('rerank.removeRun', async (node: unknown) => {
      const n = target(node);
      if (n) await store.remove(n.run.id);
    }, log),
    registerCommand('rerank.clearHistory', async () => {
      const clear = vscode.l10n.t('Clear');
      const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Rerank: clear every run and recent query?'), { modal: true }, clear);
      if (answer !== clear) return;
      await store.clear();
      await clearRecentQueries(context.globalState);
    }, log),
  );

  return {
    showRun: (run) => {
      const node = provider.runNode(run.id);
      if (node) void view.reveal(node, { expand: true, select: true, focus: false });
    },
  };
}

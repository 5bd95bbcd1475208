// activate() wires; it does no scanning and no network. Each feature registers itself from its
// own folder, and every disposable lands in context.subscriptions.

import * as vscode from 'vscode';
import type { Run } from './core/types';
import { fetchTransport } from './providers/fetchTransport';
import { registerKeyCommands } from './vscode/key/index';
import { registerChatParticipant } from './vscode/prompt/chat';
import { promptContextFor, registerPromptCommands } from './vscode/prompt/index';
import { registerRerankTool } from './vscode/prompt/tool';
import { KeyStore } from './vscode/key/keyStore';
import { registerResultsPanel } from './vscode/panel/index';
import { registerResultsView } from './vscode/results/index';
import { revealResult } from './vscode/results/reveal';
import { RunStore } from './vscode/runStore';
import { registerSelectionCommands } from './vscode/selection/index';
import { readSettings } from './vscode/settings';
import { registerWorkspaceCommands } from './vscode/workspace/index';
import { registerCommand } from './vscode/commands';
import { registerScoreCache } from './vscode/scoreCache';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Rerank', { log: true });
  const store = new RunStore(context.workspaceState, () => readSettings().historySize);
  const keys = new KeyStore(context.secrets);
  const promptContext = (run: Run, itemIndices?: number[]) => promptContextFor(run, itemIndices).text;
  context.subscriptions.push(log, store, registerCommand('rerank.showLog', () => log.show(), log));

  const panel = registerResultsPanel(context, { store, log, reveal: (_run, item) => revealResult(item), promptContext });
  const results = registerResultsView(context, { store, log, openPanel: (runId) => panel.show(runId) });
  // Opens on the newest run, whatever the panel showed when it was last closed.
  context.subscriptions.push(registerCommand('rerank.openPanel', () => panel.show(store.latest()?.id), log));

  const status = registerKeyCommands(context, keys, log);
  const scoreCache = registerScoreCache(context, log);
  const runner = { store, log, keys, globalState: context.globalState, transport: fetchTransport(), show: results.showRun, rankerChanged: status.refreshStatus, scoreCache };
  registerSelectionCommands(context, runner);
  registerWorkspaceCommands(context, runner);
  registerPromptCommands(context, store, log);
  registerRerankTool(context, runner);
  registerChatParticipant(context, runner);
}

export function deactivate(): void {
  // Nothing to release: every disposable is owned by context.subscriptions.
}

// activateRerank() wires; it does no scanning and no network. Each feature registers itself from
// its own folder, and every disposable lands in context.subscriptions. The entry files
// (src/extension.ts for Node, src/web/extension.ts for the web worker) pass their Platform.

import * as vscode from 'vscode';
import type { Run } from '../core/types';
import { fetchTransport } from '../providers/fetchTransport';
import { registerKeyCommands } from './key/index';
import { registerChatParticipant } from './prompt/chat';
import { promptContextFor, registerPromptCommands } from './prompt/index';
import { registerRerankTool } from './prompt/tool';
import { KeyStore } from './key/keyStore';
import { registerResultsPanel } from './panel/index';
import { registerResultsView } from './results/index';
import { revealResult } from './results/reveal';
import { RunStore } from './runStore';
import { registerSelectionCommands } from './selection/index';
import { readSettings } from './settings';
import { registerWorkspaceCommands } from './workspace/index';
import { registerCommand } from './commands';
import type { Platform } from './platform';
import { registerScoreCache } from './scoreCache';
import { WorkspaceIndexKeeper } from './workspace/indexKeeper';

export function activateRerank(context: vscode.ExtensionContext, platform: Platform): void {
  const log = vscode.window.createOutputChannel('Rerank', { log: true });
  log.info(vscode.l10n.t('Rerank runs in the {0} extension host.', platform.host));
  const store = new RunStore(context.workspaceState, () => readSettings().historySize);
  const keys = new KeyStore(context.secrets, platform.env);
  const promptContext = (run: Run, itemIndices?: number[]) => promptContextFor(run, itemIndices).text;
  context.subscriptions.push(log, store, registerCommand('rerank.showLog', () => log.show(), log));

  const panel = registerResultsPanel(context, { store, log, reveal: (_run, item) => revealResult(item), promptContext, homeFolder: platform.homeFolder });
  const results = registerResultsView(context, { store, log, openPanel: (runId) => panel.show(runId) });
  // Opens on the newest run, whatever the panel showed when it was last closed.
  context.subscriptions.push(registerCommand('rerank.openPanel', () => panel.show(store.latest()?.id), log));

  const status = registerKeyCommands(context, keys, log);
  const scoreCache = registerScoreCache(context, log);
  const version = (context.extension.packageJSON as { version?: unknown }).version;
  const workspaceIndex = new WorkspaceIndexKeeper(context.storageUri, `extension ${String(version)}`);
  context.subscriptions.push(workspaceIndex);
  const runner = { store, log, keys, platform, globalState: context.globalState, transport: fetchTransport(), show: results.showRun, rankerChanged: status.refreshStatus, scoreCache, workspaceIndex };
  registerSelectionCommands(context, runner);
  registerWorkspaceCommands(context, runner);
  registerPromptCommands(context, store, log);
  registerRerankTool(context, runner);
  registerChatParticipant(context, runner);
}

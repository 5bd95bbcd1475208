// activate() wires; it does no scanning and no network. The UI features register here as they land.

import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Rerank', { log: true });
  context.subscriptions.push(log, vscode.commands.registerCommand('rerank.showLog', () => log.show()));
}

export function deactivate(): void {
  // Nothing to release: every disposable is owned by context.subscriptions.
}

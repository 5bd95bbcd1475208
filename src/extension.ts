// The Node extension host's entry (package.json "main"): the extension with Node's file system
// for local folders. src/web/extension.ts is the web worker's ("browser").

import type * as vscode from 'vscode';
import { activateRerank } from './vscode/activate';
import { nodePlatform } from './vscode/nodePlatform';

export function activate(context: vscode.ExtensionContext): void {
  activateRerank(context, nodePlatform);
}

export function deactivate(): void {
  // Nothing to release: every disposable is owned by context.subscriptions.
}

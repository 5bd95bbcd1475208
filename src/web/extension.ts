// The web worker extension host's entry (package.json "browser", VS Code for the Web): the same
// extension, every folder read through workspace.fs, requests through the worker's fetch.

import type * as vscode from 'vscode';
import { activateRerank } from '../vscode/activate';
import { webPlatform } from '../vscode/platform';

export function activate(context: vscode.ExtensionContext): void {
  activateRerank(context, webPlatform);
}

export function deactivate(): void {
  // Nothing to release: every disposable is owned by context.subscriptions.
}

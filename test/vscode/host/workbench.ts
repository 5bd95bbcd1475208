// Steps the suite takes in the workbench through the public API: open a fixture file with all of
// it selected, change user or workspace settings (waiting until VS Code has them), and call the
// rerank_context tool the way another extension or an agent does.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** The folder the runner opened: a copy of test/e2e/fixtures/workspace. */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner opens a copy of test/e2e/fixtures/workspace');
  return folder.uri;
}

/** Opens a file of the workspace in an editor with all of its text selected. */
export async function selectAllOf(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFolder(), relativePath));
  const editor = await vscode.window.showTextDocument(document);
  const last = document.lineAt(document.lineCount - 1);
  editor.selection = new vscode.Selection(0, 0, last.lineNumber, last.text.length);
  return editor;
}

/** Sets user settings (undefined removes one) and checks VS Code reads them back. */
export async function setUserSettings(values: Record<string, unknown>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    await vscode.workspace.getConfiguration().update(key, value, vscode.ConfigurationTarget.Global);
    assert.deepEqual(vscode.workspace.getConfiguration().inspect(key)?.globalValue, value, `user setting ${key}`);
  }
}

/** Resolves on the next configuration change that affects `section`. */
export function configurationChange(section: string): Promise<void> {
  return new Promise((resolve) => {
    const listener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(section)) return;
      listener.dispose();
      resolve();
    });
  });
}

/**
 * Writes the workspace's .vscode/settings.json (undefined deletes it) and waits until VS Code has
 * read it: `witness` names a setting the file changes, whose change event says so.
 */
export async function writeWorkspaceSettings(settings: Record<string, unknown> | undefined, witness: string): Promise<void> {
  const file = vscode.Uri.joinPath(workspaceFolder(), '.vscode', 'settings.json');
  const changed = configurationChange(witness);
  if (settings) await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(`${JSON.stringify(settings, null, 2)}\n`));
  else await vscode.workspace.fs.delete(file);
  await changed;
}

/** Calls the rerank_context tool through vscode.lm.invokeTool and returns its text. */
export async function invokeRerankTool(input: { query: string; scope: 'selection' | 'workspace' | 'files'; paths?: string[]; topK?: number }): Promise<string> {
  const result = await vscode.lm.invokeTool('rerank_context', { input, toolInvocationToken: undefined }, new vscode.CancellationTokenSource().token);
  return result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

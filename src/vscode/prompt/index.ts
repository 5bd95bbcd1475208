// Prompt context from a run, where a user wants it: copied, opened as Markdown, or inserted at the
// cursor. The same packPromptContext serves the CLI, the panel and the language-model tool.

import * as vscode from 'vscode';
import { aboveMinScore } from '../../core/minScore';
import { packPromptContext, type PromptContext } from '../../core/prompt';
import type { Run } from '../../core/types';
import { guardedRun } from '../outbound';
import { isNode } from '../results/index';
import type { RunStore } from '../runStore';
import { readSettings } from '../settings';
import { registerCommand } from '../commands';
import { definedOnly } from '../../core/defined';

/**
 * The context of a run (or of one item of it) with the user's budget and order. Its text passes
 * the secret guard whatever ranked it: an offline run keeps the user's text as written, a prompt
 * never does. A whole run gives its results at or above its cut-off; items picked by hand are used
 * as picked.
 */
export function promptContextFor(run: Run, itemIndices?: readonly number[]): PromptContext {
  const settings = readSettings();
  return packPromptContext(guardedRun(itemIndices ? run : aboveMinScore(run), settings.secrets), { budgetTokens: settings.promptBudget, order: settings.promptOrder, ...definedOnly({ itemIndices }) });
}

export function registerPromptCommands(context: vscode.ExtensionContext, store: RunStore, log: vscode.LogOutputChannel): void {
  /** The context of the clicked run or item, else of the newest run; undefined (and a hint) when there is none. */
  const contextOf = (node: unknown): PromptContext | undefined => {
    if (isNode(node)) return promptContextFor(node.run, node.kind === 'item' ? [node.item.index] : undefined);
    const latest = store.latest();
    if (latest) return promptContextFor(latest);
    void vscode.window.showInformationMessage(vscode.l10n.t('Rerank: no run yet. Rerank a selection or workspace files first.'));
    return undefined;
  };

  context.subscriptions.push(
    registerCommand('rerank.copyPromptContext', async (node: unknown) => {
      const c = contextOf(node);
      if (!c) return;
      await vscode.env.clipboard.writeText(c.text);
      vscode.window.setStatusBarMessage(copiedMessage(c), 5000);
    }, log),
    registerCommand('rerank.openPromptContext', async (node: unknown) => {
      const c = contextOf(node);
      if (!c) return;
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: c.text });
      await vscode.window.showTextDocument(document, { preview: false });
    }, log),
    registerCommand('rerank.insertPromptContext', async (node: unknown) => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return void vscode.window.showInformationMessage(vscode.l10n.t('Rerank: open an editor to insert the prompt context into.'));
      const c = contextOf(node);
      if (!c) return;
      await editor.edit((edit) => {
        for (const selection of editor.selections) edit.replace(selection, c.text);
      });
    }, log),
  );
}

/** What Copy Prompt Context put on the clipboard, in one sentence. */
function copiedMessage(c: PromptContext): string {
  return c.omitted.length
    ? vscode.l10n.t('Rerank: prompt context copied ({0} results, ~{1} tokens; {2} left out for the budget)', c.included.length, c.tokens, c.omitted.length)
    : vscode.l10n.t('Rerank: prompt context copied ({0} results, ~{1} tokens)', c.included.length, c.tokens);
}

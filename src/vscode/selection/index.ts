// "Rerank Selection Against Query": every selection of the editor, split into blocks, ranked
// against a query; a result reveals its block.

import * as vscode from 'vscode';
import { selectionCandidates, type EditorState } from '../../sources/selection';
import { askForQuery } from '../queryInput';
import { runRerank, type RunnerDeps } from '../runner';
import { readSettings } from '../settings';
import { registerCommand } from '../commands';

export function registerSelectionCommands(context: vscode.ExtensionContext, deps: RunnerDeps): void {
  context.subscriptions.push(
    registerCommand('rerank.rerankSelection', async () => {
      const editor = vscode.window.activeTextEditor;
      const state = editor && editorState(editor);
      const candidates = state ? selectionCandidates(state, readSettings().selectionSplit) : [];
      if (candidates.length === 0) {
        // Not an error: the user has not chosen yet, so say what to choose.
        void vscode.window.showInformationMessage(vscode.l10n.t('Rerank: select the text to rank first: several paragraphs, or several pieces of text (Alt+click to add selections). Each block becomes one result.'));
        return;
      }
      const query = await askForQuery(context.globalState, candidates.length === 1 ? vscode.l10n.t('Rerank 1 block against…') : vscode.l10n.t('Rerank {0} blocks against…', candidates.length));
      if (!query) return;
      // Text the user selected is theirs to send, even in an untrusted workspace.
      await runRerank(deps, { query, title: candidates.length === 1 ? vscode.l10n.t('ranking 1 selected block') : vscode.l10n.t('ranking {0} selected blocks', candidates.length), remoteAllowed: true, candidates: async () => candidates });
    }, deps.log),
  );
}

/** The editor as src/sources sees it: its URI, language and non-empty selections in document order. */
export function editorState(editor: vscode.TextEditor): EditorState {
  const selections = editor.selections
    .filter((s) => !s.isEmpty)
    .sort((a, b) => a.start.compareTo(b.start))
    .map((s) => ({ text: editor.document.getText(s), startLine: s.start.line + 1 }));
  return { uri: editor.document.uri.toString(), languageId: editor.document.languageId, selections };
}

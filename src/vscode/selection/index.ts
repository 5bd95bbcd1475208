// "Rerank Selection Against Query": every selection of the editor, split into blocks, ranked
// against a query; a result reveals its block.

import * as vscode from 'vscode';
import { selectionCandidates, type EditorState, type SelectionSplit } from '../../sources/selection';
import { askForQuery } from '../queryInput';
import { runRerank, type RunnerDeps } from '../runner';
import { readSettings } from '../settings';
import { registerCommand } from '../commands';
import { splitButton, splitTitle } from './splitChoice';

export function registerSelectionCommands(context: vscode.ExtensionContext, deps: RunnerDeps): void {
  context.subscriptions.push(
    registerCommand('rerank.rerankSelection', async () => {
      const editor = vscode.window.activeTextEditor;
      const state = editor && editorState(editor);
      let split = readSettings().selectionSplit;
      let candidates = state ? selectionCandidates(state, split) : [];
      if (!state || candidates.length === 0) {
        // Not an error: the user has not chosen yet, so say what to choose.
        void vscode.window.showInformationMessage(vscode.l10n.t('Rerank: select the text to rank first: several paragraphs, or several pieces of text (Alt+click to add selections). Each block becomes one result.'));
        return;
      }
      const resplit = (next: SelectionSplit): string => {
        split = next;
        candidates = selectionCandidates(state, split);
        return splitTitle(candidates.length, split);
      };
      const query = await askForQuery(context.globalState, splitTitle(candidates.length, split), splitButton(state, () => split, resplit));
      if (!query) return;
      const ranked = candidates;
      const title = ranked.length === 1 ? vscode.l10n.t('ranking 1 selected block') : vscode.l10n.t('ranking {0} selected blocks', ranked.length);
      // Text the user selected is theirs to send, even in an untrusted workspace.
      await runRerank(deps, { query, title, remoteAllowed: true, candidates: async () => ({ candidates: ranked }) });
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

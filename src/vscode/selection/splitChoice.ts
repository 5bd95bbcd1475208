// The split as the query box shows it: a title that says how many blocks the selection makes
// and how it was cut, and a pick of the other ways to cut it, each with the count it gives.

import * as vscode from 'vscode';
import { resolveSplit, selectionCandidates, type EditorState, type SelectionSplit } from '../../sources/selection';
import type { QueryBoxButton } from '../queryInput';

type Split = Exclude<SelectionSplit, 'auto'>;

const SPLITS: readonly Split[] = ['paragraph', 'line', 'heading', 'none'];

/** "Rerank 7 blocks (paragraphs) against…": one whole sentence per split and number. */
export function splitTitle(count: number, split: SelectionSplit): string {
  const one = count === 1;
  switch (resolveSplit(split)) {
    case 'paragraph':
      return one ? vscode.l10n.t('Rerank 1 block (paragraphs) against…') : vscode.l10n.t('Rerank {0} blocks (paragraphs) against…', count);
    case 'line':
      return one ? vscode.l10n.t('Rerank 1 block (lines) against…') : vscode.l10n.t('Rerank {0} blocks (lines) against…', count);
    case 'heading':
      return one ? vscode.l10n.t('Rerank 1 block (Markdown sections) against…') : vscode.l10n.t('Rerank {0} blocks (Markdown sections) against…', count);
    case 'none':
      return one ? vscode.l10n.t('Rerank 1 block (the whole selection) against…') : vscode.l10n.t('Rerank {0} blocks (whole selections) against…', count);
  }
}

function splitLabel(split: Split): string {
  switch (split) {
    case 'paragraph':
      return vscode.l10n.t('Paragraphs');
    case 'line':
      return vscode.l10n.t('Lines');
    case 'heading':
      return vscode.l10n.t('Markdown sections');
    case 'none':
      return vscode.l10n.t('Whole selections');
  }
}

function splitDetail(split: Split): string {
  switch (split) {
    case 'paragraph':
      return vscode.l10n.t('Split at blank lines; in Markdown a code fence, a list or a heading stays with its text.');
    case 'line':
      return vscode.l10n.t('Every non-blank line is a block: for lists and logs.');
    case 'heading':
      return vscode.l10n.t('Each Markdown heading starts a block that runs to the next heading.');
    case 'none':
      return vscode.l10n.t('Each selection is one block.');
  }
}

function blockCount(count: number): string {
  return count === 1 ? vscode.l10n.t('1 block') : vscode.l10n.t('{0} blocks', count);
}

/**
 * The query box's split button: it opens a pick of the splits, each with the number of blocks it
 * makes of this selection, and reports the chosen one. Only this run changes, not the setting.
 */
export function splitButton(state: EditorState, current: () => SelectionSplit, chosen: (split: SelectionSplit) => string): QueryBoxButton {
  return {
    button: { iconPath: new vscode.ThemeIcon('split-horizontal'), tooltip: vscode.l10n.t('Change how the selection is split') },
    run: async () => {
      const now = resolveSplit(current());
      const items = SPLITS.map((split) => ({
        split,
        label: split === now ? `$(check) ${splitLabel(split)}` : splitLabel(split),
        description: blockCount(selectionCandidates(state, split).length),
        detail: splitDetail(split),
      }));
      const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Split the selection into'), placeHolder: vscode.l10n.t('Choose how to cut the selection into blocks for this run') });
      return pick ? chosen(pick.split) : undefined;
    },
  };
}

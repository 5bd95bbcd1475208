// Opens a result where it came from: the file at its line range, or the selection block.

import * as vscode from 'vscode';
import { RerankError } from '../../core/errors';
import type { RunItem } from '../../core/types';

export async function revealResult(item: RunItem): Promise<void> {
  const { uri, range } = await revealLocation(item);
  const document = await vscode.workspace.openTextDocument(uri);
  // The whole of the last line, clamped to the document as it is now (it may have changed).
  const last = Math.min(range.end.line, document.lineCount - 1);
  const selection = new vscode.Range(Math.min(range.start.line, last), 0, last, document.lineAt(last).text.length);
  // Where the document is already open, else the first group: never over the results panel.
  const open = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === document.uri.toString());
  await vscode.window.showTextDocument(document, { preview: true, selection, viewColumn: open?.viewColumn ?? vscode.ViewColumn.One });
}

/** Where a result lives: its file or selection block, lines 0-based as VS Code counts them. */
export async function revealLocation(item: RunItem): Promise<vscode.Location> {
  const source = item.candidate.source;
  if (source.kind === 'input') throw new RerankError('bad-input', vscode.l10n.t('this result came from the command line and has no location to open'));
  const uri = source.kind === 'selection' ? vscode.Uri.parse(source.uri) : await fileUri(source.path, source.uri);
  const range = source.range ?? { startLine: 1, endLine: 1 };
  return new vscode.Location(uri, new vscode.Range(range.startLine - 1, 0, range.endLine - 1, 0));
}

async function fileUri(path: string, uri: string | undefined): Promise<vscode.Uri> {
  if (uri) return vscode.Uri.parse(uri);
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const candidate = vscode.Uri.joinPath(folder.uri, path);
    try {
      await vscode.workspace.fs.stat(candidate);
      return candidate;
    } catch {
      // not in this folder; try the next
    }
  }
  throw new RerankError('bad-input', vscode.l10n.t('{0} is not in any folder of this workspace', path));
}

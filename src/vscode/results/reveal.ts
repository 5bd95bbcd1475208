// Opens a result where it came from: the file at its line range, or the selection block.

import * as vscode from 'vscode';
import { RerankError } from '../../core/errors';
import type { RunItem } from '../../core/types';

export async function revealResult(item: RunItem): Promise<void> {
  const source = item.candidate.source;
  if (source.kind === 'input') throw new RerankError('bad-input', 'this result came from the command line and has no location to open');
  const uri = source.kind === 'selection' ? vscode.Uri.parse(source.uri) : await fileUri(source.path, source.uri);
  const range = source.range;
  const document = await vscode.workspace.openTextDocument(uri);
  const selection = range ? new vscode.Range(range.startLine - 1, 0, range.endLine - 1, document.lineAt(Math.min(range.endLine - 1, document.lineCount - 1)).text.length) : undefined;
  await vscode.window.showTextDocument(document, { preview: true, ...(selection ? { selection } : {}) });
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
  throw new RerankError('bad-input', `${path} is not in any folder of this workspace`);
}

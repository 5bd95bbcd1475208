// Saving an export: exporters.ts formats the rows the panel asked for; the host asks where through
// a save dialog and writes there, and only there: replacing a file is the dialog's question.

import * as vscode from 'vscode';
import type { Run } from '../../core/types';
import type { ExportFormat } from '../../webview/protocol';
import { exportFileName, exportFolder, rememberedFolder } from './exportName';
import { errorText } from '../../core/errors';

const FILTER: Record<ExportFormat, Record<string, string[]>> = { json: { JSON: ['json'] }, csv: { CSV: ['csv'] }, markdown: { Markdown: ['md'] } };

/** workspaceState key of the folder the last export went to. */
const LAST_FOLDER = 'rerank.exportFolder';

/** `homeFolder` is where the dialog opens when nothing else is known (the web has no home folder: VS Code's default then). */
export async function saveExport(content: string, format: ExportFormat, run: Run | undefined, log: vscode.LogOutputChannel, state: vscode.Memento, homeFolder?: () => vscode.Uri): Promise<void> {
  const name = exportFileName(run, format);
  const lastUsed = await existingFolder(rememberedFolder(state.get(LAST_FOLDER)));
  const folder = exportFolder(lastUsed, vscode.workspace.workspaceFolders?.[0]?.uri.toString(), homeFolder?.().toString());
  const target = await vscode.window.showSaveDialog({
    ...(folder === undefined ? {} : { defaultUri: vscode.Uri.joinPath(vscode.Uri.parse(folder), name) }),
    filters: FILTER[format],
    saveLabel: vscode.l10n.t('Export'),
    title: vscode.l10n.t('Export Rerank Results'),
  });
  if (!target) return; // the user cancelled
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
  } catch (err) {
    log.error(`results panel: export to ${target.toString()} failed: ${errorText(err)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not save the results to {0}: {1}. Choose another folder, or check that the file is not read-only.', target.fsPath, errorText(err)));
    return;
  }
  log.info(`results panel: exported ${format} (${content.length} characters) to ${target.toString()}`);
  await state.update(LAST_FOLDER, vscode.Uri.joinPath(target, '..').toString());
  const open = vscode.l10n.t('Open');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Saved the results to {0}.', target.fsPath), open);
  if (choice === open) await vscode.commands.executeCommand('vscode.open', target);
}

/** The remembered folder while it is still a folder (it may have been deleted or moved since). */
async function existingFolder(uri: string | undefined): Promise<string | undefined> {
  if (uri === undefined) return undefined;
  try {
    const stat = await vscode.workspace.fs.stat(vscode.Uri.parse(uri));
    return stat.type & vscode.FileType.Directory ? uri : undefined;
  } catch {
    return undefined;
  }
}

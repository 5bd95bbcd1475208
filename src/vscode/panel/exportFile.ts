// Saving an export: exporters.ts formats the rows the panel asked for; here the host asks where through a save dialog and writes.

import * as os from 'node:os';
import * as vscode from 'vscode';
import type { Run } from '../../core/types';
import type { ExportFormat } from '../../webview/protocol';
import { exportFileName } from './exportName';
import { errorText } from '../../core/errors';

const FILTER: Record<ExportFormat, Record<string, string[]>> = { json: { JSON: ['json'] }, csv: { CSV: ['csv'] }, markdown: { Markdown: ['md'] } };

export async function saveExport(content: string, format: ExportFormat, run: Run | undefined, log: vscode.LogOutputChannel): Promise<void> {
  const name = exportFileName(run, format);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(folder, name),
    filters: FILTER[format],
    saveLabel: 'Export',
    title: 'Export Rerank Results',
  });
  if (!target) return; // the user cancelled
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
  } catch (err) {
    log.error(`results panel: export to ${target.toString()} failed: ${errorText(err)}`);
    void vscode.window.showErrorMessage(`Could not save the results to ${target.fsPath}: ${errorText(err)}. Choose another folder, or check that the file is not read-only.`);
    return;
  }
  log.info(`results panel: exported ${format} (${content.length} characters) to ${target.toString()}`);
  const choice = await vscode.window.showInformationMessage(`Saved the results to ${target.fsPath}.`, 'Open');
  if (choice === 'Open') await vscode.commands.executeCommand('vscode.open', target);
}

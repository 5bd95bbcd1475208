// A workspace run that reached a bound (text read, passages held) says so with what it left out,
// and offers the ways out: exclude the folder that took the most room, raise the bound, or see
// the files and folders left out in the log.

import * as vscode from 'vscode';
import { pathInFolder } from '../../core/source';
import { isPathWithin } from '../../sources/fs';
import { errorText } from '../../core/errors';
import { escapeGlob, formatSize, limitSummary, namedFolders, type CollectReport, type LimitSummary } from '../../sources/index';
import { SECTION } from '../settings';

/** The setting of each bound, as the settings editor finds it. */
const BOUND_SETTING = { bytes: 'workspace.maxReadMegabytes', passages: 'workspace.maxPassages' } as const;

/** The warning's text: what was reached and what it left out, on one line. */
function limitWarning(summary: LimitSummary, report: Pick<CollectReport, 'maxBytes' | 'maxPassages'>): string {
  const where = namedFolders(summary.leftOut, (f) => (f.folder === '.' ? vscode.l10n.t('top level') : f.folder));
  const files = summary.filesLeftOut.toLocaleString('en-US');
  const one = summary.filesLeftOut === 1;
  if (summary.bound === 'bytes') {
    const size = formatSize(report.maxBytes);
    return one
      ? vscode.l10n.t('Rerank read {0} of text, its limit: 1 file left out (in {1}) was not ranked.', size, where)
      : vscode.l10n.t('Rerank read {0} of text, its limit: {1} files left out (in {2}) were not ranked.', size, files, where);
  }
  const passages = report.maxPassages.toLocaleString('en-US');
  return one
    ? vscode.l10n.t('Rerank held {0} passages, its limit: 1 file left out (in {1}) was not ranked.', passages, where)
    : vscode.l10n.t('Rerank held {0} passages, its limit: {1} files left out (in {2}) were not ranked.', passages, files, where);
}

/** The glob that excludes the heaviest folder, as rerank.workspace.exclude takes it: anchored to its root, its name literal. */
export function excludeGlobFor(folder: string): string {
  return `/${escapeGlob(folder)}`;
}

/** Shows the warning with its actions when `report` reached a bound; returns at once (the user answers later). */
export function offerLimitActions(report: CollectReport, log: vscode.LogOutputChannel): void {
  const summary = limitSummary(report);
  if (summary === undefined) return;
  for (const f of summary.leftOut) log.warn(`workspace: left out by the limit: ${f.files} files in ${f.folder}`);
  const heaviest = summary.heaviest;
  const exclude = heaviest ? vscode.l10n.t('Exclude {0}', heaviest.folder) : undefined;
  const raise = vscode.l10n.t('Raise the Limit');
  const show = vscode.l10n.t('Show Skipped');
  const actions = [...(exclude ? [exclude] : []), raise, show];
  void vscode.window.showWarningMessage(limitWarning(summary, report), ...actions).then(async (choice) => {
    if (choice === show) log.show(true);
    else if (choice === raise) await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.${BOUND_SETTING[summary.bound]}`);
    else if (choice === exclude && heaviest) await excludeFolder(heaviest.folder, heaviest.root, log);
  }).then(undefined, (err: unknown) => {
    log.error(`workspace: the limit's action failed: ${errorText(err)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Rerank could not complete the action: {0}', errorText(err)));
  });
}

/**
 * Adds the folder to rerank.workspace.exclude of the workspace folder it lies in (or the workspace),
 * keeping whatever list applies there now: the defaults, unless someone changed them.
 */
async function excludeFolder(folder: string, root: string, log: vscode.LogOutputChannel): Promise<void> {
  const rootUri = vscode.workspace.workspaceFolders?.find((f) => isPathWithin(f.uri.path, root))?.uri;
  const config = vscode.workspace.getConfiguration(SECTION, rootUri);
  const current = config.get<string[]>('workspace.exclude') ?? [];
  // Globs match paths from the workspace folder, also for a run over one of its subfolders.
  const fromFolder = rootUri ? pathInFolder(rootUri.path, root) : undefined;
  const glob = excludeGlobFor(fromFolder ? `${fromFolder}/${folder}` : folder);
  if (current.includes(glob)) return;
  const target = rootUri && (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace;
  await config.update('workspace.exclude', [...current, glob], target);
  log.info(`workspace: added ${glob} to rerank.workspace.exclude`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Rerank: {0} is excluded from workspace runs; run the search again to rank the files it left out.', glob));
}

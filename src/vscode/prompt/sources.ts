// Candidates for a headless run (the language-model tool, the chat participant): the editor's
// selections, the workspace, or named files and folders.

import * as vscode from 'vscode';
import { RerankError } from '../../core/errors';
import type { Candidate } from '../../core/types';
import { selectionCandidates } from '../../sources/selection';
import { editorState } from '../selection/index';
import type { RerankSettings } from '../settings';
import { folderUris, workspaceCandidates } from '../workspace/index';

export type Scope = 'selection' | 'workspace' | 'files';

/** Workspace-relative or absolute paths to URIs; a path in no folder of the workspace is an error. */
export async function resolvePaths(paths: readonly string[]): Promise<vscode.Uri[]> {
  const uris: vscode.Uri[] = [];
  for (const p of paths) {
    const candidates = /^([a-z]:)?[\\/]/i.test(p) ? [vscode.Uri.file(p)] : folderUris().map((f) => vscode.Uri.joinPath(f, p));
    let found: vscode.Uri | undefined;
    for (const uri of candidates) {
      try {
        await vscode.workspace.fs.stat(uri);
        found = uri;
        break;
      } catch {
        // not here; try the next folder
      }
    }
    if (!found) throw new RerankError('bad-input', `"${p}" is not a file or folder of this workspace`);
    uris.push(found);
  }
  return uris;
}

/** Whether text from this scope may go to a remote ranker: workspace text only in a trusted workspace. */
export function remoteAllowedFor(scope: Scope): boolean {
  return scope === 'selection' || vscode.workspace.isTrusted;
}

export function scopeCandidates(
  scope: Scope,
  query: string,
  paths: readonly string[] | undefined,
  settings: RerankSettings,
  log: vscode.LogOutputChannel,
): (signal: AbortSignal, report: (message: string) => void, remote: boolean) => Promise<Candidate[]> {
  return async (signal, report, remote) => {
    if (scope === 'selection') {
      const editor = vscode.window.activeTextEditor;
      const state = editor && editorState(editor);
      if (!state || state.selections.length === 0) throw new RerankError('bad-input', 'there is no selection in the active editor');
      return selectionCandidates(state, settings.selectionSplit);
    }
    const roots = scope === 'files' ? await resolvePaths(paths ?? []) : folderUris();
    if (roots.length === 0) throw new RerankError('bad-input', scope === 'files' ? 'no paths were given' : 'no folder is open');
    return workspaceCandidates(roots, query, settings, remote, signal, report, log);
  };
}

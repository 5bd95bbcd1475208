// Candidates for a headless run (the language-model tool, the chat participant): the editor's
// selections, the workspace, or named files and folders.

import * as vscode from 'vscode';
import { RerankError } from '../../core/errors';
import { isPathWithin, isWithinBounds } from '../../sources/fs';
import { selectionCandidates } from '../../sources/selection';
import { editorState } from '../selection/index';
import type { Platform } from '../platform';
import type { WorkspaceIndexKeeper } from '../workspace/indexKeeper';
import type { RerankSettings } from '../settings';
import type { RunCandidates } from '../runner';
import { folderUris, workspaceCandidates } from '../workspace/index';

export type Scope = 'selection' | 'workspace' | 'files';

/**
 * Workspace-relative or absolute paths to URIs. A path outside every folder of the workspace is an
 * error, whether absolute or relative with "..", or inside but through a symlink that leads out
 * (a language model names these paths, and a prompt it read may ask for ~/.aws/credentials):
 * only the workspace's own files are ranked.
 */
async function resolvePaths(paths: readonly string[], platform: Platform): Promise<vscode.Uri[]> {
  const folders = folderUris();
  const uris: vscode.Uri[] = [];
  for (const p of paths) {
    // Uri.joinPath resolves "." and ".." segments; Uri.file leaves them, so normalize those too.
    const named = /^([a-z]:)?[\\/]/i.test(p) ? [normalized(vscode.Uri.file(p))] : folders.map((f) => vscode.Uri.joinPath(f, p));
    const candidates = named.filter((uri) => folders.some((folder) => withinFolder(folder, uri, platform.windowsPaths)));
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
    if (!(await realPathWithin(folders, found, platform.realpath))) throw new RerankError('bad-input', `"${p}" leads outside this workspace through a symlink: only the workspace's own files are ranked`);
    uris.push(found);
  }
  return uris;
}

/**
 * Whether a local file's real path (every symlink resolved) lies inside a workspace folder's.
 * Other file systems, and hosts without real paths (the web worker), cannot tell; their paths were
 * checked above, and the walk skips their symlinks.
 */
async function realPathWithin(folders: readonly vscode.Uri[], uri: vscode.Uri, realpath: Platform['realpath']): Promise<boolean> {
  if (uri.scheme !== 'file' || !realpath) return true;
  const real = (u: vscode.Uri): Promise<string> => realpath(u.fsPath).catch(() => u.fsPath);
  const bounds = await Promise.all(folders.filter((f) => f.scheme === 'file').map(real));
  return isWithinBounds(bounds, await real(uri));
}

/** The URI with its path's "." and ".." segments resolved and repeated "/" collapsed, as posix.normalize does. */
function normalized(uri: vscode.Uri): vscode.Uri {
  const segments: string[] = [];
  for (const segment of uri.path.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '' && segment !== '.') segments.push(segment);
  }
  const trailing = segments.length > 0 && uri.path.endsWith('/') ? '/' : '';
  return uri.with({ path: `/${segments.join('/')}${trailing}` });
}

function withinFolder(folder: vscode.Uri, uri: vscode.Uri, windowsPaths: boolean): boolean {
  if (uri.scheme !== folder.scheme || uri.authority !== folder.authority) return false;
  return isPathWithin(folder.path, uri.path, uri.scheme === 'file' && windowsPaths);
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
  platform: Platform,
  /** The window's workspace index (used for the workspace folders, as the commands use it). */
  index?: WorkspaceIndexKeeper,
): (signal: AbortSignal, report: (message: string) => void, remote: boolean) => Promise<RunCandidates> {
  return async (signal, report, remote) => {
    if (scope === 'selection') {
      const editor = vscode.window.activeTextEditor;
      const state = editor && editorState(editor);
      if (!state || state.selections.length === 0) throw new RerankError('bad-input', 'there is no selection in the active editor');
      return { candidates: selectionCandidates(state, settings.selectionSplit) };
    }
    const roots = scope === 'files' ? await resolvePaths(paths ?? [], platform) : folderUris();
    if (roots.length === 0) throw new RerankError('bad-input', scope === 'files' ? 'no paths were given' : 'no folder is open');
    return workspaceCandidates(roots, query, settings, remote, signal, report, log, platform, undefined, index);
  };
}

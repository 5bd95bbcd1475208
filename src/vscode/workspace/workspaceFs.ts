// SourceFs over vscode.workspace.fs, so workspace collection works for local, remote and virtual
// folders alike. Paths are the URIs' paths; each maps back to a URI of the folder it lies in.

import * as vscode from 'vscode';
import type { DirEntry, EntryType, SourceFs } from '../../sources/fs';

/** What a directory entry is; a symlink stays a symlink, so the walker checks where it leads. */
function entryType(type: vscode.FileType): EntryType {
  if (type & vscode.FileType.SymbolicLink) return 'symlink';
  return targetType(type);
}

/** What a path leads to, links followed (workspace.fs.stat sets the SymbolicLink bit on the target's type). */
function targetType(type: vscode.FileType): EntryType {
  if (type & vscode.FileType.Directory) return 'directory';
  if (type & vscode.FileType.File) return 'file';
  return 'other';
}

export class WorkspaceSourceFs implements SourceFs {
  /**
   * Canonical paths for local folders, so a symlink is followed only where it stays inside the
   * workspace, a symlinked folder once, and a link loop (`ln -s . again`) is seen as one. A remote
   * or virtual file system has no way to tell: the walker then leaves every symlink out.
   */
  readonly realpath?: (path: string) => Promise<string>;

  /**
   * @param roots the URIs collection starts from; a path under one of them maps to its scheme and authority.
   * @param realpath the host's real path of a local file, where it has one (not in the web worker).
   */
  constructor(
    private readonly roots: readonly vscode.Uri[],
    realpath?: (fsPath: string) => Promise<string>,
  ) {
    if (realpath && roots.length > 0 && roots.every((r) => r.scheme === 'file')) {
      this.realpath = async (path) => (await realpath(this.toUri(path).fsPath)).replace(/\\/g, '/');
    }
  }

  toUri(path: string): vscode.Uri {
    const root = this.roots.find((r) => path === r.path || path.startsWith(r.path.endsWith('/') ? r.path : `${r.path}/`)) ?? this.roots[0];
    return root ? root.with({ path }) : vscode.Uri.file(path);
  }

  async readDirectory(path: string): Promise<DirEntry[]> {
    const entries = await vscode.workspace.fs.readDirectory(this.toUri(path));
    return entries.map(([name, type]) => ({ name, type: entryType(type) }));
  }

  async stat(path: string): Promise<{ type: EntryType; size: number; mtime: number }> {
    const stat = await vscode.workspace.fs.stat(this.toUri(path));
    return { type: targetType(stat.type), size: stat.size, mtime: stat.mtime };
  }

  async readFile(path: string, maxBytes: number): Promise<Uint8Array | undefined> {
    const uri = this.toUri(path);
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > maxBytes) return undefined;
    return vscode.workspace.fs.readFile(uri);
  }
}

// SourceFs over vscode.workspace.fs, so workspace collection works for local, remote and virtual
// folders alike. Paths are the URIs' paths; each maps back to a URI of the folder it lies in.

import * as vscode from 'vscode';
import type { DirEntry, EntryType, SourceFs } from '../../sources/fs';

function entryType(type: vscode.FileType): EntryType {
  if (type & vscode.FileType.SymbolicLink && !(type & vscode.FileType.Directory) && !(type & vscode.FileType.File)) return 'symlink';
  if (type & vscode.FileType.Directory) return 'directory';
  if (type & vscode.FileType.File) return 'file';
  return 'other';
}

export class WorkspaceSourceFs implements SourceFs {
  /** @param roots the URIs collection starts from; a path under one of them maps to its scheme and authority. */
  constructor(private readonly roots: readonly vscode.Uri[]) {}

  toUri(path: string): vscode.Uri {
    const root = this.roots.find((r) => path === r.path || path.startsWith(r.path.endsWith('/') ? r.path : `${r.path}/`)) ?? this.roots[0];
    return root ? root.with({ path }) : vscode.Uri.file(path);
  }

  async readDirectory(path: string): Promise<DirEntry[]> {
    const entries = await vscode.workspace.fs.readDirectory(this.toUri(path));
    // workspace.fs reports a symlink as File|SymbolicLink or Directory|SymbolicLink (already followed);
    // the walker's loop check uses realpath where the provider has one, else the path.
    return entries.map(([name, type]) => ({ name, type: entryType(type) }));
  }

  async stat(path: string): Promise<{ type: EntryType; size: number }> {
    const stat = await vscode.workspace.fs.stat(this.toUri(path));
    return { type: entryType(stat.type), size: stat.size };
  }

  async readFile(path: string, maxBytes: number): Promise<Uint8Array | undefined> {
    const uri = this.toUri(path);
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > maxBytes) return undefined;
    return vscode.workspace.fs.readFile(uri);
  }
}

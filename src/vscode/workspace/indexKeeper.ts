// The workspace index's life in a window: the indexes loaded by earlier runs stay in memory (a warm
// run does not even read the index file), a file watcher per workspace folder marks the files it
// sees change, and the commands rebuild or delete the index files in the extension's storage.
//
// Each run still walks and stats the folder: watchers leave out what files.watcherExclude names
// (node_modules by default) and can drop events under load, so they only add what a stat cannot
// see, a change that keeps a file's size and modification time.

import * as vscode from 'vscode';
import { isPathWithin } from '../../sources/fs';
import { LoadedIndexes, type IndexOptions } from '../../sources/workspaceIndex/collect';
import { createIndexStorage, type IndexStorage } from '../../sources/workspaceIndex/storage';
import { workspaceStorageFs } from './indexStorage';

export class WorkspaceIndexKeeper implements vscode.Disposable {
  private readonly loaded = new LoadedIndexes();
  private readonly watchers = new Map<string, vscode.Disposable>();
  private readonly storage: IndexStorage | undefined;
  /** Index writes still under way: a deletion waits for them, so none brings an index back after it. */
  private readonly writing = new Set<Promise<void>>();

  /** @param storageUri the extension's storage for this workspace; undefined (no folder open) keeps no index. */
  constructor(
    storageUri: vscode.Uri | undefined,
    private readonly producer: string,
  ) {
    const storage = storageUri && createIndexStorage(workspaceStorageFs(storageUri), vscode.Uri.joinPath(storageUri, 'workspace-index').path);
    this.storage = storage && {
      read: (name) => storage.read(name),
      clear: () => storage.clear(),
      write: (name, bytes) => {
        const write = storage.write(name, bytes);
        const settled = write.catch(() => undefined).finally(() => this.writing.delete(settled));
        this.writing.add(settled);
        return write;
      },
    };
  }

  /** What a run over `folders` (workspace folders) needs to use the index, or undefined when there is no storage. */
  optionsFor(folders: readonly vscode.Uri[]): IndexOptions | undefined {
    if (this.storage === undefined) return undefined;
    for (const folder of folders) this.watch(folder);
    return { storage: this.storage, loaded: this.loaded, producer: this.producer };
  }

  /** Forgets the loaded indexes and removes the index files. */
  async delete(): Promise<void> {
    this.loaded.clear();
    await Promise.all(this.writing);
    this.loaded.clear();
    await this.storage?.clear();
  }

  dispose(): void {
    for (const watcher of this.watchers.values()) watcher.dispose();
    this.watchers.clear();
  }

  private watch(folder: vscode.Uri): void {
    const key = folder.toString();
    if (this.watchers.has(key)) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
    const root = folder.path;
    const mark = (uri: vscode.Uri) => {
      if (uri.scheme === folder.scheme && uri.path !== root && isPathWithin(root, uri.path)) this.loaded.markChanged(root, uri.path.slice(root.replace(/\/+$/, '').length + 1));
    };
    const subscriptions = [watcher, watcher.onDidChange(mark), watcher.onDidCreate(mark), watcher.onDidDelete(mark)];
    this.watchers.set(key, vscode.Disposable.from(...subscriptions));
  }
}

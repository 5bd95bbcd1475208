// Index storage over vscode.workspace.fs, in the extension's storage for this workspace
// (context.storageUri): local, remote and web hosts alike. Paths are the storage URI's paths.

import * as vscode from 'vscode';
import type { StorageFs } from '../../sources/workspaceIndex/storage';

const notFound = (err: unknown): boolean => err instanceof vscode.FileSystemError && err.code === 'FileNotFound';

export function workspaceStorageFs(base: vscode.Uri): StorageFs {
  const uri = (path: string) => base.with({ path });
  const fs = vscode.workspace.fs;
  return {
    async readFile(path) {
      try {
        return await fs.readFile(uri(path));
      } catch (err) {
        if (notFound(err)) return undefined;
        throw err;
      }
    },
    writeFile: async (path, bytes) => fs.writeFile(uri(path), bytes),
    rename: async (from, to) => fs.rename(uri(from), uri(to), { overwrite: true }),
    async delete(path) {
      try {
        await fs.delete(uri(path), { useTrash: false });
      } catch (err) {
        if (!notFound(err)) throw err;
      }
    },
    async list(path) {
      try {
        return (await fs.readDirectory(uri(path))).map(([name]) => name);
      } catch (err) {
        if (notFound(err)) return [];
        throw err;
      }
    },
    async modified(path) {
      try {
        return (await fs.stat(uri(path))).mtime;
      } catch (err) {
        if (notFound(err)) return undefined;
        throw err;
      }
    },
    createDirectory: async (path) => fs.createDirectory(uri(path)),
  };
}

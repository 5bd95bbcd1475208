// Where index files live: a folder of the extension's storage, or the CLI's --index DIR, reached
// through a small file system passed in (node:fs in the CLI, workspace.fs in the extension). Each
// write goes to a temp file of its own and is renamed over the index, so a reader, a crash or a
// second window writing at once sees the old index or the new one, never part of one.

import { termHash } from '../../core/termBm25';
import { joinPath } from '../fs';

/** The calls storage needs; each throws when the file system refuses. */
export interface StorageFs {
  /** The file's bytes, or undefined when there is no such file. */
  readFile(path: string): Promise<Uint8Array | undefined>;
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  /** Replaces `to` with `from` in one step. */
  rename(from: string, to: string): Promise<void>;
  delete(path: string): Promise<void>;
  /** Names in a folder, [] when there is no such folder. */
  list(path: string): Promise<string[]>;
  /** Milliseconds since the file changed, or undefined when it is gone. */
  modified(path: string): Promise<number | undefined>;
  createDirectory(path: string): Promise<void>;
}

export interface IndexStorage {
  /** What is stored under `name`, undefined when nothing is. */
  read(name: string): Promise<Uint8Array | undefined>;
  /** Stores `bytes` under `name` whole or not at all. */
  write(name: string, bytes: Uint8Array): Promise<void>;
  /** Removes every index file and temp file of this storage. */
  clear(): Promise<void>;
}

export const INDEX_EXTENSION = '.rrix';
const TEMP_EXTENSION = '.tmp';
/** A temp file this old was left by a writer that died (a write takes seconds at most). */
const STALE_TEMP_MS = 10 * 60_000;

/** The storage's file name for the index of `root`: its folder name (readable) and a hash of its path (unique). */
export function indexName(root: string): string {
  const name = root.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? '';
  return `${name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 40)}-${termHash(root).toString(16).padStart(8, '0')}${INDEX_EXTENSION}`;
}

export function createIndexStorage(fs: StorageFs, folder: string): IndexStorage {
  return {
    read: (name) => fs.readFile(joinPath(folder, name)),
    async write(name, bytes) {
      await fs.createDirectory(folder);
      await removeStaleTemps(fs, folder);
      // A name of its own per write: two writers never share a temp file.
      const temp = joinPath(folder, `${name}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}${TEMP_EXTENSION}`);
      try {
        await fs.writeFile(temp, bytes);
        await fs.rename(temp, joinPath(folder, name));
      } catch (err) {
        await fs.delete(temp).catch(() => undefined);
        throw err;
      }
    },
    async clear() {
      for (const name of await fs.list(folder)) {
        if (name.endsWith(INDEX_EXTENSION) || name.endsWith(TEMP_EXTENSION)) await fs.delete(joinPath(folder, name)).catch(() => undefined);
      }
    },
  };
}

/** Deletes temp files that writers killed mid-write left behind, so they never pile up. */
async function removeStaleTemps(fs: StorageFs, folder: string): Promise<void> {
  const now = Date.now();
  for (const name of await fs.list(folder)) {
    if (!name.endsWith(TEMP_EXTENSION)) continue;
    const path = joinPath(folder, name);
    const modified = await fs.modified(path).catch(() => undefined);
    if (modified !== undefined && now - modified > STALE_TEMP_MS) await fs.delete(path).catch(() => undefined);
  }
}

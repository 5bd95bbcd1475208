// Index storage over node:fs, for the CLI's --index DIR and tests. Only the CLI imports it, so the
// extension bundle does not pull node:fs in through it.

import { promises as fs, readFileSync } from 'node:fs';
import { createIndexStorage, type IndexStorage, type StorageFs } from './workspaceIndex/storage';

const missing = (err: unknown): boolean => (err as NodeJS.ErrnoException)?.code === 'ENOENT';

export const nodeStorageFs: StorageFs = {
  async readFile(path) {
    try {
      // In one call: the promise form reads a large file in 512 KB pieces, each waiting for a turn
      // of the event loop, which a run walking its folders meanwhile keeps busy.
      return readFileSync(path);
    } catch (err) {
      if (missing(err)) return undefined;
      throw err;
    }
  },
  writeFile: (path, bytes) => fs.writeFile(path, bytes),
  rename: (from, to) => fs.rename(from, to),
  delete: (path) => fs.rm(path, { force: true }),
  async list(path) {
    try {
      return await fs.readdir(path);
    } catch (err) {
      if (missing(err)) return [];
      throw err;
    }
  },
  async modified(path) {
    try {
      return (await fs.stat(path)).mtimeMs;
    } catch (err) {
      if (missing(err)) return undefined;
      throw err;
    }
  },
  createDirectory: async (path) => {
    await fs.mkdir(path, { recursive: true });
  },
};

/** Index files kept in `folder` (created on the first write). */
export function nodeIndexStorage(folder: string): IndexStorage {
  return createIndexStorage(nodeStorageFs, folder);
}

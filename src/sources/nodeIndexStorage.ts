// Index storage over node:fs, for the CLI's --index DIR and tests. Only the CLI imports it, so the
// extension bundle does not pull node:fs in through it.

import { promises as fs } from 'node:fs';
import { createIndexStorage, type IndexStorage, type StorageFs } from './workspaceIndex/storage';

const missing = (err: unknown): boolean => (err as NodeJS.ErrnoException)?.code === 'ENOENT';

export const nodeStorageFs: StorageFs = {
  async readFile(path) {
    let file;
    try {
      file = await fs.open(path, 'r');
    } catch (err) {
      if (missing(err)) return undefined;
      throw err;
    }
    try {
      // One read of the whole file on the thread pool, so it goes on while the run walks its
      // folders (the promise form of readFile reads 512 KB at a time, a turn of the event loop each).
      const { size } = await file.stat();
      const bytes = Buffer.allocUnsafe(size);
      let filled = 0;
      while (filled < size) {
        const { bytesRead } = await file.read(bytes, filled, size - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return bytes.subarray(0, filled);
    } finally {
      await file.close();
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

// SourceFs over node:fs, for the CLI and tests.
//
// By default the calls are synchronous under the async interface: on a local disk a file of up
// to the size limit reads in well under a millisecond, and synchronous reads of a large tree
// run about twice as fast as the same reads through libuv's thread pool (bench/sources.mjs;
// 2 cores); the blocking one also reads into a reused buffer (readFileTransient), which the
// collector prefers. The collector yields to the event loop every few milliseconds, so Ctrl-C and
// progress stay prompt. `blocking: false` uses the callback API instead, for hosts that must
// never block (an extension host with a slow network drive).

import * as fs from 'node:fs';
import type { DirEntry, EntryType, SourceFs } from './fs';

export interface NodeFsOptions {
  /** Synchronous calls (default true): fastest; the event loop waits on each call. */
  blocking?: boolean;
}

export function createNodeFs(options: NodeFsOptions = {}): SourceFs {
  return options.blocking === false ? callbackFs : { ...blockingFs, readFileTransient: createReusingReader() };
}

function entryType(entry: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EntryType {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'directory';
  return 'other';
}

/**
 * Pushed, not mapped: map() makes holey arrays, of another kind for an empty folder, and the walk's
 * optimized code was thrown away on the first empty folder.
 */
function dirEntries(dirents: fs.Dirent[]): DirEntry[] {
  const entries: DirEntry[] = [];
  for (const e of dirents) entries.push({ name: e.name, type: entryType(e) });
  return entries;
}

const blockingFs: SourceFs = {
  async readDirectory(path) {
    return dirEntries(fs.readdirSync(path, { withFileTypes: true }));
  },
  async stat(path) {
    const stats = fs.statSync(path);
    return { type: entryType(stats), size: stats.size, mtime: stats.mtimeMs };
  },
  async realpath(path) {
    return fs.realpathSync.native(path);
  },
  async readFile(path, maxBytes) {
    const fd = fs.openSync(path, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      return size > maxBytes ? undefined : readStartSync(fd, size);
    } finally {
      fs.closeSync(fd);
    }
  },
  async readHead(path, bytes) {
    const fd = fs.openSync(path, 'r');
    try {
      return readStartSync(fd, bytes);
    } finally {
      fs.closeSync(fd);
    }
  },
};

/** The first `bytes` bytes of the open file; fewer when it is shorter (a file may shrink while read: keep what was there). */
function readStartSync(fd: number, bytes: number): Buffer {
  const buffer = Buffer.allocUnsafe(bytes);
  let filled = 0;
  while (filled < bytes) {
    const read = fs.readSync(fd, buffer, filled, bytes - filled, filled);
    if (read === 0) break;
    filled += read;
  }
  return buffer.subarray(0, filled);
}

/** First size of a reusing reader's buffer: most source files fit. */
const FIRST_READ_BYTES = 64 << 10;

/**
 * A blocking reader for a thread that is done with each file's bytes before it reads the next
 * (the collector decodes them at once): they land in one reused buffer, so
 * no file costs an allocation and fresh pages, and only files larger than FIRST_READ_BYTES an
 * fstat (whose Stats object costs more than a small file's read). The bytes returned are valid
 * until the next call; undefined for a file over `maxBytes`.
 */
export function createReusingReader(): (path: string, maxBytes: number) => Uint8Array | undefined {
  let buffer = Buffer.allocUnsafe(FIRST_READ_BYTES);
  return (path, maxBytes) => {
    const fd = fs.openSync(path, 'r');
    try {
      let filled = 0;
      for (;;) {
        const room = Math.min(buffer.length, maxBytes + 1);
        if (filled === room) {
          // Full one byte over the limit: the file is over it.
          if (filled > maxBytes || fs.fstatSync(fd).size > maxBytes) return undefined;
          const larger = Buffer.allocUnsafe(Math.min(maxBytes + 1, buffer.length * 4));
          buffer.copy(larger, 0, 0, filled);
          buffer = larger;
          continue;
        }
        const read = fs.readSync(fd, buffer, filled, room - filled, null);
        if (read === 0) return buffer.subarray(0, filled);
        filled += read;
      }
    } finally {
      fs.closeSync(fd);
    }
  };
}

function call<T>(start: (done: (err: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => start((err, value) => (err ? reject(err) : resolve(value))));
}

const callbackFs: SourceFs = {
  async readDirectory(path) {
    return dirEntries(await call<fs.Dirent[]>((done) => fs.readdir(path, { withFileTypes: true }, done)));
  },
  async stat(path) {
    const stats = await call<fs.Stats>((done) => fs.stat(path, done));
    return { type: entryType(stats), size: stats.size, mtime: stats.mtimeMs };
  },
  async realpath(path) {
    return call<string>((done) => fs.realpath.native(path, done));
  },
  async readFile(path, maxBytes) {
    return withOpenFile(path, async (fd) => {
      const { size } = await call<fs.Stats>((done) => fs.fstat(fd, done));
      return size > maxBytes ? undefined : readStart(fd, size);
    });
  },
  async readHead(path, bytes) {
    return withOpenFile(path, (fd) => readStart(fd, bytes));
  },
};

async function withOpenFile<T>(path: string, use: (fd: number) => Promise<T>): Promise<T> {
  const fd = await call<number>((done) => fs.open(path, 'r', done));
  try {
    return await use(fd);
  } finally {
    await call<undefined>((done) => fs.close(fd, (err) => done(err, undefined)));
  }
}

/** readStartSync through the callback API. */
async function readStart(fd: number, bytes: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(bytes);
  let filled = 0;
  while (filled < bytes) {
    const read = await call<number>((done) => fs.read(fd, buffer, filled, bytes - filled, filled, done));
    if (read === 0) break;
    filled += read;
  }
  return buffer.subarray(0, filled);
}

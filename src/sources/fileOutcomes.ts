// The files of one root -> what became of each, in walk order, all in this thread. With a
// synchronous file system, a batch of files a step; otherwise a file at a time, a few files read
// ahead of the one being chunked so an asynchronous file system reads meanwhile.

import { readFileBytes, readFileNow, textOutcome, type FileOutcome, type TextOptions } from './fileCandidates';
import type { SourceFs } from './fs';
import type { FoundFile } from './walk';

export interface FileResult {
  file: FoundFile;
  outcome: FileOutcome;
}

export interface OutcomeSettings {
  maxFileBytes: number;
  /** Files read ahead of the one being chunked. */
  readAhead: number;
  text: TextOptions;
}

/**
 * Files read and chunked in this thread per step of the outcomes: a collection stopped at its
 * candidate limit has done at most this many files more than it keeps.
 */
const SYNC_BATCH_FILES = 16;

/** A read file becomes passages; a file that could not be read keeps the reason it could not. */
function outcomeOf(read: Uint8Array | FileOutcome, settings: OutcomeSettings): FileOutcome {
  return read instanceof Uint8Array ? textOutcome(read, settings.text) : read;
}

/**
 * Outcomes in walk order of the files `found` gives a folder at a time: with a synchronous file
 * system, SYNC_BATCH_FILES at a time (each step of an async generator is a round of promises, and
 * there would be one per small file); otherwise a file at a time, reads running ahead. Stopping
 * early (return) stops the walk.
 */
export async function* fileOutcomes(fs: SourceFs, found: AsyncGenerator<FoundFile[]>, settings: OutcomeSettings): AsyncGenerator<FileResult[]> {
  const readNow = fs.readFileTransient?.bind(fs);
  if (readNow !== undefined) {
    try {
      let results: FileResult[] = [];
      for (let step = await found.next(); !step.done; step = await found.next()) {
        const files = step.value;
        for (let at = 0; at < files.length; ) {
          at = readInto(results, files, at, readNow, settings);
          if (results.length === SYNC_BATCH_FILES) {
            yield results;
            results = [];
          }
        }
      }
      if (results.length > 0) yield results;
    } finally {
      await found.return(undefined);
    }
    return;
  }
  const reader = new ReadAhead(fs, new FileByFile(found), settings);
  try {
    for (let next = await reader.next(); next !== undefined; next = await reader.next()) {
      yield [{ file: next.file, outcome: outcomeOf(next.read, settings) }];
    }
  } finally {
    await reader.stop();
  }
}

/**
 * Reads and chunks files from `at` on into `results` until it holds SYNC_BATCH_FILES; where it
 * stopped. A plain function: V8 compiles an async generator whole, so a small one stays cheap to compile.
 */
function readInto(results: FileResult[], files: readonly FoundFile[], at: number, readNow: (path: string, maxBytes: number) => Uint8Array | undefined, settings: OutcomeSettings): number {
  while (at < files.length && results.length < SYNC_BATCH_FILES) {
    const file = files[at++] as FoundFile;
    results.push({ file, outcome: outcomeOf(readFileNow(readNow, file.path, settings.maxFileBytes), settings) });
  }
  return at;
}

/** A walk's files a folder at a time, taken a file at a time. */
class FileByFile {
  private folder: FoundFile[] = [];
  private at = 0;

  constructor(private readonly folders: AsyncGenerator<FoundFile[]>) {}

  /** The next file, or undefined once the walk is done. */
  async next(): Promise<FoundFile | undefined> {
    while (this.at === this.folder.length) {
      const step = await this.folders.next();
      if (step.done) return undefined;
      this.folder = step.value;
      this.at = 0;
    }
    return this.folder[this.at++];
  }

  /** Ends the walk. */
  async stop(): Promise<void> {
    await this.folders.return(undefined);
  }
}

/** Reads requested `readAhead` files ahead of the one asked for; results in walk order. */
class ReadAhead {
  private readonly pending: { file: FoundFile; read: Promise<Uint8Array | FileOutcome> }[] = [];
  private walked = false;

  constructor(
    private readonly fs: SourceFs,
    private readonly found: FileByFile,
    private readonly settings: OutcomeSettings,
  ) {}

  async next(): Promise<{ file: FoundFile; read: Uint8Array | FileOutcome } | undefined> {
    while (!this.walked && this.pending.length < this.settings.readAhead) {
      const file = await this.found.next();
      if (file === undefined) this.walked = true;
      else this.pending.push({ file, read: readFileBytes(this.fs, file.path, this.settings.maxFileBytes) });
    }
    const head = this.pending.shift();
    return head && { file: head.file, read: await head.read };
  }

  /** Ends the walk; reads still out finish on their own (they never reject). */
  async stop(): Promise<void> {
    this.pending.length = 0;
    await this.found.stop();
  }
}

// The files of one root -> what became of each, in walk order, all in this thread. With a
// synchronous file system, a batch of files a step; otherwise a file at a time, a few files read
// ahead of the one being chunked so an asynchronous file system reads meanwhile.

import { isLargeDataFile } from './defaultExcludes';
import { notText, oversizedOutcome, readFileBytes, readFileNow, textOutcome, type FileOutcome, type TextOptions } from './fileCandidates';
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
  /** Whether a data file over the size threshold is left out (isLargeDataFile). */
  skipLargeData: (file: FoundFile) => boolean;
  /** What the run may hold; counted here, as files are read. */
  budget: ReadBudget;
}

/**
 * The resource bounds of a collection: bytes of text read and passages held. Once one is reached
 * (`full` says which), no further file is read; each is counted as left out instead.
 */
export interface ReadBudget {
  maxBytes: number;
  maxPassages: number;
  bytes: number;
  passages: number;
  full: 'bytes' | 'passages' | undefined;
}

/** Files read and chunked in this thread per step of the outcomes. */
const SYNC_BATCH_FILES = 16;

/**
 * A read file becomes passages, counted against the budget; a file that could not be read keeps
 * the reason it could not. A file that would take the run past a bound is left out whole, and so
 * is every file after it. A binary file is told by its first 8 KB before it is weighed: it holds
 * no text, so it takes nothing of the budget.
 */
export function outcomeOf(file: FoundFile, read: Uint8Array | FileOutcome, settings: OutcomeSettings): FileOutcome {
  if (!(read instanceof Uint8Array)) return read;
  const budget = settings.budget;
  if (budget.full !== undefined) return { kind: 'left-out' };
  const verdict = notText(read);
  if (verdict !== undefined) return verdict;
  if (isLargeDataFile(file.relativePath, read.length) && settings.skipLargeData(file)) return { kind: 'large-data' };
  if (budget.bytes + read.length > budget.maxBytes) {
    budget.full = 'bytes';
    return { kind: 'left-out' };
  }
  const outcome = textOutcome(read, settings.text);
  if (outcome.kind !== 'text') return outcome;
  if (budget.passages + outcome.passages.length > budget.maxPassages) {
    budget.full = 'passages';
    return { kind: 'left-out' };
  }
  budget.bytes += read.length;
  budget.passages += outcome.passages.length;
  return outcome;
}

/** A file not worth reading any more: the budget is spent. */
const LEFT_OUT: FileOutcome = { kind: 'left-out' };

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
            yield await withOversizedSniffed(fs, results);
            results = [];
          }
        }
      }
      if (results.length > 0) yield await withOversizedSniffed(fs, results);
    } finally {
      await found.return(undefined);
    }
    return;
  }
  const reader = new ReadAhead(fs, new FileByFile(found), settings);
  try {
    for (let next = await reader.next(); next !== undefined; next = await reader.next()) {
      yield [{ file: next.file, outcome: outcomeOf(next.file, next.read, settings) }];
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
    const outcome = settings.budget.full === undefined ? outcomeOf(file, readFileNow(readNow, file.path, settings.maxFileBytes), settings) : LEFT_OUT;
    results.push({ file, outcome });
  }
  return at;
}

/** The results with each file over the size limit told binary or too large (oversizedOutcome); they take nothing of the budget either way. */
async function withOversizedSniffed(fs: SourceFs, results: FileResult[]): Promise<FileResult[]> {
  for (const result of results) {
    if (result.outcome.kind === 'too-large') result.outcome = await oversizedOutcome(fs, result.file.path);
  }
  return results;
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
      else if (this.settings.budget.full !== undefined) this.pending.push({ file, read: Promise.resolve(LEFT_OUT) });
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

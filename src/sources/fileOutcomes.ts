// The files of one root -> what became of each, in walk order. Without workers everything runs
// in this thread, reads a few files ahead of the rest so an asynchronous file system reads
// meanwhile. With workers (CollectOptions.workers) this thread walks and the workers read, decode
// and chunk batches of files; when they have enough queued, this thread does the next batch
// itself instead of waiting, so no thread idles whichever is slower on a given tree. Outcomes
// come back in walk order whoever produced them, so results do not depend on where they ran.

import type { Chunker } from '../core/chunk';
import type { ChunkPool, ChunkWorkers } from './chunkBatch';
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
  /** createChunker(text.chunk), for the files chunked in this thread. */
  chunk: Chunker;
}

/** Files per batch: one message each way per batch. */
const BATCH_FILES = 64;
/**
 * Files read and chunked in this thread per step of the outcomes: a collection stopped at its
 * candidate limit has done at most this many files more than it keeps.
 */
const SYNC_BATCH_FILES = 16;
/** Batches done here that may wait behind one still in a worker, before this thread waits too. */
const MAX_BATCHES_AHEAD = 64;

/** The workers of one collection (over all its roots): started once enough was done, closed at the end. */
export class WorkerShare {
  private pool: ChunkPool | undefined;
  private files = 0;

  constructor(private readonly workers: ChunkWorkers | undefined) {}

  get enabled(): boolean {
    return this.workers !== undefined;
  }

  /** The pool to send `files` more to, or undefined when this thread had better do them. */
  poolFor(files: number): ChunkPool | undefined {
    if (this.workers === undefined) return undefined;
    this.files += files;
    if (this.pool === undefined && this.files <= this.workers.startAfterFiles) return undefined;
    this.pool ??= this.workers.start();
    this.pool.poll();
    return this.pool.queuedFiles < this.workers.maxQueuedFiles ? this.pool : undefined;
  }

  /** Takes in the replies that have arrived. */
  poll(): void {
    this.pool?.poll();
  }

  /** Waits for the next reply from the workers. */
  async nextReply(signal: AbortSignal | undefined): Promise<void> {
    await this.pool?.nextReply(signal);
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}

/** A read file becomes passages; a file that could not be read keeps the reason it could not. */
function outcomeOf(read: Uint8Array | FileOutcome, settings: OutcomeSettings): FileOutcome {
  return read instanceof Uint8Array ? textOutcome(read, settings.text, settings.chunk) : read;
}

/**
 * Outcomes in walk order, a file or a batch at a time, of the files `found` gives a folder at a
 * time. Stopping early (return) stops the walk.
 */
export function fileOutcomes(
  fs: SourceFs,
  found: AsyncGenerator<FoundFile[]>,
  settings: OutcomeSettings,
  share: WorkerShare,
  signal: AbortSignal | undefined,
): AsyncGenerator<FileResult[]> {
  return share.enabled ? sharedOutcomes(fs, found, settings, share, signal) : threadOutcomes(fs, found, settings);
}

/**
 * Everything in this thread: with a synchronous file system, SYNC_BATCH_FILES at a time (each step
 * of an async generator is a round of promises, and there would be one per small file); otherwise
 * a file at a time, reads running ahead.
 */
async function* threadOutcomes(fs: SourceFs, found: AsyncGenerator<FoundFile[]>, settings: OutcomeSettings): AsyncGenerator<FileResult[]> {
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
 * stopped. Out of threadOutcomes to keep that async generator small (see countOutcomes in files.ts).
 */
function readInto(results: FileResult[], files: readonly FoundFile[], at: number, readNow: (path: string, maxBytes: number) => Uint8Array | undefined, settings: OutcomeSettings): number {
  while (at < files.length && results.length < SYNC_BATCH_FILES) {
    const file = files[at++] as FoundFile;
    results.push({ file, outcome: outcomeOf(readFileNow(readNow, file.path, settings.maxFileBytes), settings) });
  }
  return at;
}

interface Batch {
  files: FoundFile[];
  outcomes?: FileOutcome[];
  error?: Error;
}

/** Batches of files to the workers, or done here when they have enough queued. */
async function* sharedOutcomes(
  fs: SourceFs,
  folders: AsyncGenerator<FoundFile[]>,
  settings: OutcomeSettings,
  share: WorkerShare,
  signal: AbortSignal | undefined,
): AsyncGenerator<FileResult[]> {
  const queue: Batch[] = [];
  const found = new FileByFile(folders);
  try {
    for (let batch = await nextBatch(found); batch !== undefined; batch = await nextBatch(found)) {
      const pool = share.poolFor(batch.files.length);
      if (pool === undefined) batch.outcomes = await outcomesHere(fs, batch.files, settings);
      else {
        const sent = batch;
        const request = { paths: batch.files.map((f) => f.path), maxFileBytes: settings.maxFileBytes, options: settings.text };
        pool.run(request, (result) => (result instanceof Error ? (sent.error = result) : (sent.outcomes = result)));
      }
      queue.push(batch);
      while (queue[0] !== undefined && (queue[0].outcomes !== undefined || queue[0].error !== undefined || queue.length > MAX_BATCHES_AHEAD)) {
        yield await settled(queue.shift() as Batch, share, signal);
      }
    }
    while (queue[0] !== undefined) yield await settled(queue.shift() as Batch, share, signal);
  } finally {
    await found.stop();
  }
}

async function outcomesHere(fs: SourceFs, files: readonly FoundFile[], settings: OutcomeSettings): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  const readNow = fs.readFileTransient?.bind(fs);
  for (const file of files) {
    const read = readNow ? readFileNow(readNow, file.path, settings.maxFileBytes) : await readFileBytes(fs, file.path, settings.maxFileBytes);
    outcomes.push(outcomeOf(read, settings));
  }
  return outcomes;
}

async function settled(batch: Batch, share: WorkerShare, signal: AbortSignal | undefined): Promise<FileResult[]> {
  for (;;) {
    share.poll();
    if (batch.outcomes !== undefined || batch.error !== undefined) break;
    await share.nextReply(signal);
  }
  if (batch.error) throw batch.error;
  const outcomes = batch.outcomes as FileOutcome[];
  return batch.files.map((file, i) => ({ file, outcome: outcomes[i] as FileOutcome }));
}

async function nextBatch(found: FileByFile): Promise<Batch | undefined> {
  const files: FoundFile[] = [];
  while (files.length < BATCH_FILES) {
    const file = await found.next();
    if (file === undefined) break;
    files.push(file);
  }
  return files.length > 0 ? { files } : undefined;
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

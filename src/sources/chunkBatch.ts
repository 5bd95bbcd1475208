// Reading and chunking off the main thread: what crosses to a worker and back, and the contract a
// pool of workers keeps. The main thread walks; workers read, decode and chunk. Files go out in
// batches of paths (a message costs tens of microseconds, more than a small file's chunking), and
// a batch's passages come back flat (line numbers in one Int32Array, texts in one array), which
// is cheaper to copy between threads than an object per passage. The pool itself is Node's
// (src/sources/chunkPool.ts); this file has no Node imports, so the collector stays free of them.

import type { Passage } from '../core/chunk';
import type { FileOutcome, TextOptions } from './fileCandidates';

/** Main thread -> worker: files to read (each at most `maxFileBytes`) and chunk. */
export interface ChunkRequest {
  id: number;
  paths: string[];
  maxFileBytes: number;
  options: TextOptions;
}

/** A file's outcome with its passages moved to the batch's flat arrays. */
type FlatOutcome = Exclude<FileOutcome, { kind: 'text' }> | (Omit<FileOutcome & { kind: 'text' }, 'passages'> & { passages: number });

/**
 * Worker -> main thread: every file's outcome in batch order. Passages are flat: per passage,
 * `lines` holds its start and end line and where its text is: the range [from, to) of `joined`
 * (the texts of ASCII files, end to end), or with from = -1 the next of `texts`. Many small
 * strings would be copied again by every young-generation collection of the main thread; one
 * large one is allocated where collections leave it in place, and passages become slices of it.
 */
export interface ChunkOutcomes {
  id: number;
  outcomes: FlatOutcome[];
  lines: Int32Array<ArrayBuffer>;
  joined: string;
  texts: string[];
}

/** Worker -> main thread: the outcomes, or why the batch failed. */
export type ChunkReply = ChunkOutcomes | { id: number; error: string };

/** Worker threads that read and chunk batches. Owned by one collection, which closes it. */
export interface ChunkPool {
  /** Files sent and not yet answered, over all workers. */
  readonly queuedFiles: number;
  /** Sends a batch; `done` gets its outcomes in order (or the error) when the reply is taken in. */
  run(request: Omit<ChunkRequest, 'id'>, done: (result: FileOutcome[] | Error) => void): void;
  /** Takes in the replies that have arrived, without waiting: the collector calls it between batches. */
  poll(): void;
  /** Resolves once a reply has been taken in (at once when none is due); rejects when `signal` aborts or a worker fails. */
  nextReply(signal?: AbortSignal): Promise<void>;
  /** Terminates every worker; batches still out get an error. */
  close(): Promise<void>;
}

/**
 * How a collection may use workers: the CLI passes Node's (nodeChunkWorkers in chunkPool.ts).
 * Workers read the walked paths from the local disk themselves, so they go with a SourceFs over
 * that disk (createNodeFs).
 */
export interface ChunkWorkers {
  /** Worker threads the pool starts. */
  threads: number;
  /** Files done in this thread before the pool starts: a small folder is done before a worker is up. */
  startAfterFiles: number;
  /** Files queued for the workers beyond which this thread does the next batch itself. */
  maxQueuedFiles: number;
  start(): ChunkPool;
}

/** Outcomes -> the reply's flat form; `ascii[i]` says file i's text is ASCII (one byte a character). */
export function flattenOutcomes(id: number, outcomes: readonly FileOutcome[], ascii: readonly boolean[]): ChunkOutcomes {
  const count = outcomes.reduce((sum, o) => sum + (o.kind === 'text' ? o.passages.length : 0), 0);
  const lines = new Int32Array(count * 4);
  const joined: string[] = [];
  const texts: string[] = [];
  let at = 0;
  let length = 0;
  const flat = outcomes.map((o, i): FlatOutcome => {
    if (o.kind !== 'text') return o;
    for (const p of o.passages) {
      lines[at++] = p.startLine;
      lines[at++] = p.endLine;
      if (ascii[i]) {
        joined.push(p.text);
        lines[at++] = length;
        lines[at++] = length += p.text.length;
      } else {
        texts.push(p.text);
        lines[at++] = -1;
        lines[at++] = -1;
      }
    }
    return { ...o, passages: o.passages.length };
  });
  return { id, outcomes: flat, lines, joined: joined.join(''), texts };
}

/** The reply's flat form -> outcomes. */
export function unflattenOutcomes(reply: ChunkOutcomes): FileOutcome[] {
  const { lines, joined, texts } = reply;
  let at = 0;
  let next = 0;
  return reply.outcomes.map((o): FileOutcome => {
    if (o.kind !== 'text') return o;
    const passages: Passage[] = [];
    for (let k = 0; k < o.passages; k++, at += 4) {
      const from = lines[at + 2] as number;
      const text = from === -1 ? (texts[next++] as string) : joined.slice(from, lines[at + 3]);
      passages.push({ startLine: lines[at] as number, endLine: lines[at + 1] as number, text });
    }
    return { ...o, passages };
  });
}

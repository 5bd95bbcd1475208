// Node's pool of chunk workers (worker_threads), for the CLI: the main thread walks, workers
// read, decode and chunk (src/sources/chunkWorker.ts, bundled as dist/chunkWorker.js next to
// dist/cli.js). Imported by the CLI alone, like nodeFs.ts, so the extension bundle has no workers.
//
// Each worker answers on a MessageChannel of its own, so the collector can take replies in with
// receiveMessageOnPort between batches, without waiting for a turn of the event loop (blocking
// reads give it none for a long while, and the workers would sit idle meanwhile).

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { cancelledError } from '../core/errors';
import { unflattenOutcomes, type ChunkPool, type ChunkReply, type ChunkRequest, type ChunkWorkers } from './chunkBatch';
import type { FileOutcome } from './fileCandidates';

export const WORKER_SCRIPT = 'chunkWorker.js';
/** More would wait on the main thread, which walks the tree and takes every passage in. */
const MAX_WORKERS = 3;
/**
 * Fewer logical CPUs start no worker. On two (often one core's two hyperthreads, or a small VM)
 * two busy threads each ran at 55-75% of the speed of one alone, and a worker costs its own
 * start-up and compilation: collection came out slower than in one thread (bench/README.md).
 */
const MIN_CPUS = 4;
/** A worker takes ~30 ms to start: this thread does about that many files meanwhile. */
const DEFAULT_START_AFTER_FILES = 500;
/** Files queued per worker: enough to keep it busy between two looks from the main thread. */
const DEFAULT_MAX_QUEUED_FILES = 512;

export interface NodeChunkWorkersOptions {
  /** Worker threads (default: one per logical CPU but this thread's, at most 3, none under 4 CPUs); 0: none. */
  workers?: number;
  /** Path of the worker script (default: chunkWorker.js next to the running bundle). */
  script?: string;
  startAfterFiles?: number;
  /** Per worker. */
  maxQueuedFiles?: number;
}

/**
 * Workers for CollectOptions.workers, or undefined where they would not help or cannot run: too
 * few CPUs, or no worker script (running from the TypeScript sources rather than the bundle).
 */
export function nodeChunkWorkers(options: NodeChunkWorkersOptions = {}): ChunkWorkers | undefined {
  const cpus = availableParallelism();
  const count = options.workers ?? (cpus >= MIN_CPUS ? Math.min(MAX_WORKERS, cpus - 1) : 0);
  const script = options.script ?? path.join(__dirname, WORKER_SCRIPT);
  if (count < 1 || !existsSync(script)) return undefined;
  return {
    threads: count,
    startAfterFiles: options.startAfterFiles ?? DEFAULT_START_AFTER_FILES,
    maxQueuedFiles: (options.maxQueuedFiles ?? DEFAULT_MAX_QUEUED_FILES) * count,
    start: () => startChunkPool(script, count),
  };
}

interface Sent {
  files: number;
  done: (result: FileOutcome[] | Error) => void;
}

interface Thread {
  worker: Worker;
  replies: MessagePort;
  sent: Map<number, Sent>;
  queuedFiles: number;
}

function startChunkPool(script: string, count: number): ChunkPool {
  let nextId = 0;
  let queuedFiles = 0;
  let failure: Error | undefined;
  let closing = false;
  const waiting = new Set<{ resolve: () => void; reject: (err: Error) => void }>();

  const threads: Thread[] = Array.from({ length: count }, () => {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(script, { workerData: { port: port2 }, transferList: [port2] });
    const thread: Thread = { worker, replies: port1, sent: new Map(), queuedFiles: 0 };
    port1.on('message', (reply: ChunkReply) => take(thread, reply));
    // Only batches out keep the process alive: an idle pool someone forgot to close does not.
    port1.unref();
    worker.unref();
    worker.on('error', (err) => fail(new Error(`a chunk worker failed: ${err.message}`)));
    worker.on('exit', (code) => closing || fail(new Error(`a chunk worker exited (code ${code})`)));
    return thread;
  });

  function take(thread: Thread, reply: ChunkReply): void {
    const sent = thread.sent.get(reply.id);
    if (!sent) return;
    thread.sent.delete(reply.id);
    settle(thread, sent);
    sent.done('error' in reply ? new Error(`chunking in a worker failed: ${reply.error}`) : unflattenOutcomes(reply));
    for (const waiter of waiting) waiter.resolve();
    waiting.clear();
  }

  function settle(thread: Thread, sent: Sent): void {
    thread.queuedFiles -= sent.files;
    queuedFiles -= sent.files;
    if (thread.sent.size === 0) thread.replies.unref();
  }

  function fail(err: Error): void {
    failure ??= err;
    for (const thread of threads) {
      for (const sent of thread.sent.values()) {
        settle(thread, sent);
        sent.done(failure);
      }
      thread.sent.clear();
    }
    for (const waiter of waiting) waiter.reject(failure);
    waiting.clear();
  }

  return {
    get queuedFiles() {
      return queuedFiles;
    },
    run(batch: Omit<ChunkRequest, 'id'>, done: (result: FileOutcome[] | Error) => void): void {
      if (failure) return done(failure);
      const thread = threads.reduce((a, b) => (b.queuedFiles < a.queuedFiles ? b : a));
      const request: ChunkRequest = { id: nextId++, ...batch };
      thread.sent.set(request.id, { files: batch.paths.length, done });
      thread.queuedFiles += batch.paths.length;
      queuedFiles += batch.paths.length;
      thread.replies.ref();
      thread.worker.postMessage(request);
    },
    poll(): void {
      for (const thread of threads) {
        for (let m = receiveMessageOnPort(thread.replies); m !== undefined; m = receiveMessageOnPort(thread.replies)) {
          take(thread, m.message as ChunkReply);
        }
      }
    },
    nextReply(signal?: AbortSignal): Promise<void> {
      if (failure) return Promise.reject(failure);
      if (signal?.aborted) return Promise.reject(cancelledError());
      // With nothing out no reply will come, and nothing would keep the process alive to wait.
      if (queuedFiles === 0) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const onAbort = (): void => {
          waiting.delete(waiter);
          reject(cancelledError());
        };
        const waiter = {
          resolve: () => (signal?.removeEventListener('abort', onAbort), resolve()),
          reject: (err: Error) => (signal?.removeEventListener('abort', onAbort), reject(err)),
        };
        waiting.add(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    async close(): Promise<void> {
      closing = true;
      fail(new Error('the chunk pool was closed'));
      await Promise.all(threads.map((t) => (t.replies.close(), t.worker.terminate())));
    },
  };
}

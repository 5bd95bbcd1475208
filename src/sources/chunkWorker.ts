// The worker thread of src/sources/chunkPool.ts (bundled as dist/chunkWorker.js): reads, decodes
// and chunks the batches of files it is sent, answering each on the port it was given.

import { isAscii } from 'node:buffer';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { createChunker, type Chunker } from '../core/chunk';
import { flattenOutcomes, type ChunkReply, type ChunkRequest } from './chunkBatch';
import { readFileNow, textOutcome, type FileOutcome } from './fileCandidates';
import { createReusingReader } from './nodeFs';

type Read = (path: string, maxBytes: number) => Uint8Array | undefined;

serveChunkRequests();

function serveChunkRequests(): void {
  const parent = parentPort;
  const replies = (workerData as { port?: MessagePort } | undefined)?.port;
  if (!parent || !replies) throw new Error('chunkWorker.js runs as a worker thread of the chunk pool');
  // One reader for the worker's life: its buffer is reused from file to file.
  const read = createReusingReader();
  parent.on('message', (request: ChunkRequest) => {
    let reply: ChunkReply;
    try {
      const chunk = createChunker(request.options.chunk);
      const ascii: boolean[] = [];
      const outcomes = request.paths.map((path) => outcomeOf(path, read, request, chunk, ascii));
      reply = flattenOutcomes(request.id, outcomes, ascii);
    } catch (err) {
      reply = { id: request.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    }
    replies.postMessage(reply, 'lines' in reply ? [reply.lines.buffer] : []);
  });
}

/** What the collector's own reading and textOutcome give; notes whether the text is ASCII. */
function outcomeOf(path: string, read: Read, request: ChunkRequest, chunk: Chunker, ascii: boolean[]): FileOutcome {
  const bytes = readFileNow(read, path, request.maxFileBytes);
  ascii.push(bytes instanceof Uint8Array && isAscii(bytes));
  return bytes instanceof Uint8Array ? textOutcome(bytes, request.options, chunk) : bytes;
}

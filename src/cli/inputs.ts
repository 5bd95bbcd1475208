// Reading the CLI's --docs and --queries files. Every problem names the file and line and exits 2.
// PATH arguments go through src/sources (walking, ignore rules, chunking) like the extension's.

import { constants as fsConstants, open as openFd, promises as fs } from 'node:fs';
import { Socket } from 'node:net';
import { addAbortSignal, type Readable } from 'node:stream';
import { RerankError, cancelledError } from '../core/errors';
import { describeGuard, guardPassages } from '../core/secretGuard';
import type { SecretPolicy } from '../core/secrets';
import type { Candidate } from '../core/types';

export interface QuerySpec {
  id: string;
  query: string;
}

/** A file's text (or stdin's, for "-"), read until `signal` aborts; bytes that are not UTF-8 are refused. */
export async function readText(file: string, stdin: () => Promise<string>, signal?: AbortSignal): Promise<string> {
  if (file === '-') return stdin();
  return decodeUtf8(await readBytes(file, signal), file);
}

async function readBytes(file: string, signal: AbortSignal | undefined): Promise<Uint8Array> {
  try {
    // A FIFO (mkfifo, <(command)) waits for its writer, in open() and in read(): a wait in Node's
    // thread pool that no signal can end and that even process.exit() waits for. Opened without
    // blocking and read as a stream, the wait ends when the signal aborts.
    if ((await fs.stat(file)).isFIFO()) return await readStream(await openFifo(file), signal);
    return await fs.readFile(file, signal ? { signal } : {});
  } catch (err) {
    if (signal?.aborted) throw cancelledError();
    throw new RerankError('bad-input', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function openFifo(file: string): Promise<Socket> {
  return new Promise((resolve, reject) =>
    openFd(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK, (err, fd) => (err ? reject(err) : resolve(new Socket({ fd, readable: true, writable: false })))),
  );
}

/** All of a stream (stdin, a FIFO); on abort the stream is destroyed and the cancellation error thrown. */
export async function readStream(stream: Readable, signal?: AbortSignal): Promise<Buffer> {
  if (signal) addAbortSignal(signal, stream);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  } catch (err) {
    if (signal?.aborted) throw cancelledError();
    throw err;
  }
  return Buffer.concat(chunks);
}

/** Decodes strictly, dropping a byte order mark: U+FFFD in place of bad bytes would change what is ranked. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of UTF-8 bytes; bytes that are not UTF-8 are refused with the line they are on. */
export function decodeUtf8(bytes: Uint8Array, name: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new RerankError('bad-input', `${name}:${lineOfBadUtf8(bytes)}: not valid UTF-8; save or convert it as UTF-8 (e.g. iconv -t UTF-8)`);
  }
}

/** The 1-based line of the first bytes that are not UTF-8 ("\n" is never part of a multi-byte character). */
function lineOfBadUtf8(bytes: Uint8Array): number {
  let line = 1;
  for (let start = 0; start <= bytes.length; line++) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end === -1 ? bytes.length : end;
    try {
      utf8.decode(bytes.subarray(start, stop));
    } catch {
      return line;
    }
    start = stop + 1;
  }
  return line;
}

/** A JSON array of strings, or JSONL with a string or an object with "text" per line. */
export function parseDocs(text: string, name: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (err) {
      throw new RerankError('bad-input', `${name}: not valid JSON (${(err as Error).message})`);
    }
    const docs = value as unknown[];
    docs.forEach((doc, i) => {
      if (typeof doc !== 'string') throw new RerankError('bad-input', `${name}: element ${i} is not a string`);
    });
    return docs as string[];
  }
  return parseJsonLines(text, name, (value, where) => {
    if (typeof value === 'string') return value;
    const t = (value as { text?: unknown } | null)?.text;
    if (typeof t === 'string') return t;
    throw new RerankError('bad-input', `${where}: expected a string or an object with a string "text"`);
  });
}

export function parseQueries(text: string, name: string): QuerySpec[] {
  const queries = parseJsonLines(text, name, (value, where) => {
    const v = value as { id?: unknown; query?: unknown } | null;
    if (typeof v?.query !== 'string' || v.query.trim() === '') throw new RerankError('bad-input', `${where}: expected {"id", "query"} with a non-empty "query"`);
    if (typeof v.id !== 'string' && typeof v.id !== 'number') throw new RerankError('bad-input', `${where}: "id" must be a string or a number`);
    return { id: String(v.id), query: v.query };
  });
  if (queries.length === 0) throw new RerankError('bad-input', `${name} holds no queries`);
  // Each output line carries its query's id: two queries with one id could not be told apart.
  const seen = new Set<string>();
  for (const q of queries) {
    if (seen.has(q.id)) throw new RerankError('bad-input', `${name}: the id ${JSON.stringify(q.id)} is used by more than one query; give each query its own id`);
    seen.add(q.id);
  }
  return queries;
}

function parseJsonLines<T>(text: string, name: string, read: (value: unknown, where: string) => T): T[] {
  const out: T[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    const where = `${name} line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new RerankError('bad-input', `${where}: not valid JSON (${(err as Error).message})`);
    }
    out.push(read(value, where));
  }
  return out;
}

/**
 * The docs as candidates, each with its position in the input. With a policy (text bound for a
 * remote ranker or a prompt) every doc passes the secret guard first; `notes` say what it did.
 */
export function docsToCandidates(docs: readonly string[], policy?: SecretPolicy): { candidates: Candidate[]; notes: string[] } {
  const guarded = policy === undefined ? { texts: docs, kept: docs.map((_, i) => i), redacted: 0, omitted: [] } : guardPassages(docs, policy);
  const candidates = guarded.kept.map((index, i): Candidate => ({ id: String(index), text: guarded.texts[i] as string, source: { kind: 'input', index } }));
  return { candidates, notes: describeGuard(guarded.redacted, guarded.omitted.length) };
}

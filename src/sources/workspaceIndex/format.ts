// The index file of one root: a fixed head (magic, format version, checksum, header length), a JSON
// header (what it was built with, and per file its size, mtime, outcome and section lengths), then
// three sections every file's data is cut from without copying: passage numbers and term pairs
// (32-bit words) and passage texts (UTF-8). A file that is short, altered, of another version or
// built for other settings decodes to undefined, and the index is rebuilt rather than trusted.

import { META_WORDS, type FileRecord, type RecordKind } from './record';

const MAGIC = 0x58495252; // "RRIX" read as a little-endian word
/** Bump when the layout or what a record means changes (chunking, tokens, secrets): old files are rebuilt. */
export const INDEX_FORMAT_VERSION = 1;
const HEAD_BYTES = 16;

/** What an index file holds. */
export interface IndexData {
  /** The settings and code the passages were made with (see indexFingerprint). */
  fingerprint: string;
  /** Relative path -> record. */
  records: Map<string, FileRecord>;
}

type HeaderFile = [path: string, size: number, mtime: number, kind: RecordKind, why: string, bytes: number, flags: number, secretsRedacted: number, passagesOmitted: number, passages: number, pairs: number, textBytes: number];

interface Header {
  fingerprint: string;
  files: HeaderFile[];
}

export function encodeIndex(data: IndexData): Uint8Array {
  const files: HeaderFile[] = [];
  let metaWords = 0;
  let pairWords = 0;
  let textBytes = 0;
  for (const [path, r] of data.records) {
    files.push([path, r.size, r.mtime, r.kind, r.why, r.bytes, r.empty ? 1 : 0, r.secretsRedacted, r.passagesOmitted, r.meta.length / META_WORDS, r.pairs.length / 2, r.text.length]);
    metaWords += r.meta.length;
    pairWords += r.pairs.length;
    textBytes += r.text.length;
  }
  const header = new TextEncoder().encode(JSON.stringify({ fingerprint: data.fingerprint, files } satisfies Header));
  const headerEnd = align4(HEAD_BYTES + header.length);
  const wordsEnd = headerEnd + 4 * (metaWords + pairWords);
  const total = align4(wordsEnd + textBytes);
  const bytes = new Uint8Array(total);
  const words = new Uint32Array(bytes.buffer);
  bytes.set(header, HEAD_BYTES);
  let word = headerEnd / 4;
  for (const r of data.records.values()) {
    words.set(r.meta, word);
    word += r.meta.length;
  }
  for (const r of data.records.values()) {
    words.set(r.pairs, word);
    word += r.pairs.length;
  }
  let at = wordsEnd;
  for (const r of data.records.values()) {
    bytes.set(r.text, at);
    at += r.text.length;
  }
  words[0] = MAGIC;
  words[1] = INDEX_FORMAT_VERSION;
  words[3] = header.length;
  words[2] = checksum(words, 3);
  return bytes;
}

/** The index in `bytes`, or undefined when they are not a whole, unaltered index file of this version. */
export function decodeIndex(input: Uint8Array): IndexData | undefined {
  if (input.length < HEAD_BYTES || input.length % 4 !== 0) return undefined;
  // Word views need an aligned start; a buffer cut from a pool may not have one.
  const bytes = input.byteOffset % 4 === 0 ? input : input.slice();
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  if (words[0] !== MAGIC || words[1] !== INDEX_FORMAT_VERSION || words[2] !== checksum(words, 3)) return undefined;
  const headerLength = words[3] as number;
  if (HEAD_BYTES + headerLength > bytes.length) return undefined;
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(HEAD_BYTES, HEAD_BYTES + headerLength))) as Header;
  } catch {
    return undefined;
  }
  if (typeof header?.fingerprint !== 'string' || !Array.isArray(header.files)) return undefined;
  let metaWords = 0;
  let pairWords = 0;
  let textBytes = 0;
  for (const f of header.files) {
    metaWords += f[9] * META_WORDS;
    pairWords += f[10] * 2;
    textBytes += f[11];
  }
  const headerEnd = align4(HEAD_BYTES + headerLength);
  const wordsEnd = headerEnd + 4 * (metaWords + pairWords);
  if (align4(wordsEnd + textBytes) !== bytes.length) return undefined;
  const records = new Map<string, FileRecord>();
  let meta = headerEnd / 4;
  let pair = meta + metaWords;
  let text = wordsEnd;
  for (const [path, size, mtime, kind, why, fileBytes, flags, secretsRedacted, passagesOmitted, passages, pairs, length] of header.files) {
    records.set(path, {
      size,
      mtime,
      kind,
      why,
      bytes: fileBytes,
      empty: flags === 1,
      secretsRedacted,
      passagesOmitted,
      meta: words.subarray(meta, meta + passages * META_WORDS),
      pairs: words.subarray(pair, pair + pairs * 2),
      text: bytes.subarray(text, text + length),
    });
    meta += passages * META_WORDS;
    pair += pairs * 2;
    text += length;
  }
  return { fingerprint: header.fingerprint, records };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/** A 32-bit FNV-1a over the words from `from` on: enough to tell a damaged or cut file. */
function checksum(words: Uint32Array, from: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < words.length; i++) h = Math.imul(h ^ (words[i] as number), 0x01000193);
  return h >>> 0;
}

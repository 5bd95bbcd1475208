// What the workspace index keeps of one file: the size and modification time it was read at, what
// became of it (text, binary, not UTF-8, too large), the secret policy's verdicts, and for text its
// passages (line ranges, text after the secret policy, and the term data BM25 needs). Texts are
// kept as UTF-8 bytes and decoded only for the passages a run hands on.

import type { Passage } from '../../core/chunk';
import { TermCounter, type TermBlock } from '../../core/termBm25';
import type { Candidate } from '../../core/types';
import type { FileOutcome } from '../fileCandidates';
import { passageCandidates } from '../fileCandidates';

/** Numbers kept per passage in FileRecord.meta. */
export const META_WORDS = 5;

export type RecordKind = 'text' | 'binary' | 'undecodable' | 'too-large';

export interface FileRecord {
  size: number;
  /** Milliseconds; RECHECK when it was too recent to trust (the clock's resolution could hide a change). */
  mtime: number;
  kind: RecordKind;
  /** Why a file is undecodable ("UTF-16"), else "". */
  why: string;
  /** Bytes of text read. */
  bytes: number;
  empty: boolean;
  secretsRedacted: number;
  passagesOmitted: number;
  /** Per passage: start line, end line, token count, term pairs, end of its text in the decoded `text`. */
  meta: Uint32Array;
  /** (term hash, count) pairs, passage after passage. */
  pairs: Uint32Array;
  /** UTF-8 of the passages' texts, one after another. */
  text: Uint8Array;
}

/** An mtime that never matches a file's: the record is read again on the next run. */
export const RECHECK = -1;
/** A file changed this recently may change again without its mtime moving: trust it on a later run. */
const RACY_MS = 2_000;

/** What the index keeps of a file read at `stat`, or undefined for an outcome worth trying again (unreadable). */
export function recordOf(outcome: FileOutcome, stat: { size: number; mtime?: number }, readBytes: number | undefined, now: number): FileRecord | undefined {
  if (outcome.kind !== 'text' && outcome.kind !== 'binary' && outcome.kind !== 'undecodable' && outcome.kind !== 'too-large') return undefined;
  // A size other than the stat's means the file changed while it was read.
  const trusted = stat.mtime !== undefined && (readBytes === undefined || readBytes === stat.size) && now - stat.mtime >= RACY_MS;
  const record: FileRecord = {
    size: stat.size,
    mtime: trusted ? (stat.mtime as number) : RECHECK,
    kind: outcome.kind,
    why: outcome.kind === 'undecodable' ? outcome.why : '',
    bytes: 0,
    empty: false,
    secretsRedacted: 0,
    passagesOmitted: 0,
    meta: new Uint32Array(0),
    pairs: new Uint32Array(0),
    text: new Uint8Array(0),
  };
  if (outcome.kind !== 'text') return record;
  record.bytes = outcome.bytes;
  record.empty = outcome.empty;
  record.secretsRedacted = outcome.secretsRedacted;
  record.passagesOmitted = outcome.passagesOmitted;
  const meta = new Uint32Array(outcome.passages.length * META_WORDS);
  const pairs: number[] = [];
  let end = 0;
  const counter = new TermCounter();
  outcome.passages.forEach((p, i) => {
    const terms = counter.count(p.text);
    end += p.text.length;
    meta.set([p.startLine, p.endLine, terms.length, terms.pairs.length / 2, end], i * META_WORDS);
    for (const n of terms.pairs) pairs.push(n);
  });
  record.meta = meta;
  record.pairs = Uint32Array.from(pairs);
  record.text = new TextEncoder().encode(outcome.passages.map((p) => p.text).join(''));
  return record;
}

/** The outcome a record stands for, to count in a report (its passages are not decoded). */
export function outcomeOfRecord(record: FileRecord): FileOutcome {
  switch (record.kind) {
    case 'binary':
      return { kind: 'binary' };
    case 'too-large':
      return { kind: 'too-large' };
    case 'undecodable':
      return { kind: 'undecodable', why: record.why };
    case 'text':
      return { kind: 'text', passages: [], bytes: record.bytes, empty: record.empty, secretsRedacted: record.secretsRedacted, passagesOmitted: record.passagesOmitted };
  }
}

export function passageCount(record: FileRecord): number {
  return record.meta.length / META_WORDS;
}

/** The record's term data, for searchTermBlocks. */
export function termBlock(record: FileRecord): TermBlock {
  return { passages: passageCount(record), stats: record.meta.subarray(2), stride: META_WORDS, pairs: record.pairs };
}

/** Decodes without state between calls (no `stream`), so one serves every record. */
const UTF8 = new TextDecoder();

/** The record's passages, texts decoded. */
export function recordPassages(record: FileRecord): Passage[] {
  const text = UTF8.decode(record.text);
  const passages: Passage[] = [];
  let start = 0;
  for (let at = 0; at < record.meta.length; at += META_WORDS) {
    const end = record.meta[at + 4] as number;
    passages.push({ startLine: record.meta[at] as number, endLine: record.meta[at + 1] as number, text: text.slice(start, end) });
    start = end;
  }
  return passages;
}

/** The record's passages as candidates, as fileCandidates makes them from a fresh read. */
export function recordCandidates(record: FileRecord, relativePath: string, rootLabel: string): Candidate[] {
  return passageCandidates(recordPassages(record), relativePath, rootLabel);
}

// One file -> its candidates, in three steps: read within the size limit (readFileBytes, where
// the file system is), turn bytes into an outcome (textOutcome: tell text from binary and from
// other encodings, deal with likely secrets per the policy, chunk), and count the outcome and
// give each passage its source (fileCandidates).

import { chunkText, type ChunkOptions, type Passage } from '../core/chunk';
import { guardText } from '../core/secretGuard';
import type { SecretPolicy } from '../core/secrets';
import type { Candidate } from '../core/types';
import { errorReason, type SourceFs } from './fs';
import { noteUndecodable, noteUnreadable, type RootReport } from './report';

/** Bytes sniffed for a NUL, as git and ripgrep do, to call a file binary. */
const BINARY_SNIFF_BYTES = 8192;

/** What turning bytes into passages needs. */
export interface TextOptions {
  chunk: ChunkOptions | undefined;
  /** The policy for likely secrets, or undefined when the text stays on this machine. */
  secretPolicy: SecretPolicy | undefined;
}

/** What became of one file. */
export type FileOutcome =
  | {
      kind: 'text';
      passages: Passage[];
      /** Bytes of the file. */
      bytes: number;
      /** Nothing but whitespace. */
      empty: boolean;
      secretsRedacted: number;
      passagesOmitted: number;
    }
  | { kind: 'binary' }
  | { kind: 'undecodable'; why: string }
  | { kind: 'too-large' }
  /** A data file (CSV, JSON, ...) over LARGE_DATA_FILE.minBytes, left out by default. */
  | { kind: 'large-data' }
  /** Not read: a bound of the run (bytes read, passages held) was reached first. */
  | { kind: 'left-out' }
  | { kind: 'unreadable'; reason: string };

/**
 * Why bytes are not text, before decoding them: UTF-16 (by its byte order mark), or binary (a NUL
 * in the first 8 KB); undefined when they may be text. Whether they are UTF-8 decoding tells:
 * strictly, since a wrong guess would corrupt what is ranked.
 */
export function notText(bytes: Uint8Array): FileOutcome | undefined {
  // UTF-16 text is full of NULs: name it rather than calling it binary.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { kind: 'undecodable', why: 'UTF-16' };
  }
  return bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0) ? { kind: 'binary' } : undefined;
}

/** The file's bytes, or the outcome that makes reading them pointless or impossible. */
export async function readFileBytes(fs: SourceFs, path: string, maxFileBytes: number): Promise<Uint8Array | FileOutcome> {
  try {
    return (await fs.readFile(path, maxFileBytes)) ?? (await oversizedOutcome(fs, path));
  } catch (err) {
    return { kind: 'unreadable', reason: errorReason(err) };
  }
}

/**
 * A file over the size limit: binary when its first 8 KB say so (read without the rest, where the
 * file system can), else too large. A binary file is reported as one whatever its size.
 */
export async function oversizedOutcome(fs: SourceFs, path: string): Promise<FileOutcome> {
  if (fs.readHead === undefined) return { kind: 'too-large' };
  try {
    return notText(await fs.readHead(path, BINARY_SNIFF_BYTES))?.kind === 'binary' ? { kind: 'binary' } : { kind: 'too-large' };
  } catch {
    return { kind: 'too-large' };
  }
}

/** readFileBytes through SourceFs.readFileTransient: the bytes are valid until its next call. */
export function readFileNow(read: (path: string, maxBytes: number) => Uint8Array | undefined, path: string, maxFileBytes: number): Uint8Array | FileOutcome {
  try {
    return read(path, maxFileBytes) ?? { kind: 'too-large' };
  } catch (err) {
    return { kind: 'unreadable', reason: errorReason(err) };
  }
}

/** Decodes, applies the secret policy and chunks: everything between the bytes and the report. */
export function textOutcome(bytes: Uint8Array, options: TextOptions): FileOutcome {
  const verdict = notText(bytes);
  if (verdict !== undefined) return verdict;
  const text = decodeUtf8(bytes);
  if (text === undefined) return { kind: 'undecodable', why: '' };
  const outcome = passagesOf(text, chunkText(text, options.chunk), options, bytes.length);
  if (outcome.passages.length === 0 && text.trim() === '') outcome.empty = true;
  return outcome;
}

/** The text UTF-8 bytes hold, or undefined when they are not UTF-8; a byte order mark in front is dropped, as an editor does. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Counts the outcome in the report and makes the file's candidates; `root` is the root's label ("" for a single root). */
export function fileCandidates(outcome: FileOutcome, relativePath: string, report: RootReport, root: string): Candidate[] {
  return countOutcome(outcome, relativePath, report) ? passageCandidates(outcome.passages, relativePath, root) : [];
}

/** Counts the outcome in the report; whether it is text, with passages to make candidates of. */
export function countOutcome(outcome: FileOutcome, relativePath: string, report: RootReport): outcome is FileOutcome & { kind: 'text' } {
  report.filesMatched++;
  switch (outcome.kind) {
    case 'too-large':
      report.tooLarge++;
      return false;
    case 'unreadable':
      noteUnreadable(report, relativePath, outcome.reason);
      return false;
    case 'binary':
      report.binary++;
      return false;
    case 'large-data':
      report.largeData++;
      return false;
    case 'left-out':
      report.leftOut++;
      return false;
    case 'undecodable':
      noteUndecodable(report, relativePath, outcome.why);
      return false;
    case 'text':
      break;
  }
  report.filesRead++;
  if (outcome.empty) report.empty++;
  report.secretsRedacted += outcome.secretsRedacted;
  report.passagesOmitted += outcome.passagesOmitted;
  return true;
}

/** A file's passages as candidates; `root` is the root's label ("" for a single root). */
export function passageCandidates(passages: readonly Passage[], relativePath: string, root: string): Candidate[] {
  const idPrefix = root === '' ? '' : `${root}/`;
  return passages.map((p): Candidate => {
    const range = { startLine: p.startLine, endLine: p.endLine };
    return {
      id: `${idPrefix}${relativePath}:${p.startLine}-${p.endLine}`,
      text: p.text,
      source: root === '' ? { kind: 'file', path: relativePath, range } : { kind: 'file', path: relativePath, root, range },
    };
  });
}

/** The text's `passages` after the secret policy: redacted in place, or left out whole. */
function passagesOf(text: string, passages: Passage[], options: TextOptions, bytes: number): FileOutcome & { kind: 'text' } {
  const outcome: FileOutcome & { kind: 'text' } = { kind: 'text', passages, empty: false, secretsRedacted: 0, passagesOmitted: 0, bytes };
  if (options.secretPolicy === undefined) return outcome;
  const guarded = guardText(text, options.secretPolicy);
  const findings = guarded.findings;
  if (findings.length === 0) return outcome;
  if (options.secretPolicy === 'redact') {
    outcome.secretsRedacted = findings.length;
    // Redaction keeps every line break, so line ranges still point at the right lines.
    outcome.passages = chunkText(guarded.text, options.chunk);
  } else {
    outcome.passages = passages.filter((p) => !findings.some((f) => f.startLine <= p.endLine && f.endLine >= p.startLine));
    outcome.passagesOmitted = passages.length - outcome.passages.length;
  }
  return outcome;
}

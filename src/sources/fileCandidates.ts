// One file -> its candidates, in three steps that can run apart: read within the size limit
// (readFileBytes, where the file system is), turn bytes into an outcome (textOutcome: tell text
// from binary and from other encodings, deal with likely secrets per the policy, chunk; pure, so
// it runs in this thread or in a worker), and count the outcome and give each passage its
// source (fileCandidates, in walk order, so reports do not depend on where the work ran).

import { createChunker, type ChunkOptions, type Chunker, type Passage } from '../core/chunk';
import { findSecrets, redactSecrets, type SecretPolicy } from '../core/secrets';
import type { Candidate } from '../core/types';
import { errorReason, type SourceFs } from './fs';
import { noteUndecodable, noteUnreadable, type RootReport } from './report';

/** Bytes sniffed for a NUL, as git and ripgrep do, to call a file binary. */
const BINARY_SNIFF_BYTES = 8192;

/** What turning bytes into passages needs: plain data, so it can be posted to a worker. */
export interface TextOptions {
  chunk: ChunkOptions | undefined;
  /** The policy for likely secrets, or undefined when the text stays on this machine. */
  secretPolicy: SecretPolicy | undefined;
}

/** What became of one file. Plain data, so it can come back from a worker. */
export type FileOutcome =
  | {
      kind: 'text';
      passages: Passage[];
      /** Nothing but whitespace. */
      empty: boolean;
      secretsRedacted: number;
      passagesOmitted: number;
    }
  | { kind: 'binary' }
  | { kind: 'undecodable'; why: string }
  | { kind: 'too-large' }
  | { kind: 'unreadable'; reason: string };

/** Decoded text, or why there is none. Strict UTF-8: a wrong guess would corrupt what is ranked. */
export type DecodedText = { text: string } | { binary: true } | { undecodable: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeText(bytes: Uint8Array): DecodedText {
  // UTF-16 text is full of NULs: name it rather than calling it binary.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { undecodable: 'UTF-16' };
  }
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { binary: true };
  try {
    // The decoder drops a UTF-8 byte order mark, as an editor does.
    return { text: utf8.decode(bytes) };
  } catch {
    return { undecodable: '' };
  }
}

/** The file's bytes, or the outcome that makes reading them pointless or impossible. */
export async function readFileBytes(fs: SourceFs, path: string, maxFileBytes: number): Promise<Uint8Array | FileOutcome> {
  try {
    return (await fs.readFile(path, maxFileBytes)) ?? { kind: 'too-large' };
  } catch (err) {
    return { kind: 'unreadable', reason: errorReason(err) };
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

/**
 * Decodes, applies the secret policy and chunks: everything between the bytes and the report.
 * `chunk` is createChunker(options.chunk), made once for many files.
 */
export function textOutcome(bytes: Uint8Array, options: TextOptions, chunk: Chunker = createChunker(options.chunk)): FileOutcome {
  const decoded = decodeText(bytes);
  if ('binary' in decoded) return { kind: 'binary' };
  if ('undecodable' in decoded) return { kind: 'undecodable', why: decoded.undecodable };
  const outcome = passagesOf(decoded.text, bytes, options, chunk);
  if (outcome.passages.length === 0 && decoded.text.trim() === '') outcome.empty = true;
  return outcome;
}

/** Counts the outcome in the report and makes the file's candidates; `root` is the root's label ("" for a single root). */
export function fileCandidates(outcome: FileOutcome, relativePath: string, report: RootReport, root: string): Candidate[] {
  report.filesMatched++;
  switch (outcome.kind) {
    case 'too-large':
      report.tooLarge++;
      return [];
    case 'unreadable':
      noteUnreadable(report, relativePath, outcome.reason);
      return [];
    case 'binary':
      report.binary++;
      return [];
    case 'undecodable':
      noteUndecodable(report, relativePath, outcome.why);
      return [];
    case 'text':
      break;
  }
  report.filesRead++;
  if (outcome.empty) report.empty++;
  report.secretsRedacted += outcome.secretsRedacted;
  report.passagesOmitted += outcome.passagesOmitted;
  const idPrefix = root === '' ? '' : `${root}/`;
  // Pushed, not mapped: map() makes holey arrays (of yet another kind when empty), and each new
  // kind of array threw away the collector's optimized code once more.
  const candidates: Candidate[] = [];
  for (const p of outcome.passages) {
    const range = { startLine: p.startLine, endLine: p.endLine };
    candidates.push({
      id: `${idPrefix}${relativePath}:${p.startLine}-${p.endLine}`,
      text: p.text,
      source: root === '' ? { kind: 'file', path: relativePath, range } : { kind: 'file', path: relativePath, root, range },
    });
  }
  return candidates;
}

/** Passages of the text, after the secret policy: redacted in place, or left out whole. */
/** `utf8`: the bytes `text` was decoded from. */
function passagesOf(text: string, utf8: Uint8Array, options: TextOptions, chunk: Chunker): FileOutcome & { kind: 'text' } {
  const outcome = { kind: 'text' as const, passages: [] as Passage[], empty: false, secretsRedacted: 0, passagesOmitted: 0 };
  const findings = options.secretPolicy === undefined ? [] : findSecrets(text);
  if (findings.length === 0) outcome.passages = chunk(text, utf8);
  else if (options.secretPolicy === 'redact') {
    outcome.secretsRedacted = findings.length;
    // Redaction keeps every line break, so line ranges still point at the right lines.
    outcome.passages = chunk(redactSecrets(text, findings));
  } else {
    const passages = chunk(text, utf8);
    outcome.passages = passages.filter((p) => !findings.some((f) => f.startLine <= p.endLine && f.endLine >= p.startLine));
    outcome.passagesOmitted = passages.length - outcome.passages.length;
  }
  return outcome;
}

// One file -> its candidates: read within the size limit, tell text from binary and from other
// encodings, deal with likely secrets per the policy, chunk, and give each passage its source.

import { chunkText, type ChunkOptions, type Passage } from '../core/chunk';
import { findSecrets, redactSecrets, type SecretPolicy } from '../core/secrets';
import type { Candidate } from '../core/types';
import { errorReason, type SourceFs } from './fs';
import { noteUndecodable, noteUnreadable, type RootReport } from './report';

/** Bytes sniffed for a NUL, as git and ripgrep do, to call a file binary. */
const BINARY_SNIFF_BYTES = 8192;

export interface FileCandidateOptions {
  maxFileBytes: number;
  chunk: ChunkOptions | undefined;
  /** The policy for likely secrets, or undefined when the text stays on this machine. */
  secretPolicy: SecretPolicy | undefined;
  /** Prepended to candidate ids ("app/" with several roots), so ids stay unique. */
  idPrefix: string;
}

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

export async function readFileCandidates(
  fs: SourceFs,
  path: string,
  relativePath: string,
  report: RootReport,
  options: FileCandidateOptions,
): Promise<Candidate[]> {
  report.filesMatched++;
  let bytes: Uint8Array | undefined;
  try {
    bytes = await fs.readFile(path, options.maxFileBytes);
  } catch (err) {
    noteUnreadable(report, relativePath, errorReason(err));
    return [];
  }
  if (bytes === undefined) {
    report.tooLarge++;
    return [];
  }
  const decoded = decodeText(bytes);
  if ('binary' in decoded) {
    report.binary++;
    return [];
  }
  if ('undecodable' in decoded) {
    noteUndecodable(report, relativePath, decoded.undecodable);
    return [];
  }
  report.filesRead++;
  const passages = passagesOf(decoded.text, report, options);
  if (passages.length === 0 && decoded.text.trim() === '') report.empty++;
  return passages.map((p) => ({
    id: `${options.idPrefix}${relativePath}:${p.startLine}-${p.endLine}`,
    text: p.text,
    source: { kind: 'file', path: relativePath, range: { startLine: p.startLine, endLine: p.endLine } },
  }));
}

/** Passages of the text, after the secret policy: redacted in place, or left out whole. */
function passagesOf(text: string, report: RootReport, options: FileCandidateOptions): Passage[] {
  if (options.secretPolicy === undefined) return chunkText(text, options.chunk);
  const findings = findSecrets(text);
  if (findings.length === 0) return chunkText(text, options.chunk);
  if (options.secretPolicy === 'redact') {
    report.secretsRedacted += findings.length;
    // Redaction keeps every line break, so line ranges still point at the right lines.
    return chunkText(redactSecrets(text, findings), options.chunk);
  }
  const passages = chunkText(text, options.chunk);
  const kept = passages.filter((p) => !findings.some((f) => f.startLine <= p.endLine && f.endLine >= p.startLine));
  report.passagesOmitted += passages.length - kept.length;
  return kept;
}

// Titles for the passages a run sends or shows, not for every passage it reads: a workspace run
// titles the first stage's N (or the top K it shows) by reading their files again, so the work of
// finding each passage's heading or declaration grows with what is shown, not with the tree.
// Titles are read from the text with likely secrets redacted: they go to rankers and prompts.

import { titlesForRanges } from '../core/titles';
import { redactSecrets } from '../core/secrets';
import type { Candidate, LineRange } from '../core/types';
import { decodeUtf8, notText } from './fileCandidates';
import { joinPath, type SourceFs } from './fs';
import type { CollectReport } from './report';

/**
 * Sets `title` on each file passage of `candidates` that has a line range and none yet. `locate`
 * gives the path to read a passage's file from (undefined: leave it untitled); each file is read
 * once. A file that cannot be read or decoded leaves its passages untitled.
 */
export async function addTitles(
  fs: SourceFs,
  candidates: readonly Candidate[],
  locate: (candidate: Candidate) => string | undefined,
  maxFileBytes: number,
  signal?: AbortSignal,
): Promise<void> {
  const byFile = new Map<string, { candidate: Candidate; range: LineRange }[]>();
  for (const candidate of candidates) {
    const source = candidate.source;
    if (source.kind !== 'file' || source.range === undefined || candidate.title !== undefined) continue;
    const path = locate(candidate);
    if (path === undefined) continue;
    const passages = byFile.get(path) ?? [];
    passages.push({ candidate, range: source.range });
    byFile.set(path, passages);
  }
  for (const [path, passages] of byFile) {
    if (signal?.aborted) return;
    const text = await readText(fs, path, maxFileBytes);
    if (text === undefined) continue;
    const titles = titlesForRanges(redactSecrets(text), path, passages.map((p) => p.range));
    passages.forEach((p, i) => {
      const title = titles[i];
      if (title !== undefined) p.candidate.title = title;
    });
  }
}

async function readText(fs: SourceFs, path: string, maxFileBytes: number): Promise<string | undefined> {
  try {
    const bytes = await fs.readFile(path, maxFileBytes);
    return bytes === undefined || notText(bytes) !== undefined ? undefined : decodeUtf8(bytes);
  } catch {
    return undefined;
  }
}

/** Where a collected passage's file is: its root's path and the passage's path relative to it. */
export function collectedFilePath(report: Pick<CollectReport, 'roots'>): (candidate: Candidate) => string | undefined {
  return (candidate) => {
    const source = candidate.source;
    if (source.kind !== 'file') return undefined;
    const root = report.roots.find((r) => r.label === (source.root ?? ''));
    if (root === undefined) return undefined;
    return root.isFile ? root.root : joinPath(root.root, source.path);
  };
}

// What a file collection did, per root, and the sentences that explain it: an empty result says
// why ("no files matched include *.py in src (12 excluded by .gitignore)"), skipped files are
// counted, and a collection that reached a bound or filtered secrets says so, naming what it left out.

import { plural } from '../core/progress';
import { describeGuard } from '../core/secretGuard';
import type { SecretPolicy } from '../core/secrets';
import { LARGE_DATA_FILE } from './defaultExcludes';

export interface RootReport {
  /** The root as given. */
  root: string;
  /** Prefix of this root's candidate ids when there are several roots; "" otherwise. */
  label: string;
  isFile: boolean;
  /** Files that passed include, exclude and ignore rules. */
  filesMatched: number;
  /** Of those, files read as text (the rest are counted below). */
  filesRead: number;
  notIncluded: number;
  /** Entries left out by rules; a folder counts once, whatever it holds. */
  excludedByGitignore: number;
  excludedByRerankignore: number;
  excludedByGlob: number;
  binary: number;
  tooLarge: number;
  /** Data files (CSV, JSON, ...) over the large-data threshold, left out by default. */
  largeData: number;
  /** Files not read because a bound of the run (bytes read, passages held) was reached. */
  leftOut: number;
  /** Files left out by a bound, per folder ("." for the root's own files). */
  leftOutByFolder: Record<string, number>;
  /** Bytes read per folder (up to two levels deep), to name the heaviest when a bound is reached. */
  bytesByFolder: Record<string, number>;
  undecodable: number;
  /** Folders reached again through a symlink (a loop or a second path to the same folder). */
  symlinkLoops: number;
  /** Symlinks skipped because they lead outside the bounds (or where they lead cannot be told). */
  symlinksOutside: number;
  unreadable: number;
  /** Text files with nothing but whitespace. */
  empty: number;
  candidates: number;
  /** Likely secrets replaced by "[redacted ...]" (policy 'redact'). */
  secretsRedacted: number;
  /** Passages left out because they held a likely secret (policy 'omit'). */
  passagesOmitted: number;
  /** A few paths per problem, for the message: "not UTF-8: a.txt, b.txt". */
  examples: { undecodable: string[]; unreadable: string[]; outside: string[] };
}

export interface CollectReport {
  roots: RootReport[];
  candidates: number;
  /** Bytes of text read, counted against maxBytes. */
  bytesRead: number;
  maxBytes: number;
  maxPassages: number;
  /** The bound that was reached, if one was: every file after it was left out, and counted. */
  limitReached: 'bytes' | 'passages' | undefined;
  maxFileBytes: number;
  include: readonly string[];
  /** The secret policy applied, or undefined when text stays local (nothing was checked). */
  secretPolicy: SecretPolicy | undefined;
  /** What symlinks must stay inside, for the message: "the workspace", "the given paths". */
  boundsLabel: string;
}

const EXAMPLES = 3;

export function emptyRootReport(root: string, label: string, isFile: boolean): RootReport {
  return {
    root,
    label,
    isFile,
    filesMatched: 0,
    filesRead: 0,
    notIncluded: 0,
    excludedByGitignore: 0,
    excludedByRerankignore: 0,
    excludedByGlob: 0,
    binary: 0,
    tooLarge: 0,
    largeData: 0,
    leftOut: 0,
    // Keyed by folder names from the tree: no prototype, so "__proto__" is a folder like any other.
    leftOutByFolder: Object.create(null) as Record<string, number>,
    bytesByFolder: Object.create(null) as Record<string, number>,
    undecodable: 0,
    symlinkLoops: 0,
    symlinksOutside: 0,
    unreadable: 0,
    empty: 0,
    candidates: 0,
    secretsRedacted: 0,
    passagesOmitted: 0,
    examples: { undecodable: [], unreadable: [], outside: [] },
  };
}

export function noteUnreadable(report: RootReport, path: string, reason: string): void {
  report.unreadable++;
  if (report.examples.unreadable.length < EXAMPLES) report.examples.unreadable.push(`${path} (${reason})`);
}

/** A symlink skipped for leading outside the bounds; `target` is its real path, when known. */
export function noteOutside(report: RootReport, path: string, target: string | undefined): void {
  report.symlinksOutside++;
  if (report.examples.outside.length < EXAMPLES) report.examples.outside.push(`${path} -> ${target ?? '(this file system cannot tell)'}`);
}

export function noteUndecodable(report: RootReport, path: string, why: string): void {
  report.undecodable++;
  if (report.examples.undecodable.length < EXAMPLES) report.examples.undecodable.push(why ? `${path} (${why})` : path);
}

/** One line per thing worth telling the user, most important first; none for a clean run. */
export function describeCollection(report: CollectReport): string[] {
  const lines: string[] = [];
  for (const root of report.roots) {
    if (root.candidates === 0) {
      lines.push(explainEmpty(root, report));
      continue;
    }
    const skipped = describeSkipped(root, report.maxFileBytes, report.boundsLabel);
    if (skipped) lines.push(`${root.root}: skipped ${skipped}`);
  }
  const limit = describeLimit(report);
  if (limit) lines.push(limit);
  const redacted = sum(report.roots, (r) => r.secretsRedacted);
  const omitted = sum(report.roots, (r) => r.passagesOmitted);
  lines.push(...describeGuard(redacted, omitted));
  return lines;
}

/** Why a root gave no candidates. */
export function explainEmpty(root: RootReport, report: Pick<CollectReport, 'include' | 'maxFileBytes' | 'boundsLabel'>): string {
  const excluded = [
    root.excludedByGitignore && `${root.excludedByGitignore} excluded by .gitignore`,
    root.excludedByRerankignore && `${root.excludedByRerankignore} by .rerankignore`,
    root.excludedByGlob && `${root.excludedByGlob} by exclude globs`,
    root.symlinksOutside && describeOutside(root, report.boundsLabel),
  ].filter(Boolean);
  if (root.filesMatched === 0) {
    const what = report.include.length > 0 ? `no files matched include ${report.include.join(', ')}` : 'no files';
    const other = [root.notIncluded > 0 && `${plural(root.notIncluded, 'other file')} not included`, ...excluded].filter(Boolean);
    return `${what} in ${root.root}${other.length > 0 ? ` (${other.join('; ')})` : ''}`;
  }
  const skipped = describeSkipped(root, report.maxFileBytes, report.boundsLabel);
  return `${root.root}: ${plural(root.filesMatched, 'file')} matched but none held text${skipped ? ` (${skipped})` : ''}`;
}

function describeSkipped(root: RootReport, maxFileBytes: number, boundsLabel: string): string {
  return [
    root.symlinksOutside && describeOutside(root, boundsLabel),
    root.binary && `${root.binary} binary`,
    root.tooLarge && `${root.tooLarge} over ${formatBytes(maxFileBytes)}`,
    root.largeData && `${root.largeData} large data ${root.largeData === 1 ? 'file' : 'files'} (CSV, JSON, ... of ${formatBytes(LARGE_DATA_FILE.minBytes)} or more; include them by name to rank them)`,
    root.undecodable && `${root.undecodable} not UTF-8 (${root.examples.undecodable.join(', ')})`,
    root.symlinkLoops && `${plural(root.symlinkLoops, 'folder')} reached twice through symlinks`,
    root.unreadable && `${root.unreadable} unreadable (${root.examples.unreadable.join(', ')})`,
  ]
    .filter(Boolean)
    .join(', ');
}

/** The folder a file's bytes count under: its first two folders ("." for a root's own files). */
export function folderKey(relativePath: string, depth: number): string {
  const parts = relativePath.split('/');
  parts.pop();
  return parts.length === 0 ? '.' : parts.slice(0, depth).join('/');
}

/** Folders and what they count, most first; a multi-root run names each root's folders with its label. */
function ranked(report: CollectReport, field: 'leftOutByFolder' | 'bytesByFolder'): { folder: string; root: RootReport; count: number }[] {
  const all = report.roots.flatMap((root) => Object.entries(root[field]).map(([folder, count]) => ({ folder, root, count })));
  return all.sort((a, b) => b.count - a.count || (a.folder < b.folder ? -1 : 1));
}

/** What a reached bound left out, for the actions a face offers: the folder that took most of the budget, the folders left out. */
export interface LimitSummary {
  bound: 'bytes' | 'passages';
  filesLeftOut: number;
  /** Folders with files left out, most first. */
  leftOut: { folder: string; files: number }[];
  /** The folder read whose files took the most bytes: excluding it makes the most room. */
  heaviest: { folder: string; root: string; bytes: number } | undefined;
}

export function limitSummary(report: CollectReport): LimitSummary | undefined {
  if (report.limitReached === undefined) return undefined;
  const label = (r: { folder: string; root: RootReport }) => (r.root.label === '' ? r.folder : `${r.root.label}/${r.folder}`);
  const heaviest = ranked(report, 'bytesByFolder').find((f) => f.folder !== '.');
  return {
    bound: report.limitReached,
    filesLeftOut: sum(report.roots, (r) => r.leftOut),
    leftOut: ranked(report, 'leftOutByFolder').map((f) => ({ folder: label(f), files: f.count })),
    heaviest: heaviest && { folder: heaviest.folder, root: heaviest.root.root, bytes: heaviest.count },
  };
}

/**
 * The sentence for a reached bound: which bound, how many files it left out and where, and the
 * folder that took the most room. The faces add their own actions (flags, buttons).
 */
function describeLimit(report: CollectReport): string | undefined {
  const summary = limitSummary(report);
  if (summary === undefined) return undefined;
  const bound =
    summary.bound === 'bytes'
      ? `${formatSize(report.maxBytes)} of text read (the limit)`
      : `${report.maxPassages.toLocaleString('en-US')} passages held (the limit)`;
  const where = namedFolders(summary.leftOut, (f) => `${f.folder === '.' ? 'top level' : f.folder} (${f.files.toLocaleString('en-US')})`);
  const heaviest = summary.heaviest ? `; the heaviest folder read is ${summary.heaviest.folder} (${formatSize(summary.heaviest.bytes)})` : '';
  return `reached ${bound}: ${plural(summary.filesLeftOut, 'file')} left out, in ${where}${heaviest}`;
}

/** The first five folders, and how many more: "src (12), docs (3) and 4 more folders". */
export function namedFolders<T>(folders: readonly T[], name: (folder: T) => string): string {
  const shown = folders.slice(0, 5).map(name).join(', ');
  return folders.length > 5 ? `${shown} and ${plural(folders.length - 5, 'more folder')}` : shown;
}

/** Bytes for a person: "256 MB", "1.5 MB", "12 KB". */
export function formatSize(bytes: number): string {
  if (bytes >= 1 << 20) return `${Number((bytes / (1 << 20)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function describeOutside(root: RootReport, boundsLabel: string): string {
  return `${plural(root.symlinksOutside, 'symlink')} leading outside ${boundsLabel} (${root.examples.outside.join(', ')})`;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1 << 20 && bytes % (1 << 20) === 0) return `${bytes / (1 << 20)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

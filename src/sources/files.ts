// Files and folders -> candidates: walk each root (src/sources/walk.ts), read each file through
// the SourceFs passed in, leave out binary, oversized and non-UTF-8 files, handle likely secrets
// when text is bound for a remote endpoint, and chunk the rest into passages with line ranges
// (src/sources/fileOutcomes.ts). Files stream out a few at a time in walk order, so memory holds
// the candidates kept, not the tree. Two bounds keep a run's memory sane (bytes of text read,
// passages held); one that is reached is reported with the files and folders it left out.

import type { ChunkOptions } from '../core/chunk';
import { RerankError, cancelledError } from '../core/errors';
import type { SecretPolicy } from '../core/secrets';
import type { Candidate } from '../core/types';
import { fileCandidates } from './fileCandidates';
import { fileOutcomes, type FileResult, type OutcomeSettings } from './fileOutcomes';
import { baseName, errorReason, isPathWithin, isWithinBounds, type SourceFs } from './fs';
import { DEFAULT_EXCLUDES, compileGlobs, type PathMatcher } from './globs';
import { emptyRootReport, folderKey, noteOutside, type CollectReport, type RootReport } from './report';
import { nextTurn, walkFolder, type FoundFile, type RuleBase, type WalkRules } from './walk';

export const DEFAULT_MAX_FILE_BYTES = 1 << 20;
/**
 * Text read per run: a repository's prose and code, not its data. Measured, 110 MB of text held
 * as passages and ranked offline took 330 MB of memory; at this bound, about 0.8 GB.
 */
export const DEFAULT_MAX_BYTES = 256 << 20;
/** Passages held per run. */
export const DEFAULT_MAX_PASSAGES = 2_000_000;
/** Files requested ahead of the one being chunked, so an asynchronous file system reads meanwhile. */
const DEFAULT_READ_AHEAD = 8;
/**
 * Work after which the event loop gets a turn (cancellation, progress, UI), checked after each
 * batch of outcomes (16 files in this thread, one with an asynchronous file system).
 */
export const YIELD_EVERY_MS = 25;

export interface CollectOptions {
  /** Globs a file must match (any of them); none means every file. Named files always count. */
  include?: readonly string[];
  /** Globs to leave out: --exclude, files.exclude, search.exclude. Added to `defaultExcludes`. */
  exclude?: readonly string[];
  /** More globs to leave out of one root only (a workspace folder's own files.exclude). */
  rootExclude?: (root: string) => readonly string[];
  /** Default: DEFAULT_EXCLUDES (.git, .svn, .hg, ...). */
  defaultExcludes?: readonly string[];
  /** Honour .gitignore and .rerankignore files (default true). */
  ignoreFiles?: boolean;
  /**
   * Where symlinks may lead, by real path: a symlink (or a root) whose target lies outside every
   * folder of `within` is skipped and reported as leading outside `label`. Default: within the
   * roots, "the given paths". 'follow' follows every symlink (the CLI's --follow-symlinks).
   */
  symlinks?: { within: readonly string[]; label: string } | 'follow';
  /**
   * The folder whose rules apply to a root below it (the extension passes the workspace folder of
   * a subfolder the user chose): its ignore files and those down to the root are read, and globs
   * match paths from it. Undefined (and the default) for a root that is its own base.
   */
  ruleBase?: (root: string) => string | undefined;
  /** Default 1 MiB. */
  maxFileBytes?: number;
  /** Bytes of text read, at most (default 256 MB); files past the bound are left out and reported. */
  maxBytes?: number;
  /** Passages held, at most (default 2,000,000); files past the bound are left out and reported. */
  maxPassages?: number;
  /**
   * Leave out data files (CSV, JSON, ...) of LARGE_DATA_FILE.minBytes or more, unless an include
   * names them (default false: every file is read).
   */
  skipLargeDataFiles?: boolean;
  chunk?: ChunkOptions;
  /**
   * True when the text leaves this machine or may go into a language model's prompt: likely
   * secrets are then handled per `secretPolicy`. Only text that stays with the offline ranker and
   * the user's own eyes may keep them.
   */
  remote: boolean;
  /** Default 'redact'. */
  secretPolicy?: SecretPolicy;
  signal?: AbortSignal;
  /** Called after each file; cheap to call, so a UI should throttle what it draws. */
  onProgress?: (progress: CollectProgress) => void;
  /** Files read ahead (default 8). */
  readAhead?: number;
}

export interface CollectProgress {
  root: string;
  /** The file just done, relative to its root. */
  path: string;
  filesDone: number;
  candidates: number;
}

/** One file's passages, as they stream out. */
export interface CollectedFile {
  root: string;
  /** Relative to the root folder (or, for a root that is a file, to its folder). */
  path: string;
  candidates: Candidate[];
}

export interface FileCollection {
  /** Live counts; final once `files()` has finished. */
  report: CollectReport;
  /**
   * The files with passages, in walk order, a few at a time (a step of an async generator, and its
   * consumer's await, per file would be a round of promises per file).
   */
  files(): AsyncGenerator<CollectedFile[]>;
}

/** Streams candidates from `roots` (folders or files); see `collectFileCandidates` for all at once. */
export function streamFileCandidates(fs: SourceFs, roots: readonly string[], options: CollectOptions): FileCollection {
  const labels = rootLabels(roots);
  const report: CollectReport = {
    roots: roots.map((root, i) => emptyRootReport(root, labels[i] as string, false)),
    candidates: 0,
    bytesRead: 0,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    maxPassages: options.maxPassages ?? DEFAULT_MAX_PASSAGES,
    limitReached: undefined,
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    include: options.include ?? [],
    secretPolicy: options.remote ? (options.secretPolicy ?? 'redact') : undefined,
    boundsLabel: options.symlinks === 'follow' ? '' : (options.symlinks?.label ?? 'the given paths'),
  };
  return { report, files: () => collect(fs, roots, options, report) };
}

/** Every candidate from `roots`, with the report that explains what was left out. */
export async function collectFileCandidates(
  fs: SourceFs,
  roots: readonly string[],
  options: CollectOptions,
): Promise<{ candidates: Candidate[]; report: CollectReport }> {
  const collection = streamFileCandidates(fs, roots, options);
  const candidates: Candidate[] = [];
  for await (const files of collection.files()) for (const file of files) for (const c of file.candidates) candidates.push(c);
  return { candidates, report: collection.report };
}

async function* collect(fs: SourceFs, roots: readonly string[], options: CollectOptions, report: CollectReport): AsyncGenerator<CollectedFile[]> {
  const { settings, filesOf } = await prepareCollection(fs, roots, options, report);
  const done = { files: 0 };
  let lastYield = Date.now();
  for (let r = 0; r < roots.length; r++) {
    const root = roots[r] as string;
    const rootReport = report.roots[r] as RootReport;
    for await (const results of fileOutcomes(fs, await filesOf(r), settings)) {
      const collected = countOutcomes(results, root, rootReport, report, options, done);
      report.bytesRead = settings.budget.bytes;
      report.limitReached = settings.budget.full;
      if (collected.length > 0) yield collected;
      if (Date.now() - lastYield > YIELD_EVERY_MS) {
        await nextTurn();
        lastYield = Date.now();
      }
    }
  }
}

/** What walking and reading the roots needs: the outcome settings (with the run's budget), and each root's walk. */
export async function prepareCollection(
  fs: SourceFs,
  roots: readonly string[],
  options: CollectOptions,
  report: CollectReport,
): Promise<{ settings: OutcomeSettings; filesOf: (rootIndex: number) => Promise<AsyncGenerator<FoundFile[]>> }> {
  const include = compileGlobs(options.include ?? []);
  const excludes = [...(options.defaultExcludes ?? DEFAULT_EXCLUDES), ...(options.exclude ?? [])];
  const symlinkBounds = options.symlinks === 'follow' ? undefined : await realPaths(fs, options.symlinks?.within ?? roots);
  const rulesFor = (root: string): WalkRules => ({
    include,
    exclude: compileGlobs([...excludes, ...(options.rootExclude?.(root) ?? [])]),
    ignoreFiles: options.ignoreFiles ?? true,
    symlinkBounds,
  });
  const namedData = largeDataIncludes(options.include ?? []);
  const skipLargeData = options.skipLargeDataFiles === true;
  const settings: OutcomeSettings = {
    maxFileBytes: report.maxFileBytes,
    readAhead: Math.max(1, options.readAhead ?? DEFAULT_READ_AHEAD),
    text: { chunk: options.chunk, secretPolicy: report.secretPolicy },
    skipLargeData: (file) => skipLargeData && !namedData?.(baseName(file.relativePath)),
    budget: { maxBytes: report.maxBytes, maxPassages: report.maxPassages, bytes: 0, passages: 0, full: undefined },
  };
  const filesOf = (r: number) => {
    const root = roots[r] as string;
    return filesOfRoot(fs, root, rulesFor(root), report.roots[r] as RootReport, options.signal, ruleBaseOf(root, options.ruleBase));
  };
  return { settings, filesOf };
}

/**
 * Counts a batch of outcomes in the report, in walk order, and gives the files that have
 * candidates; a file left out by a bound is counted under its folder. A plain function, not part
 * of collect: V8 compiles an async generator whole, with all it inlines, so a small one stays
 * cheap to compile.
 */
function countOutcomes(results: readonly FileResult[], root: string, rootReport: RootReport, report: CollectReport, options: CollectOptions, done: { files: number }): CollectedFile[] {
  const collected: CollectedFile[] = [];
  for (const { file, outcome } of results) {
    if (options.signal?.aborted) throw cancelledError();
    const candidates = fileCandidates(outcome, file.relativePath, rootReport, rootReport.label);
    if (outcome.kind === 'left-out') addTo(rootReport.leftOutByFolder, folderKey(file.relativePath, 1), 1);
    else if (outcome.kind === 'text') addTo(rootReport.bytesByFolder, folderKey(file.relativePath, 2), outcome.bytes);
    rootReport.candidates += candidates.length;
    report.candidates += candidates.length;
    done.files++;
    options.onProgress?.({ root, path: file.relativePath, filesDone: done.files, candidates: report.candidates });
    if (candidates.length > 0) collected.push({ root, path: file.relativePath, candidates });
  }
  return collected;
}

function addTo(counts: Record<string, number>, key: string, amount: number): void {
  counts[key] = (counts[key] ?? 0) + amount;
}

/**
 * What brings large data files back: an include whose last part names files ("*.csv",
 * "data/sales.json"), matched against a file's name; "src/**" names a folder, not data.
 */
function largeDataIncludes(include: readonly string[]): PathMatcher | undefined {
  const names = include.map((glob) => glob.replace(/\\/g, '/').replace(/\/+$/, '').split('/').pop() ?? '').filter((name) => name !== '' && name !== '**' && name !== '*');
  return compileGlobs(names);
}

/** Labels that tell roots apart in candidate ids: none for one root, else folder names made unique. */
export function rootLabels(roots: readonly string[]): string[] {
  if (roots.length <= 1) return roots.map(() => '');
  const seen = new Map<string, number>();
  return roots.map((root) => {
    const name = baseName(root) || root;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name} (${count})`;
  });
}

/** The rule base of a root strictly below the folder `ruleBase` names for it, else undefined. */
function ruleBaseOf(root: string, ruleBase: CollectOptions['ruleBase']): RuleBase | undefined {
  const base = ruleBase?.(root)?.replace(/\/+$/, '');
  const trimmedRoot = root.replace(/\/+$/, '');
  if (!base || base === trimmedRoot || !isPathWithin(base, trimmedRoot)) return undefined;
  return { path: base, rootFromBase: trimmedRoot.slice(base.length + 1) };
}

/** The real paths of `folders` where the file system tells them; a folder it cannot resolve stays as given. */
async function realPaths(fs: SourceFs, folders: readonly string[]): Promise<string[]> {
  const real: string[] = [];
  for (const folder of folders) {
    try {
      real.push(fs.realpath ? await fs.realpath(folder) : folder);
    } catch {
      real.push(folder);
    }
  }
  return real;
}

/** The files of one root: a folder's walk, or the file itself (named files skip every rule). */
async function filesOfRoot(fs: SourceFs, root: string, rules: WalkRules, report: RootReport, signal?: AbortSignal, base?: RuleBase): Promise<AsyncGenerator<FoundFile[]>> {
  let type;
  let realRoot;
  try {
    type = (await fs.stat(root)).type;
    realRoot = fs.realpath ? await fs.realpath(root) : root;
  } catch (err) {
    throw new RerankError('bad-input', `cannot read ${root}: ${errorReason(err)}`);
  }
  // A root named inside the bounds may itself be, or lie under, a symlink that leads out.
  if (rules.symlinkBounds !== undefined && !isWithinBounds(rules.symlinkBounds, realRoot)) {
    noteOutside(report, root, realRoot);
    return (async function* () {})();
  }
  if (type === 'directory') return walkFolder(fs, root, rules, report, signal, base);
  if (type !== 'file') throw new RerankError('bad-input', `cannot read ${root}: not a file or folder`);
  report.isFile = true;
  return (async function* () {
    yield [{ path: root, relativePath: baseName(root) }];
  })();
}

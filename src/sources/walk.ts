// Walking a root folder: depth first in name order, pruning excluded and ignored folders before
// reading them, following symlinks only where their real path stays inside the bounds (the
// workspace folders, or the CLI's PATHs) and never into the same real folder twice, and counting
// every entry it leaves out so an empty result can say why.

import { cancelledError } from '../core/errors';
import { errorReason, isWithinBounds, joinPath, type DirEntry, type EntryType, type SourceFs } from './fs';
import { matchesFolder, type PathMatcher } from './globs';
import { ignoredBy, layerForFolder, type IgnoreLayer, type IgnoreSource } from './ignore';
import { noteOutside, noteUnreadable, type RootReport } from './report';

export interface WalkRules {
  include: PathMatcher | undefined;
  exclude: PathMatcher | undefined;
  /** Read .gitignore and .rerankignore files. */
  ignoreFiles: boolean;
  /**
   * Real paths of the folders symlinks may lead into; a symlink whose target is elsewhere is
   * skipped and reported. Undefined follows every symlink.
   */
  symlinkBounds: readonly string[] | undefined;
}

/**
 * A folder above the root whose rules apply to it: the workspace folder when the user ranks one of
 * its subfolders. Its ignore files and those of every folder down to the root are read, and globs
 * and ignore rules see paths from it ("packages/app/src/a.ts", not "src/a.ts").
 */
export interface RuleBase {
  path: string;
  /** The root relative to `path`, "/"-separated, without a trailing "/". */
  rootFromBase: string;
}

export interface FoundFile {
  /** What to pass to the file system. */
  path: string;
  /** Relative to the root, with "/" separators. */
  relativePath: string;
}

interface Folder {
  path: string;
  relativePath: string;
  /** Canonical path, when the file system can tell; undefined otherwise. */
  realPath: string | undefined;
  layer: IgnoreLayer | undefined;
}

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Folders read between turns of the event loop. A synchronous file system answers every call in a
 * microtask, so a walk of many folders and few files would otherwise keep signals (Ctrl-C) and
 * timers waiting until it ends; a turn per 256 folders costs nothing a walk notices.
 */
const FOLDERS_PER_TURN = 256;

/**
 * Files under `root` that pass the rules, in a stable order, a folder's at a time (a step of an
 * async generator per file would be a round of promises per file); everything left out is counted.
 */
export async function* walkFolder(fs: SourceFs, root: string, rules: WalkRules, report: RootReport, signal?: AbortSignal, base?: RuleBase): AsyncGenerator<FoundFile[]> {
  const rootReal = fs.realpath ? await fs.realpath(root) : undefined;
  // Real paths of folders entered. A plain subfolder's real path is its parent's plus its name,
  // so only symlinks cost a realpath call.
  const visited = new Set<string>(rootReal === undefined ? [] : [rootReal]);
  // The path the rules see: from the rule base when there is one, else from the root.
  const fromBase = base ? (relativePath: string) => (relativePath === '' ? base.rootFromBase : `${base.rootFromBase}/${relativePath}`) : (relativePath: string) => relativePath;
  const above = base && rules.ignoreFiles ? await layerAboveRoot(fs, base) : undefined;
  const stack: Folder[] = [{ path: root, relativePath: '', realPath: rootReal, layer: above?.layer }];
  const walk: WalkState = { rules, report, visited, fromBase, canResolve: fs.realpath !== undefined, rootIgnoredBy: above?.rootIgnoredBy };
  for (let folders = 1; stack.length > 0; folders++) {
    if (folders % FOLDERS_PER_TURN === 0) await nextTurn();
    if (signal?.aborted) throw cancelledError();
    const folder = stack.pop() as Folder;
    let entries;
    try {
      entries = await fs.readDirectory(folder.path);
    } catch (err) {
      noteUnreadable(report, folder.relativePath || '.', errorReason(err));
      continue;
    }
    entries.sort(byName);
    const layer = rules.ignoreFiles ? await layerForFolder(fs, folder.path, fromBase(folder.relativePath), entries, folder.layer) : undefined;
    const targets = await followSymlinks(fs, folder, entries, report, rules.symlinkBounds !== undefined);
    const subfolders: Folder[] = [];
    const files = placeEntries(walk, folder, entries, targets, layer, subfolders);
    if (files.length > 0) yield files;
    for (let i = subfolders.length - 1; i >= 0; i--) stack.push(subfolders[i] as Folder);
  }
}

/** A macrotask turn: setImmediate where there is one (Node, the extension host), else a timer. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

/** What a symlink points to: its type, and its real path (a folder's always, a file's when bounded). */
interface Target {
  type: EntryType;
  realPath?: string;
}

/**
 * The targets of a folder's symlinks, by entry index (none when it has no symlinks); a symlink
 * that cannot be followed has none, and is counted unreadable when it is broken.
 */
async function followSymlinks(fs: SourceFs, folder: Folder, entries: readonly DirEntry[], report: RootReport, bounded: boolean): Promise<(Target | undefined)[] | undefined> {
  let targets: (Target | undefined)[] | undefined;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as DirEntry;
    if (entry.type !== 'symlink') continue;
    targets ??= [];
    const path = joinPath(folder.path, entry.name);
    try {
      const type = (await fs.stat(path)).type;
      // Without realpath a symlinked folder cannot be checked for loops: leave it out.
      if (type !== 'directory' && !bounded) targets[i] = { type };
      else if (fs.realpath) targets[i] = { type, realPath: await fs.realpath(path) };
      // Without realpath nothing tells where a symlink leads: placeEntries skips it as outside.
      else if (bounded) targets[i] = { type };
    } catch (err) {
      noteUnreadable(report, relativePathOf(folder, entry.name), errorReason(err));
    }
  }
  return targets;
}

function relativePathOf(folder: Folder, name: string): string {
  return folder.relativePath === '' ? name : `${folder.relativePath}/${name}`;
}

/** What placing a folder's entries needs from its walk. */
interface WalkState {
  rules: WalkRules;
  report: RootReport;
  /** Real paths of the folders entered (see walkFolder). */
  visited: Set<string>;
  /** The path the rules see. */
  fromBase: (relativePath: string) => string;
  /** Whether the file system gives real paths (else no symlink can be shown to stay inside). */
  canResolve: boolean;
  /** The ignore file that ignores the root itself (or a folder above it, up to the rule base). */
  rootIgnoredBy: IgnoreSource | undefined;
}

/**
 * A folder's files that pass the rules, in name order, its subfolders to walk pushed onto
 * `subfolders`, and everything left out counted. A plain function, not part of the walk's async
 * generator: V8 compiles an async generator whole, and a small one stays cheap to compile
 * (see countOutcomes in files.ts).
 */
function placeEntries(
  walk: WalkState,
  folder: Folder,
  entries: readonly DirEntry[],
  targets: readonly (Target | undefined)[] | undefined,
  layer: IgnoreLayer | undefined,
  subfolders: Folder[],
): FoundFile[] {
  const { rules, report, visited, fromBase } = walk;
  const files: FoundFile[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as DirEntry;
    let type: EntryType = entry.type;
    let realPath: string | undefined;
    if (type === 'symlink') {
      const target = targets?.[i];
      if (target === undefined) continue;
      type = target.type;
      realPath = target.realPath;
    }
    const path = joinPath(folder.path, entry.name);
    const relativePath = relativePathOf(folder, entry.name);
    const rulePath = fromBase(relativePath);
    // Everything in a root that ignore rules exclude is excluded with it, as git has it.
    if (folder.relativePath === '' && walk.rootIgnoredBy !== undefined) {
      countIgnoredBy(report, walk.rootIgnoredBy);
      continue;
    }
    if (type === 'directory') {
      if (rules.exclude && matchesFolder(rules.exclude, rulePath)) report.excludedByGlob++;
      else if (countIgnored(report, layer, rulePath, true)) continue;
      else if (entry.type === 'symlink' && leadsOutside(walk, realPath)) noteOutside(report, relativePath, realPath);
      else {
        realPath ??= folder.realPath === undefined ? undefined : joinPath(folder.realPath, entry.name);
        if (realPath !== undefined && visited.has(realPath)) report.symlinkLoops++;
        else {
          if (realPath !== undefined) visited.add(realPath);
          subfolders.push({ path, relativePath, realPath, layer });
        }
      }
    } else if (type === 'file') {
      if (rules.exclude?.(rulePath)) report.excludedByGlob++;
      else if (countIgnored(report, layer, rulePath, false)) continue;
      else if (rules.include && !rules.include(rulePath)) report.notIncluded++;
      else if (entry.type === 'symlink' && leadsOutside(walk, realPath)) noteOutside(report, relativePath, realPath);
      else files.push({ path, relativePath });
    }
    // Anything else (sockets, FIFOs, devices) is never read: a FIFO would block forever.
  }
  return files;
}

/** Whether a symlink's target lies outside the bounds (or cannot be told). */
function leadsOutside(walk: WalkState, realPath: string | undefined): boolean {
  const bounds = walk.rules.symlinkBounds;
  if (bounds === undefined) return false;
  return realPath === undefined || !walk.canResolve || !isWithinBounds(bounds, realPath);
}

/**
 * The ignore rules of the base and of every folder between it and the root (not the root's own),
 * and the ignore file that ignores the root or a folder on the way to it, if one does.
 */
async function layerAboveRoot(fs: SourceFs, base: RuleBase): Promise<{ layer: IgnoreLayer | undefined; rootIgnoredBy: IgnoreSource | undefined }> {
  let layer: IgnoreLayer | undefined;
  let rootIgnoredBy: IgnoreSource | undefined;
  let path = base.path;
  let relative = '';
  for (const segment of base.rootFromBase.split('/')) {
    try {
      layer = await layerForFolder(fs, path, relative, await fs.readDirectory(path), layer);
    } catch {
      // An unreadable folder above the root has no rules to give.
    }
    path = joinPath(path, segment);
    relative = relative === '' ? segment : `${relative}/${segment}`;
    rootIgnoredBy ??= ignoredBy(layer, relative, true);
  }
  return { layer, rootIgnoredBy };
}

function countIgnored(report: RootReport, layer: IgnoreLayer | undefined, relativePath: string, isFolder: boolean): boolean {
  if (layer === undefined) return false;
  const source = ignoredBy(layer, relativePath, isFolder);
  countIgnoredBy(report, source);
  return source !== undefined;
}

function countIgnoredBy(report: RootReport, source: IgnoreSource | undefined): void {
  if (source === 'gitignore') report.excludedByGitignore++;
  else if (source === 'rerankignore') report.excludedByRerankignore++;
}

// Include and exclude globs over paths relative to a root ("src/a.ts"): `**`, `*`, `?`, `[..]`,
// `[!..]` and `{a,b}`, matched in linear time (src/sources/globMatch.ts), so a workspace's
// settings cannot freeze a run with a pattern that backtracks. As in ripgrep's -g and
// .gitignore, a pattern without a slash matches a name at any depth ("*.ts", "node_modules"); a
// leading slash anchors it to the root, as does a slash inside it ("src/*.js"). A pattern also
// matches everything under what it names, so "src" or "docs/api" include or exclude whole
// folders; a trailing slash ("build/") names folders only. Dot files match like any other.
// Backslashes are separators ("src\gen"), a leading "./" is dropped, and lines starting with "#"
// are comments. There is no negation: "!" is a literal character here (ignore files have their
// own "!", src/sources/ignore.ts).

import { globPrefixMatches, parseGlob, type Glob } from './globMatch';

/** Whether a path relative to the root matches; a trailing "/" marks a folder ("build/"). */
export type PathMatcher = (relativePath: string) => boolean;

/** VS Code's files.exclude defaults: version-control folders and OS litter, never worth ranking. */
export const DEFAULT_EXCLUDES: readonly string[] = ['**/.git', '**/.svn', '**/.hg', '**/CVS', '**/.DS_Store', '**/Thumbs.db'];

interface SettingsGlob {
  glob: Glob;
  /** "build/": only a folder, or what is under it, matches. */
  folderOnly: boolean;
}

/**
 * A matcher true when any pattern matches; undefined for no patterns. Throws a RerankError for
 * a pattern whose braces expand to too many alternatives.
 */
export function compileGlobs(patterns: readonly string[]): PathMatcher | undefined {
  const names = new Set<string>();
  const globs: SettingsGlob[] = [];
  for (const pattern of patterns.map((p) => p.trim()).filter((p) => p !== '' && !p.startsWith('#'))) {
    const name = segmentName(pattern);
    if (name === undefined) globs.push(settingsGlob(pattern));
    else names.add(name);
  }
  const glob = globs.length > 0 ? (relativePath: string) => matchesAny(globs, relativePath) : undefined;
  if (names.size === 0) return glob;
  // Every path of a large tree meets the default excludes: one regular expression for a segment
  // that is any of the names, instead of a glob each. It has no quantifier, so it cannot
  // backtrack: its cost is at most the path's length times the names'.
  const segment = new RegExp(`(?:^|/)(?:${[...names].map(escapeRegExp).join('|')})(?:/|$)`);
  const named = (relativePath: string): boolean => segment.test(relativePath);
  return glob === undefined ? named : (relativePath) => named(relativePath) || glob(relativePath);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// NAME for "NAME" and "**/NAME" with no glob character in NAME: such a pattern matches exactly
// the paths with a segment NAME (the name itself, or anything under it).
function segmentName(pattern: string): string | undefined {
  let p = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
  if (p.startsWith('**/')) p = p.slice(3);
  return /^[^/*?[\]{}]+$/.test(p) && p !== '.' && p !== '..' ? p : undefined;
}

function settingsGlob(pattern: string): SettingsGlob {
  let p = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
  const folderOnly = p.endsWith('/');
  p = p.replace(/\/+$/, '');
  if (p.startsWith('/')) p = p.slice(1);
  else if (!p.includes('/')) p = `**/${p}`;
  return { glob: parseGlob(p, { braces: true, nocase: false, written: pattern }), folderOnly };
}

function matchesAny(globs: readonly SettingsGlob[], relativePath: string): boolean {
  if (relativePath === '' || relativePath === '/') return false;
  const isFolder = relativePath.endsWith('/');
  const segments = (isFolder ? relativePath.slice(0, -1) : relativePath).split('/');
  return globs.some(({ glob, folderOnly }) => {
    const prefixes = globPrefixMatches(glob, segments);
    // A match of a leading part names a folder the path is under.
    for (let j = 1; j < segments.length; j++) if (prefixes[j] === 1) return true;
    return prefixes[segments.length] === 1 && (!folderOnly || isFolder);
  });
}

/** True when a folder at `relativePath` is matched (so nothing under it needs a visit). */
export function matchesFolder(matcher: PathMatcher, relativePath: string): boolean {
  return matcher(`${relativePath}/`);
}

// Include and exclude globs over paths relative to a root ("src/a.ts"), picomatch syntax
// (**, *, ?, [..], {a,b}). As in ripgrep's -g and .gitignore, a pattern without a slash matches
// a name at any depth ("*.ts", "node_modules"); a leading slash anchors it to the root. A
// pattern also matches everything under what it names, so "src" or "docs/api" include or
// exclude whole folders. Dot files match like any other.

import picomatch from 'picomatch';

export type PathMatcher = (relativePath: string) => boolean;

/** VS Code's files.exclude defaults: version-control folders and OS litter, never worth ranking. */
export const DEFAULT_EXCLUDES: readonly string[] = ['**/.git', '**/.svn', '**/.hg', '**/CVS', '**/.DS_Store', '**/Thumbs.db'];

/** A matcher true when any pattern matches; undefined for no patterns. */
export function compileGlobs(patterns: readonly string[]): PathMatcher | undefined {
  const names = new Set<string>();
  const globs: string[] = [];
  for (const pattern of patterns.map((p) => p.trim()).filter((p) => p !== '' && !p.startsWith('#'))) {
    const name = segmentName(pattern);
    if (name === undefined) globs.push(...expandGlob(pattern));
    else names.add(name);
  }
  const glob = globs.length > 0 ? picomatch(globs, { dot: true }) : undefined;
  if (names.size === 0) return glob;
  // Every path of a large tree meets the default excludes: one regular expression for a segment
  // that is any of the names, instead of a dozen (picomatch's for "**/.git" and "**/.git/**" and
  // the like), and no substring per segment (bench/README.md, fourth session).
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
  return /^[^/*?[\]{}()!+@]+$/.test(p) && p !== '.' && p !== '..' ? p : undefined;
}

function expandGlob(pattern: string): string[] {
  let p = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
  const dirOnly = p.endsWith('/');
  p = p.replace(/\/+$/, '');
  if (p.startsWith('/')) p = p.slice(1);
  else if (!p.includes('/')) p = `**/${p}`;
  // "build/" names folders only: the folder ("build/" as matchesFolder asks) and what is under
  // it match, a file named build does not.
  return dirOnly ? [`${p}/`, `${p}/**/*`] : [p, `${p}/**`];
}

/** True when a folder at `relativePath` is matched (so nothing under it needs a visit). */
export function matchesFolder(matcher: PathMatcher, relativePath: string): boolean {
  return matcher(relativePath) || matcher(`${relativePath}/`);
}

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
  const expanded = patterns.map((p) => p.trim()).filter((p) => p !== '' && !p.startsWith('#')).flatMap(expandGlob);
  if (expanded.length === 0) return undefined;
  return picomatch(expanded, { dot: true });
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

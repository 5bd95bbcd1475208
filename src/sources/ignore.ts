// .gitignore and .rerankignore, nested as git nests them: each folder's file applies to paths
// under that folder, a deeper file overrides a shallower one (so "!keep.log" in a subfolder
// re-includes what the root excluded), and in one folder .rerankignore overrides .gitignore.
//
// Patterns are matched by the same linear-time matcher as every other glob (src/sources/
// globMatch.ts), per gitignore(5): "!" re-includes, a trailing "/" names folders only, a pattern
// with a slash before its end is anchored to its folder, one without matches at any depth, `**`
// spans folders, "\" escapes, and letters match without case (as git's core.ignoreCase has it on
// Windows and macOS). A rule matches the path itself; what is under an ignored folder is never
// visited (the walk prunes it), so, as in git, nothing under it can be re-included.
//
// Nesting is done by rebasing each file's patterns onto the root ("x.log" in sub/ becomes
// "sub/**/x.log") and keeping one rule list per folder chain in precedence order: the last rule
// that matches decides, across files, which matching file by file cannot (a child file's "!dir/"
// must also bring back what is under dir/). Ignore files above a root are read only from its rule
// base (src/sources/walk.ts RuleBase: the workspace folder of a subfolder the user chose in VS
// Code); a workspace folder or a PATH given to the CLI is its own base.

import { joinPath, type DirEntry, type SourceFs } from './fs';
import { globMatchesWhole, parseGlob, type Glob } from './globMatch';

export type IgnoreSource = 'gitignore' | 'rerankignore';

const IGNORE_FILES: Readonly<Record<IgnoreSource, string>> = { gitignore: '.gitignore', rerankignore: '.rerankignore' };

/** The rules in force in a folder: its own ignore files' and every ancestor's, in precedence order. */
export interface IgnoreLayer {
  rules: readonly IgnoreRule[];
}

export interface IgnoreRule {
  source: IgnoreSource;
  /** "!pattern": re-includes what an earlier rule ignored. */
  negative: boolean;
  /** "pattern/": matches folders only. */
  folderOnly: boolean;
  glob: Glob;
}

/** Largest ignore file read; anything bigger is not an ignore file a person wrote. */
const MAX_IGNORE_FILE_BYTES = 1 << 20;

/**
 * The layer for a folder: `parent` plus the folder's own ignore files, if it has any.
 * Unreadable ignore files count as absent.
 */
export async function layerForFolder(
  fs: SourceFs,
  folder: string,
  relativeFolder: string,
  entries: readonly DirEntry[],
  parent: IgnoreLayer | undefined,
): Promise<IgnoreLayer | undefined> {
  const added: IgnoreRule[] = [];
  for (const source of ['gitignore', 'rerankignore'] as const) {
    const name = IGNORE_FILES[source];
    // A plain file only: a symlinked ignore file could lead anywhere on the machine.
    if (!entries.some((e) => e.name === name && e.type === 'file')) continue;
    let text: string;
    try {
      const bytes = await fs.readFile(joinPath(folder, name), MAX_IGNORE_FILE_BYTES);
      if (bytes === undefined) continue;
      text = new TextDecoder().decode(bytes);
    } catch {
      continue;
    }
    const prefix = relativeFolder === '' ? '' : `${escapeForPattern(relativeFolder)}/`;
    for (const line of text.split(/\r?\n/)) {
      const pattern = rebasePattern(line, prefix);
      if (pattern !== undefined) added.push(parseRule(pattern, source));
    }
  }
  if (added.length === 0) return parent;
  return { rules: [...(parent?.rules ?? []), ...added] };
}

/** A rule from a pattern as rebasePattern gives it (relative to the root). */
export function parseRule(pattern: string, source: IgnoreSource): IgnoreRule {
  let body = pattern;
  const negative = body.startsWith('!');
  if (negative) body = body.slice(1);
  // "\!" and "\#" start patterns that begin with those characters; the matcher reads "\x" as x.
  const folderOnly = body.endsWith('/') && !body.endsWith('\\/');
  if (folderOnly) body = body.replace(/\/+$/, '');
  if (body.startsWith('/')) body = body.slice(1);
  else if (!body.includes('/')) body = `**/${body}`;
  // A trailing "/**" matches everything inside, not the folder itself.
  if (body.endsWith('/**')) body = `${body.slice(0, -3)}/*/**`;
  return { source, negative, folderOnly, glob: parseGlob(body, { braces: false, nocase: true }) };
}

/** Which ignore file excludes the entry at `relativePath` (from the root), or undefined. */
export function ignoredBy(layer: IgnoreLayer | undefined, relativePath: string, isFolder: boolean): IgnoreSource | undefined {
  if (layer === undefined) return undefined;
  // Rules ignore case: fold the path once, not once per rule.
  const segments = relativePath.toLowerCase().split('/');
  // The last rule that matches decides.
  for (let i = layer.rules.length - 1; i >= 0; i--) {
    const rule = layer.rules[i] as IgnoreRule;
    if (rule.folderOnly && !isFolder) continue;
    if (globMatchesWhole(rule.glob, segments, true)) return rule.negative ? undefined : rule.source;
  }
  return undefined;
}

/**
 * A line of an ignore file in folder `prefix` (relative to the root, ending in "/"), rewritten
 * to mean the same from the root; undefined for blank lines and comments. Per gitignore(5): a
 * pattern with a slash before its end is anchored to its folder, one without matches at any
 * depth below it.
 */
export function rebasePattern(line: string, prefix: string): string | undefined {
  // Trailing spaces are dropped unless escaped with a backslash.
  const trimmed = line.replace(/(?<!\\)[ \t]+$/, '');
  if (trimmed === '' || trimmed.startsWith('#')) return undefined;
  if (prefix === '') return trimmed;
  const negative = trimmed.startsWith('!');
  let body = negative ? trimmed.slice(1) : trimmed;
  const folderOnly = body.endsWith('/');
  if (folderOnly) body = body.slice(0, -1);
  const anchored = body.includes('/');
  if (body.startsWith('/')) body = body.slice(1);
  return `${negative ? '!' : ''}${prefix}${anchored ? '' : '**/'}${body}${folderOnly ? '/' : ''}`;
}

/** A folder path as literal pattern text: glob characters escaped, as are a leading ! or #. */
function escapeForPattern(path: string): string {
  return path.replace(/[\\*?[\]]/g, '\\$&').replace(/^[!#]/, '\\$&');
}

// Where the CLI keeps the index of its PATHs: --index DIR, else the index folder in the user's cache
// folder ($XDG_CACHE_HOME/rerank/index, ~/.cache/rerank/index, %LOCALAPPDATA%\rerank\index);
// --no-index goes without. The default folder keeps the trees ranked last and no more, so running
// the CLI over many trees does not fill the disk; a folder the user names is theirs to manage.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { INDEX_EXTENSION } from '../sources/workspaceIndex/storage';
import type { CliArgs } from './args';
import { defaultCacheDir } from './scoreCacheDir';

/** Index files the default folder keeps: one per tree, the ones used last. */
const KEPT_INDEXES = 16;

export interface IndexFolder {
  path: string;
  /** The default folder, pruned to KEPT_INDEXES after a run. */
  pruned: boolean;
}

export function indexFolderFor(args: Pick<CliArgs, 'index' | 'noIndex'>, env: NodeJS.ProcessEnv): IndexFolder | undefined {
  if (args.noIndex) return undefined;
  if (args.index !== undefined) return { path: path.resolve(args.index), pruned: false };
  const cache = defaultCacheDir(env);
  return cache === undefined ? undefined : { path: path.join(path.resolve(cache), 'index'), pruned: true };
}

/**
 * Marks the index files `used` (names in `folder`) as used now, then deletes all but the `keep`
 * used last: a tree ranked often keeps its index even when nothing in it changes.
 */
export async function pruneIndexes(folder: string, used: readonly string[], keep: number = KEPT_INDEXES): Promise<void> {
  const now = new Date();
  for (const name of used) await fs.utimes(path.join(folder, name), now, now).catch(() => undefined);
  const names = (await fs.readdir(folder)).filter((name) => name.endsWith(INDEX_EXTENSION));
  if (names.length <= keep) return;
  const written = await Promise.all(names.map(async (name) => ({ name, at: (await fs.stat(path.join(folder, name)).catch(() => undefined))?.mtimeMs ?? 0 })));
  written.sort((a, b) => b.at - a.at);
  for (const { name } of written.slice(keep)) await fs.rm(path.join(folder, name), { force: true });
}
